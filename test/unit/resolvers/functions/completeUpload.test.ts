import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, admin, alice, lambdaError, mediaItem, versionItem } from '../fixtures';

/**
 * completeUpload (Mutation.completeMultipartUpload, LAMBDA uploads) — asks the uploads function to
 * join the parts of the version's object; the object key comes from the authorized item's owner and
 * the loaded version, the caller only names the upload id and the parts.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Function: completeUpload', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/completeUpload.ts');
  });

  const field = 'Mutation.completeMultipartUpload';
  const parts = [
    { partNumber: 1, etag: '"etag-1"' },
    { partNumber: 2, etag: '"etag-2"' },
  ];
  const args = { mediaId: 'media-1', version: 2, uploadId: 'upload-abc', parts };
  const stash = { mediaId: 'media-1', version: 2, wantedVersionStatus: 'PENDING_UPLOAD', media: mediaItem({ versionCount: 2 }), versionItem: versionItem('media-1', 2, { status: 'PENDING_UPLOAD' }) };

  it('invokes completeMultipartUpload for the stored owner, the item and the version, with the parts and the planned size', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, args, stash }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Invoke',
      payload: { action: 'completeMultipartUpload', owner: ALICE_SUB, mediaId: 'media-1', version: 2, uploadId: 'upload-abc', parts, size: stash.versionItem.size },
    });
  });

  it("completes under the item's owner when an admin finishes someone else's upload", () => {
    expect(valueOf(callRequest(fn, { field, identity: admin, args, stash }))).toMatchObject({ payload: { owner: ALICE_SUB } });
  });

  it("returns the store's answer", () => {
    // Prepare
    const completed = { versionId: 'v-123', etag: '"joined-2"' };

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, args, stash, result: completed }))).toStrictEqual(completed);
  });

  it("fails with UploadError carrying the store's reason when the parts are rejected", () => {
    // Act
    const error = errorOf(callResponse(fn, { field, identity: alice, args, stash, result: null, error: lambdaError('Invalid parts: part numbers must ascend') }));

    // Assess
    expect(error).toMatchObject({ errorType: 'UploadError', message: 'Could not complete the upload: Invalid parts: part numbers must ascend' });
  });
});
