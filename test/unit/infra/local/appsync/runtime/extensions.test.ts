import { describe, expect, it } from 'vitest';
import { createExtensions } from '../../../../../../infra/local/appsync/runtime/extensions';
import { createInvocationScope, createInvocationState, NoInvocationError } from '../../../../../../infra/local/appsync/runtime/invocation-state';
import { toSubscriptionFilter } from '../../../../../../infra/local/appsync/runtime/subscription-filter';

// https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html

function setup() {
  const scope = createInvocationScope();
  const extensions = createExtensions(scope);
  const state = createInvocationState({ fieldName: 'onMediaProgress', parentTypeName: 'Subscription' }, 'AMAZON_COGNITO_USER_POOLS');
  return { extensions, state, inInvocation: (handler: () => void) => scope.run(state, handler) };
}

describe('Function: extensions.setSubscriptionFilter / setSubscriptionInvalidationFilter', () => {
  it('records copies of the filters on the invocation', () => {
    // Prepare
    const { extensions, state, inInvocation } = setup();
    const filter = toSubscriptionFilter({ id: { eq: 'm1' } });
    const invalidation = toSubscriptionFilter({ mediaId: { eq: 'm1' } });

    // Act
    inInvocation(() => {
      extensions.setSubscriptionFilter(filter);
      extensions.setSubscriptionInvalidationFilter(invalidation);
    });
    filter?.filterGroup.push({ filters: [] });

    // Assess
    expect(state.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'm1' }] }] });
    expect(state.subscriptionInvalidationFilter).toEqual(invalidation);
  });

  it('refuses what is not a subscription filter (e.g. a transform that answered null)', () => {
    const { extensions, inInvocation } = setup();
    expect(() => inInvocation(() => extensions.setSubscriptionFilter(null))).toThrow(/filterGroup/);
    expect(() => inInvocation(() => extensions.setSubscriptionFilter({ id: { eq: 1 } }))).toThrow(TypeError);
  });
});

describe('Function: extensions.invalidateSubscriptions', () => {
  it('records each invalidation, as the documented deleteMedia-style mutation does', () => {
    const { extensions, state, inInvocation } = setup();
    inInvocation(() => {
      extensions.invalidateSubscriptions({ subscriptionField: 'onMediaProgress', payload: { mediaId: 'm1' } });
      extensions.invalidateSubscriptions({ subscriptionField: 'onAnalysis', payload: { mediaId: 'm1' } });
    });
    expect(state.invalidations).toEqual([
      { subscriptionField: 'onMediaProgress', payload: { mediaId: 'm1' } },
      { subscriptionField: 'onAnalysis', payload: { mediaId: 'm1' } },
    ]);
  });

  it('refuses an invalidation without subscriptionField or payload', () => {
    const { extensions, inInvocation } = setup();
    expect(() => inInvocation(() => extensions.invalidateSubscriptions({ payload: {} }))).toThrow(TypeError);
    expect(() => inInvocation(() => extensions.invalidateSubscriptions({ subscriptionField: 'x' }))).toThrow(TypeError);
  });
});

describe('Function: extensions.evictFromApiCache', () => {
  it('records the eviction with its caching keys', () => {
    const { extensions, state, inInvocation } = setup();
    inInvocation(() => extensions.evictFromApiCache('Query', 'getMedia', { 'context.arguments.id': 'm1' }));
    expect(state.cacheEvictions).toEqual([{ typeName: 'Query', fieldName: 'getMedia', keys: { 'context.arguments.id': 'm1' } }]);
  });
});

describe('Function: extensions outside an invocation', () => {
  it('throws NoInvocationError', () => {
    const { extensions } = setup();
    expect(() => extensions.invalidateSubscriptions({ subscriptionField: 'x', payload: {} })).toThrow(NoInvocationError);
  });
});
