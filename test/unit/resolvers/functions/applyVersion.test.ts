import { beforeAll, describe, expect, it } from 'vitest';
import { BOOL, FIXED_NOW_ISO, N, S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, dynamoError, mediaItem, versionItem } from '../fixtures';

/**
 * applyVersion (Mutation.restoreVersion) — one UpdateItem copying the loaded version's facts onto the
 * media item and making it the shown version; facts the version lacks are removed, so nothing of the
 * previously shown version lingers.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-updateitem.html
 */
describe('Function: applyVersion', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/applyVersion.ts');
  });

  const field = 'Mutation.restoreVersion';
  const media = mediaItem({ version: 3, versionCount: 3, perceptualHash: 'ffffffffffffffff', hasPoster: true });
  const restore = (version: Record<string, unknown>) =>
    callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1', version: version.version, wantedVersionStatus: 'READY', media, versionItem: version } });

  it("sets every fact of the version on the item, false booleans included, and makes it the shown, READY version (the user's name for the item is kept)", () => {
    // Act
    const request = valueOf(restore(versionItem('media-1', 2)));

    // Assess
    expect(request).toStrictEqual({
      operation: 'UpdateItem',
      key: { pk: S('MEDIA#media-1'), sk: S('META') },
      update: {
        expression:
          'SET #version = :version, #updatedAt = :now, #status = :ready, #progress = :done, #contentType = :contentType, #format = :format, #size = :size, #sha256 = :sha256, ' +
          '#metadata = :metadata, #quality = :quality, #perceptualHash = :perceptualHash, #hasThumbnail = :hasThumbnail, #hasPoster = :hasPoster REMOVE #error',
        expressionNames: {
          '#version': 'version',
          '#updatedAt': 'updatedAt',
          '#status': 'status',
          '#progress': 'progress',
          '#error': 'error',
          '#contentType': 'contentType',
          '#format': 'format',
          '#size': 'size',
          '#sha256': 'sha256',
          '#metadata': 'metadata',
          '#quality': 'quality',
          '#perceptualHash': 'perceptualHash',
          '#hasThumbnail': 'hasThumbnail',
          '#hasPoster': 'hasPoster',
        },
        expressionValues: {
          ':version': N(2),
          ':now': S(FIXED_NOW_ISO),
          ':ready': S('READY'),
          ':done': N(100),
          ':contentType': S('image/jpeg'),
          ':format': S('jpeg'),
          ':size': N(2048),
          ':sha256': S('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
          ':metadata': { M: { width: N(640), height: N(480) } },
          ':quality': { M: { sharpness: N(0.8) } },
          ':perceptualHash': S('8f3c0a1b2c3d4e5f'),
          ':hasThumbnail': BOOL(true),
          ':hasPoster': BOOL(false),
        },
      },
      condition: { expression: 'attribute_exists(pk)' },
    });
  });

  it('removes the facts the version does not have (missing or null), so the shown item does not keep the newer ones', () => {
    // Prepare
    const audio = versionItem('media-1', 1, { name: 'take.mp3', contentType: 'audio/mpeg', format: 'mp3', quality: undefined, perceptualHash: null, hasThumbnail: false, hasPoster: null });

    // Act
    const request = valueOf(restore(audio)) as { update: { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, unknown> } };

    // Assess
    expect(request.update.expression).toBe(
      'SET #version = :version, #updatedAt = :now, #status = :ready, #progress = :done, #contentType = :contentType, #format = :format, #size = :size, #sha256 = :sha256, ' +
        '#metadata = :metadata, #hasThumbnail = :hasThumbnail REMOVE #error, #quality, #perceptualHash, #hasPoster',
    );
    expect(request.update.expressionNames).toMatchObject({ '#quality': 'quality', '#perceptualHash': 'perceptualHash', '#hasPoster': 'hasPoster' });
    expect(request.update.expressionValues[':hasThumbnail']).toStrictEqual(BOOL(false));
    expect(Object.keys(request.update.expressionValues)).not.toContain(':perceptualHash');
  });

  it('returns the item as updated', () => {
    // Prepare
    const updated = { ...media, version: 2, updatedAt: FIXED_NOW_ISO };

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1' }, result: updated }))).toStrictEqual(updated);
  });

  it("raises a failed update (the item was deleted meanwhile) with DynamoDB's type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1' }, result: null, error: dynamoError('ConditionalCheckFailedException', 'The conditional request failed') })),
    ).toMatchObject({ errorType: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' });
  });
});
