import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice } from './fixtures';

/** Query.getDownloadUrl (pipeline: authorizeMedia → presignDownload) — before: which item; after: the signed URL. */
describe('Resolver: Query.getDownloadUrl', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.getDownloadUrl.ts');
  });

  it('stashes only the item for authorizeMedia; file and version stay arguments for presignDownload', () => {
    // Act
    const outcome = callRequest(resolver, { args: { mediaId: 'media-1', file: 'THUMBNAIL', version: 2 }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1' });
  });

  it('returns the URL presignDownload signed', () => {
    // Prepare
    const signed = { url: 'http://s3/get?X-Amz-Signature=abc', expiresAt: '2024-05-01T12:15:00.000Z' };

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { mediaId: 'media-1' }, identity: alice, prev: { result: signed } }))).toStrictEqual(signed);
  });
});
