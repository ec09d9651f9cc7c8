import type { InvocationScope } from './invocation-state';
import { copyJsonValue, describeValue, isRecord } from './values';

/**
 * The `extensions` global: subscription filters and invalidation, and API cache eviction. Each call
 * is recorded on the current invocation (as a copy, so later changes by the resolver do not leak);
 * the executor and the real-time server act on what was recorded.
 * https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html
 */
export interface Extensions {
  setSubscriptionFilter(filter: unknown): void;
  setSubscriptionInvalidationFilter(filter: unknown): void;
  invalidateSubscriptions(invalidation: unknown): void;
  evictFromApiCache(typeName: string, fieldName: string, keyValuePair: unknown): void;
}

function filterObject(filter: unknown, utility: string): unknown {
  if (!isRecord(filter) || !Array.isArray(filter.filterGroup)) {
    throw new TypeError(`${utility} expects { filterGroup: [...] } (util.transform.toSubscriptionFilter's result), got ${describeValue(filter)}`);
  }
  return copyJsonValue(filter);
}

/** Builds `extensions`, writing to the invocation `scope` makes current. */
export function createExtensions(scope: InvocationScope): Extensions {
  return {
    setSubscriptionFilter(filter) {
      const state = scope.current('extensions.setSubscriptionFilter');
      state.subscriptionFilter = filterObject(filter, 'extensions.setSubscriptionFilter');
    },
    setSubscriptionInvalidationFilter(filter) {
      const state = scope.current('extensions.setSubscriptionInvalidationFilter');
      state.subscriptionInvalidationFilter = filterObject(filter, 'extensions.setSubscriptionInvalidationFilter');
    },
    invalidateSubscriptions(invalidation) {
      const state = scope.current('extensions.invalidateSubscriptions');
      if (!isRecord(invalidation) || typeof invalidation.subscriptionField !== 'string' || !isRecord(invalidation.payload)) {
        throw new TypeError(
          `extensions.invalidateSubscriptions expects { subscriptionField: string, payload: object }, got ${describeValue(invalidation)}`,
        );
      }
      state.invalidations.push({
        subscriptionField: invalidation.subscriptionField,
        payload: copyJsonValue(invalidation.payload) as Record<string, unknown>,
      });
    },
    evictFromApiCache(typeName, fieldName, keyValuePair) {
      const state = scope.current('extensions.evictFromApiCache');
      if (!isRecord(keyValuePair)) {
        throw new TypeError(`extensions.evictFromApiCache expects an object of caching keys, got ${describeValue(keyValuePair)}`);
      }
      state.cacheEvictions ??= [];
      state.cacheEvictions.push({
        typeName: String(typeName),
        fieldName: String(fieldName),
        keys: copyJsonValue(keyValuePair) as Record<string, unknown>,
      });
    },
  };
}
