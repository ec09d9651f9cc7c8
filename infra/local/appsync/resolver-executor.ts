/**
 * Runs unit and pipeline resolvers the way AppSync's APPSYNC_JS runtime does: request handler →
 * data source → response handler, with `ctx.stash` shared across a pipeline, `ctx.prev.result`
 * handed from step to step, `runtime.earlyReturn` skipping ahead, and `util.error` /
 * `util.appendError` turned into GraphQL errors.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html
 */
import type { LoadedHandlers } from './bundle-loader';
import {
  EarlyReturnSignal,
  ResolverThrownError,
  createInvocationState,
  type InvocationState,
  type ResolverRuntime,
} from './runtime';
import type { AppSyncGraphQLError, DataSource, DataSourceError, Principal } from './types';

/** A resolver ready to run: its handlers and where its data comes from. */
export type ExecutableResolver =
  | { readonly kind: 'UNIT'; readonly handlers: LoadedHandlers; readonly dataSource: DataSource }
  | { readonly kind: 'PIPELINE'; readonly handlers: LoadedHandlers; readonly functions: readonly ExecutableFunction[] };

export interface ExecutableFunction {
  readonly name: string;
  readonly handlers: LoadedHandlers;
  readonly dataSource: DataSource;
}

/** `ctx.info`, as AppSync fills it. */
export interface ResolverInfo {
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

/** Everything one field resolution starts from. */
export interface ResolverInvocation {
  readonly arguments: Record<string, unknown>;
  readonly source: unknown;
  readonly principal: Principal | null;
  readonly info: ResolverInfo;
  readonly headers: Record<string, string | undefined>;
  readonly domainName: string | null;
  readonly env: Readonly<Record<string, string>>;
  readonly requestId: string;
}

/** What a field resolution produced: a value, or an error, and side effects AppSync acts on. */
export interface ResolverOutcome {
  readonly value: unknown;
  /** The error that stopped the resolver (util.error, util.unauthorized, a runtime fault). */
  readonly error: AppSyncGraphQLError | null;
  /** Errors added with util.appendError; the value is still returned. */
  readonly appendedErrors: AppSyncGraphQLError[];
  readonly subscriptionFilter: unknown;
  readonly subscriptionInvalidationFilter: unknown;
  readonly invalidations: InvocationState['invalidations'];
}

/** The mutable context object handed to handlers (AppSync's `ctx`). */
interface HandlerContext {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result: unknown };
  result: unknown;
  error: DataSourceError | undefined;
  request: { headers: Record<string, string | undefined>; domainName: string | null };
  info: ResolverInfo;
  env: Readonly<Record<string, string>>;
}

/** Signals the end of a resolver: a thrown error already converted to AppSync's shape. */
class ResolverStopped {
  constructor(readonly error: AppSyncGraphQLError) {}
}

/** Runs one field's resolver. Never throws for resolver or data source faults: they come back as `error`. */
export async function executeResolver(
  resolver: ExecutableResolver,
  invocation: ResolverInvocation,
  runtime: ResolverRuntime,
): Promise<ResolverOutcome> {
  const state = createInvocationState(
    { fieldName: invocation.info.fieldName, parentTypeName: invocation.info.parentTypeName },
    invocation.principal?.mode ?? null,
  );
  const ctx: HandlerContext = {
    arguments: invocation.arguments,
    args: invocation.arguments,
    identity: invocation.principal?.identity ?? null,
    source: invocation.source ?? null,
    stash: {},
    prev: { result: undefined },
    result: undefined,
    error: undefined,
    request: { headers: invocation.headers, domainName: invocation.domainName },
    info: invocation.info,
    env: invocation.env,
  };
  const call = { invocation, runtime, state };
  let value: unknown = null;
  let error: AppSyncGraphQLError | null = null;
  try {
    value =
      resolver.kind === 'UNIT' ? await runUnit(resolver, ctx, call) : await runPipeline(resolver, ctx, call);
  } catch (thrown) {
    if (!(thrown instanceof ResolverStopped)) {
      throw thrown;
    }
    error = thrown.error;
  }
  return {
    value: error ? null : value,
    error,
    appendedErrors: state.errors,
    subscriptionFilter: state.subscriptionFilter,
    subscriptionInvalidationFilter: state.subscriptionInvalidationFilter,
    invalidations: state.invalidations,
  };
}

interface Call {
  invocation: ResolverInvocation;
  runtime: ResolverRuntime;
  state: InvocationState;
}

type HandlerResult = { kind: 'value'; value: unknown } | { kind: 'early'; value: unknown; skipTo: 'END' | 'NEXT' | null };

/** A unit resolver: request → data source → response. An early return in the request handler is the field's value. */
async function runUnit(resolver: Extract<ExecutableResolver, { kind: 'UNIT' }>, ctx: HandlerContext, call: Call) {
  const request = invoke(resolver.handlers, 'request', ctx, call);
  if (request.kind === 'early') {
    return request.value;
  }
  await callDataSource(resolver.dataSource, request.value, ctx, call);
  return invoke(resolver.handlers, 'response', ctx, call).value;
}

/**
 * A pipeline: before handler, each function (request → data source → response), after handler.
 * `ctx.prev.result` carries each step's value to the next.
 */
async function runPipeline(resolver: Extract<ExecutableResolver, { kind: 'PIPELINE' }>, ctx: HandlerContext, call: Call) {
  const before = invoke(resolver.handlers, 'request', ctx, call);
  ctx.prev = { result: before.value };
  if (before.kind !== 'early') {
    for (const fn of resolver.functions) {
      ctx.result = undefined;
      ctx.error = undefined;
      const request = invoke(fn.handlers, 'request', ctx, call);
      if (request.kind === 'early') {
        ctx.prev = { result: request.value };
        if (request.skipTo === 'END') {
          break;
        }
        continue;
      }
      await callDataSource(fn.dataSource, request.value, ctx, call);
      const response = invoke(fn.handlers, 'response', ctx, call);
      ctx.prev = { result: response.value };
      if (response.kind === 'early' && response.skipTo === 'END') {
        break;
      }
    }
  }
  ctx.result = ctx.prev.result;
  ctx.error = undefined;
  return invoke(resolver.handlers, 'response', ctx, call).value;
}

async function callDataSource(dataSource: DataSource, request: unknown, ctx: HandlerContext, call: Call) {
  const outcome = await dataSource.invoke(request, {
    identity: call.invocation.principal?.identity ?? null,
    requestId: call.invocation.requestId,
  });
  ctx.result = outcome.result ?? null;
  ctx.error = outcome.error;
}

/** Calls one handler inside the runtime, translating AppSync's control-flow signals. */
function invoke(handlers: LoadedHandlers, which: 'request' | 'response', ctx: HandlerContext, call: Call): HandlerResult {
  try {
    return { kind: 'value', value: call.runtime.run(call.state, () => handlers[which](ctx)) };
  } catch (thrown) {
    if (thrown instanceof EarlyReturnSignal) {
      return { kind: 'early', value: thrown.value ?? null, skipTo: thrown.skipTo };
    }
    if (thrown instanceof ResolverThrownError) {
      throw new ResolverStopped({
        message: thrown.message,
        errorType: thrown.errorType,
        data: thrown.data ?? null,
        errorInfo: thrown.errorInfo ?? null,
      });
    }
    // A fault in the resolver's own code: AppSync reports it as a runtime error of the handler.
    const reason = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    throw new ResolverStopped({
      message: `Runtime error in ${which} handler of ${handlers.source}: ${reason}`,
      errorType: 'Code',
      data: null,
      errorInfo: null,
    });
  }
}
