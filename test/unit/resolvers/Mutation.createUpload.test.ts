import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, mediaItem, worker } from './fixtures';

/** Mutation.createUpload (pipeline: validateUpload → authorizeMediaIfGiven → reserveVersion → presignUpload) — before: who uploads and which item; after: the upload target. */
describe('Resolver: Mutation.createUpload', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.createUpload.ts');
  });

  const args = { input: { name: 'clip.mp4', contentType: 'video/mp4', size: 1000 } };

  it('stashes the caller as the owner of a new item', () => {
    // Act
    const outcome = callRequest(resolver, { args, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, mediaId: null });
  });

  it('stashes the item a new version is for', () => {
    const outcome = callRequest(resolver, { args: { input: { ...args.input, mediaId: 'media-1' } }, identity: alice });
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, mediaId: 'media-1' });
  });

  it('refuses an IAM caller before anything is validated or stored', () => {
    expect(errorOf(callRequest(resolver, { args, identity: worker }))).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access createUpload on type Mutation',
    });
  });

  it('returns the reserved item and version with the signed PUT', () => {
    // Prepare
    const media = mediaItem({ status: 'PENDING_UPLOAD', name: 'clip.mp4' });
    const signed = { put: { url: 'http://s3/put', headers: '{"content-type":"video/mp4"}' }, multipart: null, expiresAt: '2024-05-01T12:15:00.000Z' };

    // Act
    const value = valueOf(callResponse(resolver, { args, identity: alice, stash: { media, version: 1 }, prev: { result: signed } }));

    // Assess
    expect(value).toStrictEqual({ media, version: 1, ...signed });
  });
});
