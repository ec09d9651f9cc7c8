import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW_ISO, NULL, S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, dynamoError, mediaItem, worker } from '../fixtures';

/** putAnalysis (Mutation.reportAnalysis) — PutItem of `MEDIA#id / ANALYSIS#kind`, replacing an earlier result of that kind. */
describe('Function: putAnalysis', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/putAnalysis.ts');
  });

  const field = 'Mutation.reportAnalysis';

  it("writes the result under the analyzer's kind, owned by the media's owner", () => {
    // Act
    const request = valueOf(
      callRequest(fn, {
        field,
        identity: worker,
        args: { input: { mediaId: 'media-1', kind: 'labels', status: 'SUCCEEDED', result: { labels: [{ name: 'Dog', confidence: 0.9 }] } } },
        stash: { media: mediaItem() },
      }),
    );

    // Assess
    expect(request).toStrictEqual({
      operation: 'PutItem',
      key: { pk: S('MEDIA#media-1'), sk: S('ANALYSIS#labels') },
      attributeValues: {
        entity: S('Analysis'),
        mediaId: S('media-1'),
        owner: S(ALICE_SUB),
        kind: S('labels'),
        status: S('SUCCEEDED'),
        result: { M: { labels: { L: [{ M: { name: S('Dog'), confidence: { N: 0.9 } } }] } } },
        error: NULL,
        updatedAt: S(FIXED_NOW_ISO),
      },
    });
  });

  it('stores a failure with its reason and no result', () => {
    // Act
    const request = valueOf(
      callRequest(fn, { field, identity: worker, args: { input: { mediaId: 'media-1', kind: 'ocr', status: 'FAILED', error: 'timeout' } }, stash: { media: mediaItem() } }),
    ) as { attributeValues: Record<string, unknown> };

    // Assess
    expect(request.attributeValues).toMatchObject({ status: S('FAILED'), result: NULL, error: S('timeout') });
  });

  it('returns the stored result', () => {
    // Prepare
    const stored = { mediaId: 'media-1', owner: ALICE_SUB, kind: 'labels', status: 'SUCCEEDED', result: null, error: null, updatedAt: FIXED_NOW_ISO };

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: worker, result: stored }))).toStrictEqual(stored);
  });

  it("raises a failed write with DynamoDB's error type", () => {
    expect(errorOf(callResponse(fn, { field, identity: worker, result: null, error: dynamoError('ValidationException', 'Item size has exceeded the maximum allowed size') }))).toMatchObject({
      errorType: 'DynamoDB:ValidationException',
      message: 'Item size has exceeded the maximum allowed size',
    });
  });
});
