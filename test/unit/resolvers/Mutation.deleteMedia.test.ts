import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, mediaItem } from './fixtures';

/**
 * Mutation.deleteMedia (pipeline: authorizeMedia → listMediaItems → forgetMediaFaces → deleteMediaItems) — returns the
 * deleted item and invalidates the subscriptions that follow it, so their clients are unsubscribed.
 * https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html (invalidateSubscriptions)
 */
describe('Resolver: Mutation.deleteMedia', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.deleteMedia.ts');
  });

  it('stashes the media id for authorizeMedia', () => {
    // Act
    const outcome = callRequest(resolver, { args: { id: 'media-1' }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1' });
  });

  it('returns the deleted item as authorizeMedia loaded it', () => {
    // Prepare
    const media = mediaItem();

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { id: 'media-1' }, identity: alice, stash: { mediaId: 'media-1', media }, prev: { result: media } }))).toStrictEqual(
      media,
    );
  });

  it('invalidates onMediaProgress and onAnalysis subscriptions for this item only', () => {
    // Act
    const outcome = callResponse(resolver, { args: { id: 'media-1' }, identity: alice, stash: { mediaId: 'media-1', media: mediaItem() } });

    // Assess
    expect(outcome.state.invalidations).toEqual([
      { subscriptionField: 'onMediaProgress', payload: { mediaId: 'media-1' } },
      { subscriptionField: 'onAnalysis', payload: { mediaId: 'media-1' } },
    ]);
  });

  it('invalidates nothing when the request handler is all that ran', () => {
    expect(callRequest(resolver, { args: { id: 'media-1' }, identity: alice }).state.invalidations).toEqual([]);
  });
});
