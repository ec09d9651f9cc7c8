import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice } from './fixtures';

/**
 * Subscription.onAnalysis (pipeline: authorizeMedia) — analyzer results of one item: the filter and
 * the invalidation filter both key on AnalysisResult.mediaId.
 * https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html
 */
describe('Resolver: Subscription.onAnalysis', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Subscription.onAnalysis.ts');
  });

  it('stashes the media id for authorizeMedia', () => {
    // Act
    const outcome = callRequest(resolver, { args: { mediaId: 'media-4' }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-4' });
  });

  it("passes only results for the followed item, and is ended by that item's invalidation", () => {
    // Prepare
    const onlyMedia4 = { filterGroup: [{ filters: [{ fieldName: 'mediaId', operator: 'eq', value: 'media-4' }] }] };

    // Act
    const outcome = callResponse(resolver, { args: { mediaId: 'media-4' }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toBeNull();
    expect(outcome.state.subscriptionFilter).toEqual(onlyMedia4);
    expect(outcome.state.subscriptionInvalidationFilter).toEqual(onlyMedia4);
  });
});
