import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, mediaItem } from './fixtures';

/**
 * Subscription.onMediaProgress (pipeline: authorizeMedia) — on subscribe, authorizeMedia checks the
 * caller may follow the item; the after handler sets an enhanced filter passing only that item's
 * events and an invalidation filter that Mutation.deleteMedia's invalidation matches.
 * https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html
 */
describe('Resolver: Subscription.onMediaProgress', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Subscription.onMediaProgress.ts');
  });

  it('stashes the media id for authorizeMedia', () => {
    // Act
    const outcome = callRequest(resolver, { args: { mediaId: 'media-9' }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-9' });
  });

  it("passes only events whose Media id is the followed item's", () => {
    // Act
    const outcome = callResponse(resolver, { args: { mediaId: 'media-9' }, identity: alice, stash: { mediaId: 'media-9', media: mediaItem({ id: 'media-9' }) } });

    // Assess
    expect(valueOf(outcome)).toBeNull();
    expect(outcome.state.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'media-9' }] }] });
  });

  it("ends the subscription when deleteMedia invalidates with this item's mediaId", () => {
    // Act
    const outcome = callResponse(resolver, { args: { mediaId: 'media-9' }, identity: alice });

    // Assess
    expect(outcome.state.subscriptionInvalidationFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'mediaId', operator: 'eq', value: 'media-9' }] }],
    });
  });
});
