import { beforeAll, describe, expect, it } from 'vitest';
import { BOOL, FIXED_NOW_ISO, N, S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { dynamoError, mediaItem, worker } from './fixtures';

/**
 * Mutation.reportProgress (IAM) — UpdateItem of the media item with the worker's report; the item
 * must exist (attribute_exists condition), and a missing one is NotFound.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html (UpdateItem)
 */
describe('Resolver: Mutation.reportProgress', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.reportProgress.ts');
  });

  const report = (input: Record<string, unknown>) =>
    callRequest(resolver, { args: { input: { mediaId: 'media-1', status: 'PROCESSING', progress: 40, ...input } }, identity: worker });

  it('sets status, progress and updatedAt, and clears an earlier error', () => {
    // Act
    const request = valueOf(report({}));

    // Assess
    expect(request).toStrictEqual({
      operation: 'UpdateItem',
      key: { pk: S('MEDIA#media-1'), sk: S('META') },
      update: {
        expression: 'SET #status = :status, #progress = :progress, #updatedAt = :updatedAt REMOVE #error',
        expressionNames: { '#status': 'status', '#progress': 'progress', '#updatedAt': 'updatedAt', '#error': 'error' },
        expressionValues: { ':status': S('PROCESSING'), ':progress': N(40), ':updatedAt': S(FIXED_NOW_ISO) },
      },
      condition: { expression: 'attribute_exists(pk)' },
    });
  });

  it('copies what the worker learnt (stage, format, checksum, size — even 0 —, metadata, quality)', () => {
    // Act
    const request = valueOf(
      report({ stage: 'checksum', format: 'jpeg', mediaType: 'IMAGE', sha256: 'ab12', size: 0, metadata: { width: 10 }, quality: { sharpness: 0.9 } }),
    ) as { update: { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, unknown> } };

    // Assess
    expect(request.update.expression).toBe(
      'SET #status = :status, #progress = :progress, #updatedAt = :updatedAt, #stage = :stage, #format = :format, #mediaType = :mediaType, ' +
        '#sha256 = :sha256, #size = :size, #metadata = :metadata, #quality = :quality REMOVE #error',
    );
    expect(request.update.expressionValues).toMatchObject({
      ':stage': S('checksum'),
      ':format': S('jpeg'),
      ':mediaType': S('IMAGE'),
      ':sha256': S('ab12'),
      ':size': N(0),
      ':metadata': { M: { width: N(10) } },
      ':quality': { M: { sharpness: N(0.9) } },
    });
    expect(request.update.expressionNames).toMatchObject({ '#size': 'size', '#metadata': 'metadata', '#quality': 'quality' });
  });

  it('makes the processed version the shown one and copies its perceptual hash and preview flags', () => {
    // Act
    const request = valueOf(report({ status: 'READY', progress: 100, version: 2, perceptualHash: '8f3c0a1b2c3d4e5f', hasThumbnail: true, hasPoster: true })) as {
      update: { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, unknown> };
    };

    // Assess
    expect(request.update.expression).toBe(
      'SET #status = :status, #progress = :progress, #updatedAt = :updatedAt, #version = :version, #perceptualHash = :perceptualHash, ' +
        '#hasThumbnail = :hasThumbnail, #hasPoster = :hasPoster REMOVE #error',
    );
    expect(request.update.expressionNames).toMatchObject({ '#version': 'version', '#perceptualHash': 'perceptualHash', '#hasThumbnail': 'hasThumbnail', '#hasPoster': 'hasPoster' });
    expect(request.update.expressionValues).toMatchObject({
      ':version': N(2),
      ':perceptualHash': S('8f3c0a1b2c3d4e5f'),
      ':hasThumbnail': BOOL(true),
      ':hasPoster': BOOL(true),
    });
  });

  it('writes false preview flags (an image has no poster) rather than leaving the earlier version\'s true in place', () => {
    // Act
    const request = valueOf(report({ status: 'READY', progress: 100, version: 3, hasThumbnail: false, hasPoster: false })) as {
      update: { expression: string; expressionValues: Record<string, unknown> };
    };

    // Assess
    expect(request.update.expression).toContain('#hasThumbnail = :hasThumbnail, #hasPoster = :hasPoster');
    expect(request.update.expressionValues[':hasThumbnail']).toStrictEqual(BOOL(false));
    expect(request.update.expressionValues[':hasPoster']).toStrictEqual(BOOL(false));
  });

  it('leaves version, perceptual hash and preview flags alone when the report does not carry them', () => {
    // Act
    const request = valueOf(report({ version: null, perceptualHash: null, hasThumbnail: null })) as { update: { expression: string; expressionNames: Record<string, string> } };

    // Assess
    expect(request.update.expression).not.toMatch(/version|perceptualHash|hasThumbnail|hasPoster/);
    expect(Object.keys(request.update.expressionNames)).not.toContain('#hasPoster');
  });

  it('leaves out optional fields the report does not carry (null counts as absent)', () => {
    // Act
    const request = valueOf(report({ stage: null, sha256: null })) as { update: { expressionNames: Record<string, string> } };

    // Assess
    expect(Object.keys(request.update.expressionNames).sort()).toEqual(['#error', '#progress', '#status', '#updatedAt']);
  });

  it('records the reason of a FAILED report', () => {
    // Act
    const request = valueOf(report({ status: 'FAILED', progress: 100, error: 'corrupt JPEG' })) as { update: { expression: string; expressionValues: Record<string, unknown> } };

    // Assess
    expect(request.update.expression).toBe('SET #status = :status, #progress = :progress, #updatedAt = :updatedAt, #error = :error');
    expect(request.update.expressionValues[':error']).toStrictEqual(S('corrupt JPEG'));
  });

  it('refuses a FAILED report without a reason', () => {
    expect(errorOf(report({ status: 'FAILED' }))).toMatchObject({ errorType: 'BadRequest', message: 'A FAILED report must say why (error)' });
  });

  it('refuses progress outside 0..100 and accepts both ends', () => {
    expect(errorOf(report({ progress: -1 }))).toMatchObject({ errorType: 'BadRequest', message: 'progress must be between 0 and 100, got -1' });
    expect(errorOf(report({ progress: 101 }))).toMatchObject({ errorType: 'BadRequest', message: 'progress must be between 0 and 100, got 101' });
    expect(report({ progress: 0 }).kind).toBe('value');
    expect(report({ progress: 100 }).kind).toBe('value');
  });

  it('returns the updated item, which subscribers of the item then receive', () => {
    // Prepare
    const updated = mediaItem({ status: 'PROCESSING', progress: 40 });

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { input: { mediaId: 'media-1' } }, identity: worker, result: updated }))).toStrictEqual(updated);
  });

  it('turns the failed attribute_exists condition into NotFound naming the media', () => {
    // Act
    const error = errorOf(
      callResponse(resolver, { args: { input: { mediaId: 'media-404' } }, identity: worker, result: null, error: dynamoError('ConditionalCheckFailedException') }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'NotFound', message: 'Media media-404 not found' });
  });

  it("raises any other failure with DynamoDB's type", () => {
    expect(
      errorOf(callResponse(resolver, { args: { input: { mediaId: 'media-1' } }, identity: worker, result: null, error: dynamoError('ValidationException', 'too big') })),
    ).toMatchObject({ errorType: 'DynamoDB:ValidationException', message: 'too big' });
  });
});
