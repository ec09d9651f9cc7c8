import { createDynamodbModule } from './dynamodb-helpers';
import { createExtensions } from './extensions';
import { createInvocationScope } from './invocation-state';
import type { InvocationState } from './invocation-state';
import { createRuntimeControl } from './runtime-control';
import { createUtil } from './util';
import type { UtilDependencies } from './util';

/**
 * What AWS AppSync supplies at run time to APPSYNC_JS resolvers, which the npm package
 * @aws-appsync/utils only declares: the `util`, `extensions` and `runtime` globals and the
 * '@aws-appsync/utils' and '@aws-appsync/utils/dynamodb' modules. The executor evaluates each
 * resolver bundle in a `vm` context with {@link ResolverRuntime.globals} installed and
 * {@link ResolverRuntime.modules} behind its `require`, and calls each handler through
 * {@link ResolverRuntime.run} so util/extensions act on that invocation's state.
 * Not provided: '@aws-appsync/utils/rds' and util.rds (Mediagraph has no RDS data source) and
 * '@aws-appsync/utils/ai' (no Bedrock).
 */

export { createInvocationState } from './invocation-state';
export type { CacheEviction, InvocationState } from './invocation-state';
export { EarlyReturnSignal, ResolverThrownError } from './signals';
export type { EarlyReturnTarget, ResolverThrownErrorOptions } from './signals';

export interface ResolverRuntime {
  /** Module namespace objects by specifier: '@aws-appsync/utils' (util, extensions, runtime, plus any runtime values it exports) and '@aws-appsync/utils/dynamodb'. */
  readonly modules: Readonly<Record<string, Record<string, unknown>>>;
  /** Globals for the vm context: util, extensions, runtime. */
  readonly globals: Readonly<Record<string, unknown>>;
  /** Runs a synchronous handler with `state` as the current invocation (util/extensions read and write it). */
  run<T>(state: InvocationState, handler: () => T): T;
}

/** Freezes `value` and every object reachable from it, so one resolver cannot alter what others get. */
function deepFreeze<T>(value: T): T {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/**
 * A runtime with its own invocation scope. Clock and randomness can be injected (tests); by
 * default they are Date.now and Math.random.
 */
export function createResolverRuntime(dependencies: UtilDependencies = {}): ResolverRuntime {
  const scope = createInvocationScope();
  const util = createUtil(scope, dependencies);
  const extensions = createExtensions(scope);
  const runtime = createRuntimeControl();
  const globals = deepFreeze({ util, extensions, runtime });
  const modules = deepFreeze({
    // @aws-appsync/utils' own index.js exports exactly these three values (everything else is types).
    '@aws-appsync/utils': { util, extensions, runtime },
    '@aws-appsync/utils/dynamodb': createDynamodbModule(),
  });
  return {
    modules,
    globals,
    run: (state, handler) => scope.run(state, handler),
  };
}
