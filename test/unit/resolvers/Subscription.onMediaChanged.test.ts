import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, worker } from './fixtures';

/**
 * Subscription.onMediaChanged (NONE data source) — the request hands the caller's sub to the
 * response through the NONE data source's payload; the filter then passes only the caller's media.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-none-js.html
 */
describe('Resolver: Subscription.onMediaChanged', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Subscription.onMediaChanged.ts');
  });

  it("sends the caller's sub as the NONE data source's payload", () => {
    expect(valueOf(callRequest(resolver, { identity: alice }))).toStrictEqual({ payload: { owner: ALICE_SUB } });
  });

  it('refuses an IAM caller, who owns no media to follow', () => {
    expect(errorOf(callRequest(resolver, { identity: worker }))).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access onMediaChanged on type Subscription',
    });
  });

  it("filters events to media whose owner is the subscriber, so nobody sees another user's uploads", () => {
    // Act
    const outcome = callResponse(resolver, { identity: alice, result: { owner: ALICE_SUB } });

    // Assess
    expect(valueOf(outcome)).toBeNull();
    expect(outcome.state.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'owner', operator: 'eq', value: ALICE_SUB }] }] });
    expect(outcome.state.subscriptionInvalidationFilter).toBeUndefined();
  });
});
