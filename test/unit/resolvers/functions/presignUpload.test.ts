import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, ROOT_SUB, admin, alice, lambdaError, mediaItem } from '../fixtures';

/**
 * presignUpload (Mutation.createUpload, LAMBDA uploads) — asks the uploads function to sign where the
 * reserved version's bytes go; the object key is derived from owner/mediaId/version, so they must come
 * from the stored item and the reservation, never from the caller.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Function: presignUpload', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/presignUpload.ts');
  });

  const field = 'Mutation.createUpload';
  const upload = { name: 'clip.mp4', contentType: 'video/mp4', size: 100 * 1024 * 1024, mediaType: 'VIDEO' };
  const media = mediaItem({ name: 'clip.mp4', mediaType: 'VIDEO', contentType: 'video/mp4', versionCount: 3 });

  it('invokes presignUpload with the owner and id of the reserved item, its new version, and the declared file', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, mediaId: 'media-1', upload, media, version: 3 } }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Invoke',
      payload: { action: 'presignUpload', owner: ALICE_SUB, mediaId: 'media-1', version: 3, contentType: 'video/mp4', size: 100 * 1024 * 1024 },
    });
  });

  it("signs under the item's owner, not the caller, when an admin uploads a version", () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: admin, stash: { owner: ROOT_SUB, mediaId: 'media-1', upload, media, version: 3 } }));

    // Assess
    expect(request).toMatchObject({ payload: { owner: ALICE_SUB, mediaId: 'media-1' } });
  });

  it("ignores ids in the client's arguments: the item is the one reserved", () => {
    // Prepare
    const args = { input: { name: 'clip.mp4', contentType: 'video/mp4', size: 5, mediaId: 'someone-elses-media', version: 99 } };

    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, args, stash: { owner: ALICE_SUB, mediaId: 'media-1', upload, media, version: 3 } }));

    // Assess
    expect(request).toMatchObject({ payload: { mediaId: 'media-1', version: 3, size: upload.size } });
  });

  it('returns what the function signed', () => {
    // Prepare
    const signed = { put: null, multipart: { uploadId: 'u-1', partSize: 8388608, parts: [{ partNumber: 1, url: 'http://s3/part1' }] }, expiresAt: '2024-05-01T12:15:00.000Z' };

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: { media, version: 3 }, result: signed }))).toStrictEqual(signed);
  });

  it("fails with UploadError carrying the function's reason when signing fails", () => {
    // Act
    const error = errorOf(
      callResponse(fn, { field, identity: alice, stash: { media, version: 3 }, result: null, error: lambdaError('contentType and a whole-number size are required') }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'UploadError', message: 'Could not sign the upload: contentType and a whole-number size are required' });
  });
});
