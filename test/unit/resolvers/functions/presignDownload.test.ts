import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, admin, alice, lambdaError, mediaItem } from '../fixtures';

/**
 * presignDownload (Query.getDownloadUrl, LAMBDA uploads) — asks the uploads function to sign a GET for
 * the original of any version or a preview, of the authorized item: owner and id come from the stored
 * item, the caller chooses only the file and the version.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Function: presignDownload', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/presignDownload.ts');
  });

  const field = 'Query.getDownloadUrl';
  const media = mediaItem({ version: 2, versionCount: 3 });
  const download = (args: Record<string, unknown>, stored = media, identity = alice) =>
    callRequest(fn, { field, identity, args: { mediaId: stored.id, ...args }, stash: { mediaId: stored.id, media: stored } });

  it('signs the original of the shown version by default, named after the item', () => {
    // Act
    const request = valueOf(download({}));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Invoke',
      payload: { action: 'presignDownload', owner: ALICE_SUB, mediaId: 'media-1', version: 2, file: 'ORIGINAL', name: 'beach.jpg' },
    });
  });

  it('signs the requested file of the requested version', () => {
    expect(valueOf(download({ file: 'THUMBNAIL', version: 1 }))).toMatchObject({ payload: { version: 1, file: 'THUMBNAIL' } });
    expect(valueOf(download({ file: 'POSTER', version: null }))).toMatchObject({ payload: { version: 2, file: 'POSTER' } });
  });

  it("signs under the item's owner and id whatever the caller is (an admin) and whatever else the arguments say", () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: admin, args: { mediaId: 'other-media', owner: 'bob' }, stash: { mediaId: 'media-1', media } }));

    // Assess
    expect(request).toMatchObject({ payload: { owner: ALICE_SUB, mediaId: 'media-1' } });
  });

  it('fails NotFound when no version has been processed yet and none is asked for', () => {
    // Act
    const outcome = download({}, mediaItem({ status: 'PENDING_UPLOAD', version: 0, versionCount: 1 }));

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'NotFound', message: 'Media media-1 has no processed version yet' });
  });

  it('returns the signed URL', () => {
    // Prepare
    const signed = { url: 'http://s3/get?X-Amz-Signature=abc', expiresAt: '2024-05-01T12:15:00.000Z' };

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: { media }, result: signed }))).toStrictEqual(signed);
  });

  it("fails NotFound with the function's reason when the file is not stored", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, stash: { media }, result: null, error: lambdaError('No thumbnail stored for version 2') }))).toMatchObject({
      errorType: 'NotFound',
      message: 'No thumbnail stored for version 2',
    });
  });
});
