import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, mediaItem, worker } from './fixtures';

/** Mutation.createUpload (pipeline: validateUpload → putMedia) — before: who uploads; after: the upload target. */
describe('Resolver: Mutation.createUpload', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.createUpload.ts');
  });

  const args = { input: { name: 'clip.mp4', contentType: 'video/mp4', size: 1000 } };

  it('stashes the caller as the owner of the new item', () => {
    // Act
    const outcome = callRequest(resolver, { args, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB });
  });

  it('refuses an IAM caller before anything is validated or stored', () => {
    expect(errorOf(callRequest(resolver, { args, identity: worker }))).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access createUpload on type Mutation',
    });
  });

  it('returns the stored media item; the URL stays null until an object store issues one', () => {
    // Prepare
    const media = mediaItem({ status: 'PENDING_UPLOAD', name: 'clip.mp4' });

    // Act
    const value = valueOf(callResponse(resolver, { args, identity: alice, prev: { result: media } }));

    // Assess
    expect(value).toStrictEqual({ media, uploadUrl: null, expiresAt: null });
  });
});
