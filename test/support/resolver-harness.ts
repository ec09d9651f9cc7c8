/**
 * Unit-test harness for APPSYNC_JS resolvers and pipeline functions. It loads the COMPILED bundle
 * (the bytes `infra/resolver-bundles.ts` produces for deployment), evaluates it with the local
 * AppSync runtime, and calls its `request` / `response` handler with a hand-built `ctx`, the way
 * AppSync does for one step — no data source, no executor. Each call reports what the handler did:
 * returned a value, returned early (`runtime.earlyReturn`), or raised a GraphQL error (`util.error`,
 * `util.unauthorized`), together with the invocation state (`extensions` effects) and the `ctx`
 * afterwards (stash effects later pipeline steps rely on).
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html
 */
import { bundleResolvers } from '../../infra/resolver-bundles';
import { loadBundle, type LoadedHandlers } from '../../infra/local/appsync/bundle-loader';
import {
  EarlyReturnSignal,
  ResolverThrownError,
  createInvocationState,
  createResolverRuntime,
  type EarlyReturnTarget,
  type InvocationState,
  type ResolverRuntime,
} from '../../infra/local/appsync/runtime';
import type { AuthMode, CognitoIdentity, DataSourceError, IamIdentity, Identity } from '../../infra/local/appsync/types';

/** The harness clock: every `util.time.now*()` answers this instant. */
export const FIXED_NOW_ISO = '2024-05-01T12:00:00.000Z';
export const FIXED_NOW = Date.parse(FIXED_NOW_ISO);

/** What resolvers see as `ctx.env` unless a test overrides it (names from infra/api.ts `resolverEnvironment`). */
export const TEST_ENV: Readonly<Record<string, string>> = { TABLE_NAME: 'MediaTable-test', ADMIN_GROUP: 'admin' };

/** The ids `util.autoId()` hands out, in order, on a fresh resolver: `fixedId(1)`, `fixedId(2)`, … */
export function fixedId(sequence: number): string {
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
}

/** A compiled resolver or function, evaluated and ready to be called. */
export interface LoadedResolver {
  /** Project-relative source, e.g. `resolvers/Query.getMedia.ts`. */
  readonly source: string;
  readonly handlers: LoadedHandlers;
  readonly runtime: ResolverRuntime;
  /** Restarts the `util.autoId()` sequence at `fixedId(1)` (call in beforeEach when ids matter). */
  resetIds(): void;
}

/** Options of {@link loadResolver}. */
export interface LoadOptions {
  /**
   * Clock for `util.time` and the id timestamps.
   * @default () => FIXED_NOW
   */
  readonly now?: () => number;
  /**
   * Randomness for `util.math.randomDouble` and friends.
   * @default () => 0.5
   */
  readonly random?: () => number;
}

/**
 * Bundles `source` exactly as it ships (esbuild, ESM, `@aws-appsync/*` external) and loads it
 * with a runtime whose clock, randomness and `util.autoId()` are pinned. Call once per test file
 * (beforeAll).
 * @returns the loaded handlers with their runtime
 */
export async function loadResolver(source: string, options: LoadOptions = {}): Promise<LoadedResolver> {
  const bundles = await bundleResolvers([source]);
  const bundle = bundles.get(source);
  if (!bundle) {
    throw new Error(`bundleResolvers produced nothing for ${source}`);
  }
  let sequence = 0;
  const runtime = pinIds(createResolverRuntime({ now: options.now ?? (() => FIXED_NOW), random: options.random ?? (() => 0.5) }), () => {
    sequence += 1;
    return fixedId(sequence);
  });
  return {
    source,
    handlers: loadBundle(source, bundle.code, runtime),
    runtime,
    resetIds() {
      sequence = 0;
    },
  };
}

/**
 * The runtime with `util.autoId` replaced by `nextId`: the runtime's autoId draws from
 * node:crypto's randomUUID and ignores the injected `random`, so ids could not be asserted.
 * Everything else is the runtime's own.
 */
function pinIds(base: ResolverRuntime, nextId: () => string): ResolverRuntime {
  const utils = base.modules['@aws-appsync/utils'];
  if (!utils) {
    throw new Error('the runtime provides no @aws-appsync/utils module');
  }
  const util = Object.freeze({ ...(utils.util as Record<string, unknown>), autoId: nextId });
  return {
    modules: { ...base.modules, '@aws-appsync/utils': Object.freeze({ ...utils, util }) },
    globals: Object.freeze({ ...base.globals, util }),
    run: (state, handler) => base.run(state, handler),
  };
}

/** A Cognito user pool caller as AppSync fills `ctx.identity` (groups from `cognito:groups`). */
export function cognitoIdentity(sub: string, options: { username?: string; groups?: string[] } = {}): CognitoIdentity {
  const username = options.username ?? `user-${sub}`;
  const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TEST';
  const groups = options.groups ?? null;
  return {
    sub,
    issuer,
    username,
    claims: {
      sub,
      iss: issuer,
      'cognito:username': username,
      ...(groups ? { 'cognito:groups': groups } : {}),
      token_use: 'id',
      auth_time: FIXED_NOW / 1000 - 60,
      exp: FIXED_NOW / 1000 + 3600,
      iat: FIXED_NOW / 1000 - 60,
    },
    sourceIp: ['203.0.113.7'],
    defaultAuthStrategy: 'ALLOW',
    groups,
  };
}

/** A worker signing with IAM (SigV4), as AppSync fills `ctx.identity` for AWS_IAM. */
export function iamIdentity(): IamIdentity {
  return {
    accountId: '123456789012',
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: ['10.0.0.8'],
    username: 'AROAEXAMPLEROLEID:mediagraph-ingest',
    userArn: 'arn:aws:sts::123456789012:assumed-role/mediagraph-worker/mediagraph-ingest',
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
}

/** What a test states about `ctx`; everything is optional and copied, so inputs can be reused. */
export interface ContextInput {
  /** `Type.field` being resolved; defaults to the file's own binding for `resolvers/<Type>.<field>.ts`. */
  readonly field?: string;
  readonly args?: Record<string, unknown>;
  readonly identity?: Identity | null;
  readonly source?: unknown;
  readonly stash?: Record<string, unknown>;
  readonly prev?: { result: unknown };
  readonly result?: unknown;
  readonly error?: DataSourceError;
  readonly env?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

/** AppSync's `ctx` as the handler receives it. */
export interface ResolverContext {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: Identity | null;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result: unknown };
  result: unknown;
  error: DataSourceError | undefined;
  env: Record<string, string>;
  info: { fieldName: string; parentTypeName: string; variables: Record<string, unknown>; selectionSetList: string[]; selectionSetGraphQL: string };
  request: { headers: Record<string, string>; domainName: string | null };
}

/** A GraphQL error raised by the handler, in AppSync's shape. */
export interface RaisedError {
  readonly message: string;
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;
}

/** What one handler call did, with the invocation state and the ctx it left behind. */
export type HandlerOutcome =
  | { readonly kind: 'value'; readonly value: unknown; readonly state: InvocationState; readonly ctx: ResolverContext }
  | { readonly kind: 'early'; readonly value: unknown; readonly skipTo: EarlyReturnTarget | null; readonly state: InvocationState; readonly ctx: ResolverContext }
  | { readonly kind: 'error'; readonly error: RaisedError; readonly state: InvocationState; readonly ctx: ResolverContext }
  | { readonly kind: 'fault'; readonly fault: unknown; readonly state: InvocationState; readonly ctx: ResolverContext };

/** Options of {@link callRequest} and {@link callResponse}. */
export interface CallOptions {
  /** Overrides the auth mode otherwise read from the identity's shape (Cognito, IAM, none). */
  readonly authMode?: AuthMode | null;
}

/** Calls the request handler with a ctx built from `input`. */
export function callRequest(resolver: LoadedResolver, input: ContextInput = {}, options: CallOptions = {}): HandlerOutcome {
  return call(resolver, 'request', input, options);
}

/** Calls the response handler with a ctx built from `input` (set `result` or `error` as the data source would). */
export function callResponse(resolver: LoadedResolver, input: ContextInput = {}, options: CallOptions = {}): HandlerOutcome {
  return call(resolver, 'response', input, options);
}

function call(resolver: LoadedResolver, which: 'request' | 'response', input: ContextInput, options: CallOptions): HandlerOutcome {
  const ctx = buildContext(resolver.source, input);
  const authMode = options.authMode !== undefined ? options.authMode : authModeOf(ctx.identity);
  const state = createInvocationState(ctx.info, authMode);
  try {
    const returned = resolver.runtime.run(state, () => resolver.handlers[which](ctx));
    return { kind: 'value', value: asJson(returned), state, ctx };
  } catch (thrown) {
    if (thrown instanceof EarlyReturnSignal) {
      return { kind: 'early', value: asJson(thrown.value), skipTo: thrown.skipTo, state, ctx };
    }
    if (thrown instanceof ResolverThrownError) {
      const error = { message: thrown.message, errorType: thrown.errorType, data: thrown.data, errorInfo: thrown.errorInfo };
      return { kind: 'error', error, state, ctx };
    }
    return { kind: 'fault', fault: thrown, state, ctx };
  }
}

/**
 * AppSync serialises what a handler returns (the request object goes to the data source as JSON,
 * the response becomes the field's value), so compare the JSON form: undefined members vanish.
 */
function asJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function authModeOf(identity: Identity | null): AuthMode | null {
  if (identity === null) {
    return null;
  }
  return 'userArn' in identity ? 'AWS_IAM' : 'AMAZON_COGNITO_USER_POOLS';
}

function buildContext(source: string, input: ContextInput): ResolverContext {
  const [parentTypeName, fieldName] = fieldOf(source, input.field);
  const args = structuredClone(input.args ?? {});
  return {
    arguments: args,
    args,
    identity: input.identity === undefined ? null : structuredClone(input.identity),
    source: input.source === undefined ? null : structuredClone(input.source),
    stash: structuredClone(input.stash ?? {}),
    prev: structuredClone(input.prev ?? { result: undefined }),
    result: input.result === undefined ? undefined : structuredClone(input.result),
    error: input.error === undefined ? undefined : structuredClone(input.error),
    env: { ...TEST_ENV, ...input.env },
    info: { fieldName, parentTypeName, variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    request: { headers: { ...input.headers }, domainName: null },
  };
}

/** `resolvers/Query.getMedia.ts` → ['Query', 'getMedia']; functions need `field` from the test. */
function fieldOf(source: string, field: string | undefined): [string, string] {
  const binding = field ?? source.match(/^resolvers\/([A-Za-z]+\.[A-Za-z]+)\.ts$/)?.[1];
  if (!binding) {
    throw new Error(`${source} is a pipeline function: say which field it runs for (ContextInput.field, e.g. 'Mutation.addTags')`);
  }
  const [parentTypeName, fieldName] = binding.split('.');
  if (!parentTypeName || !fieldName) {
    throw new Error(`field must be "Type.field", got "${binding}"`);
  }
  return [parentTypeName, fieldName];
}

/** The returned value; fails the test with what happened instead when the handler did not return. */
export function valueOf(outcome: HandlerOutcome): unknown {
  if (outcome.kind !== 'value') {
    throw new Error(`expected the handler to return a value, but it ${describeOutcome(outcome)}`);
  }
  return outcome.value;
}

/** The early return (`runtime.earlyReturn`); fails the test when the handler did something else. */
export function earlyReturnOf(outcome: HandlerOutcome): { value: unknown; skipTo: EarlyReturnTarget | null } {
  if (outcome.kind !== 'early') {
    throw new Error(`expected the handler to return early, but it ${describeOutcome(outcome)}`);
  }
  return { value: outcome.value, skipTo: outcome.skipTo };
}

/** The GraphQL error raised (`util.error` / `util.unauthorized`); fails the test otherwise. */
export function errorOf(outcome: HandlerOutcome): RaisedError {
  if (outcome.kind !== 'error') {
    throw new Error(`expected the handler to raise a GraphQL error, but it ${describeOutcome(outcome)}`);
  }
  return outcome.error;
}

function describeOutcome(outcome: HandlerOutcome): string {
  switch (outcome.kind) {
    case 'value':
      return `returned ${JSON.stringify(outcome.value)}`;
    case 'early':
      return `returned early with ${JSON.stringify(outcome.value)} (skipTo ${String(outcome.skipTo)})`;
    case 'error':
      return `raised ${outcome.error.errorType ?? 'an untyped error'}: ${outcome.error.message}`;
    case 'fault':
      return `threw ${typeof outcome.fault === 'object' && outcome.fault !== null && 'stack' in outcome.fault ? String(outcome.fault.stack) : String(outcome.fault)}`;
  }
}

/**
 * DynamoDB typed JSON as AppSync's `util.dynamodb` writes it: numbers stay JSON numbers and null is
 * `{ NULL: null }` (toNumber(12345) is `{ "N": 12345 }`, toNull() is `{ "NULL": null }`).
 * https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html
 */
export const S = (value: string) => ({ S: value });
export const N = (value: number) => ({ N: value });
export const NULL = { NULL: null } as const;
export const BOOL = (value: boolean) => ({ BOOL: value });
export const SS = (values: string[]) => ({ SS: values });
