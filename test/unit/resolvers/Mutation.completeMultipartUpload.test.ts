import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, mediaItem } from './fixtures';

/**
 * Mutation.completeMultipartUpload (pipeline: authorizeMedia → loadVersion → completeUpload →
 * markUploaded) — before: which item and version, which must still await its bytes; after: the item.
 */
describe('Resolver: Mutation.completeMultipartUpload', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.completeMultipartUpload.ts');
  });

  const parts = (count: number) => Array.from({ length: count }, (_, index) => ({ partNumber: index + 1, etag: `"e${index + 1}"` }));
  const complete = (partCount: number) => callRequest(resolver, { args: { mediaId: 'media-1', version: 2, uploadId: 'upload-abc', parts: parts(partCount) }, identity: alice });

  it('stashes the item and version, wanting the version still PENDING_UPLOAD', () => {
    // Act
    const outcome = complete(2);

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1', version: 2, wantedVersionStatus: 'PENDING_UPLOAD' });
  });

  it('refuses no parts and more than 10,000 parts (the S3 maximum), and takes exactly 1 and 10,000', () => {
    expect(errorOf(complete(0))).toMatchObject({ errorType: 'BadRequest', message: 'Give between 1 and 10,000 parts' });
    expect(errorOf(complete(10001))).toMatchObject({ errorType: 'BadRequest', message: 'Give between 1 and 10,000 parts' });
    expect(complete(1).kind).toBe('value');
    expect(complete(10000).kind).toBe('value');
  });

  it('returns the item markUploaded left', () => {
    // Prepare
    const uploaded = mediaItem({ status: 'UPLOADED', stage: 'uploaded', versionCount: 2 });

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { mediaId: 'media-1', version: 2, uploadId: 'u', parts: parts(1) }, identity: alice, prev: { result: uploaded } }))).toStrictEqual(
      uploaded,
    );
  });
});
