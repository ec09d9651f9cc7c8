import type { AppSyncGraphQLError, AuthMode } from '../types';

/** One `extensions.evictFromApiCache(typeName, fieldName, keyValuePair)` call. */
export interface CacheEviction {
  typeName: string;
  fieldName: string;
  keys: Record<string, unknown>;
}

/**
 * What one resolver invocation (request or response handler) can read and leave behind through
 * `util` and `extensions`. The executor creates one per field and reads it after the handler ran.
 */
export interface InvocationState {
  /** The field being resolved, for util.unauthorized()'s message "Not Authorized to access <field> on type <Type>". */
  info: { fieldName: string; parentTypeName: string };
  authMode: AuthMode | null;
  /** util.appendError pushes here (and util.http pushes its ResponseHeaderError entries). */
  errors: AppSyncGraphQLError[];
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations: { subscriptionField: string; payload: Record<string, unknown> }[];
  responseHeaders: Record<string, string>;
  /** extensions.evictFromApiCache records here; the local server has no API cache, so it only records. */
  cacheEvictions?: CacheEviction[];
}

/** A fresh state for resolving `info.parentTypeName.info.fieldName` under `authMode`. */
export function createInvocationState(
  info: { fieldName: string; parentTypeName: string },
  authMode: AuthMode | null,
): InvocationState {
  return {
    info: { fieldName: info.fieldName, parentTypeName: info.parentTypeName },
    authMode,
    errors: [],
    invalidations: [],
    responseHeaders: {},
    cacheEvictions: [],
  };
}

/** Raised when a stateful utility (util.appendError, extensions.*) runs outside `ResolverRuntime.run`. */
export class NoInvocationError extends Error {
  constructor(utility: string) {
    super(`${utility} can only be called while a resolver handler runs (ResolverRuntime.run)`);
    this.name = 'NoInvocationError';
  }
}

/**
 * Which invocation is current. Handlers run synchronously, so a stack is enough: `run` pushes the
 * state, calls the handler and pops it again, also when the handler throws or when runs nest.
 */
export interface InvocationScope {
  /** The running invocation's state; throws {@link NoInvocationError} naming `utility` when none runs. */
  current(utility: string): InvocationState;
  run<T>(state: InvocationState, handler: () => T): T;
}

/** A scope of its own for each runtime, so two runtimes never see each other's invocations. */
export function createInvocationScope(): InvocationScope {
  const stack: InvocationState[] = [];
  return {
    current(utility) {
      const state = stack[stack.length - 1];
      if (state === undefined) throw new NoInvocationError(utility);
      return state;
    },
    run(state, handler) {
      stack.push(state);
      try {
        return handler();
      } finally {
        stack.pop();
      }
    },
  };
}
