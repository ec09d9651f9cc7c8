import { build, transform } from 'esbuild';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createInvocationState,
  createResolverRuntime,
  EarlyReturnSignal,
  ResolverThrownError,
} from '../../../../../../infra/local/appsync/runtime';
import type { ResolverRuntime } from '../../../../../../infra/local/appsync/runtime';

/**
 * The contract end to end: a resolver bundled as AppSync documents it (esbuild, ESM,
 * @aws-appsync/* external), turned into CommonJS, evaluated in a vm context whose `require` serves
 * runtime.modules and whose globals are runtime.globals — as the local executor does.
 * https://docs.aws.amazon.com/appsync/latest/devguide/additional-utilities.html (bundling)
 */

const resolverSource = `
import { util, runtime, extensions, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ id: string; mode?: string }>) {
  if (ctx.args.mode === 'forbidden') util.unauthorized();
  if (ctx.args.mode === 'invalid') util.error('Media id must not be empty', 'BadRequest', { id: ctx.args.id });
  if (ctx.args.mode === 'cached') runtime.earlyReturn({ id: ctx.args.id, cached: true }, { skipTo: 'END' });
  if (ctx.args.mode === 'subscribe') {
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ mediaId: { eq: ctx.args.id } }));
    return { payload: null };
  }
  return ddb.get({ key: { pk: 'MEDIA#' + ctx.args.id, sk: 'META' } });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (ctx.result.tags.length === 0) util.appendError('Media has no tags yet', 'Incomplete');
  // The global, not the import: AppSync installs util as a global too.
  globalThis.util.http.addResponseHeader('tagCount', ctx.result.tags.length);
  return { ...ctx.result, fetchedAt: util.time.nowISO8601(), filter: JSON.parse(util.transform.toDynamoDBFilterExpression({ tag: { in: ctx.result.tags } })) };
}
`;

interface ResolverModule {
  request(ctx: unknown): unknown;
  response(ctx: unknown): unknown;
}

async function compileResolver(): Promise<string> {
  const bundled = await build({
    stdin: { contents: resolverSource, loader: 'ts', resolveDir: process.cwd(), sourcefile: 'Query.getMedia.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'esnext',
    external: ['@aws-appsync/*'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
  });
  const esm = bundled.outputFiles[0]?.text ?? '';
  const commonJs = await transform(esm, { format: 'cjs', loader: 'js', target: 'es2022' });
  return commonJs.code;
}

function evaluate(code: string, resolverRuntime: ResolverRuntime): { module: ResolverModule; context: vm.Context } {
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string) => {
    const namespace = resolverRuntime.modules[specifier];
    if (namespace === undefined) throw new Error(`Cannot find module '${specifier}'`);
    return namespace;
  };
  const context = vm.createContext({ ...resolverRuntime.globals, module, exports: module.exports, require });
  vm.runInContext(code, context, { filename: 'Query.getMedia.js' });
  return { module: module.exports as unknown as ResolverModule, context };
}

describe('Contract: resolver bundle evaluated in a vm context', () => {
  let code: string;
  beforeAll(async () => {
    code = await compileResolver();
  });

  function setup(nowMs = 1517943695749) {
    const resolverRuntime = createResolverRuntime({ now: () => nowMs });
    const { module, context } = evaluate(code, resolverRuntime);
    /** A context object built inside the vm, so it comes from the resolver's realm as in the executor. */
    const contextObject = (json: unknown) => vm.runInContext(`(${JSON.stringify(json)})`, context) as unknown;
    const state = createInvocationState({ fieldName: 'getMedia', parentTypeName: 'Query' }, 'AMAZON_COGNITO_USER_POOLS');
    return { resolverRuntime, module, contextObject, state };
  }

  it('imports util and @aws-appsync/utils/dynamodb and builds the GetItem request', () => {
    // Prepare
    const { resolverRuntime, module, contextObject, state } = setup();

    // Act
    const request = resolverRuntime.run(state, () => module.request(contextObject({ args: { id: 'm1' } })));

    // Assess
    expect(JSON.parse(JSON.stringify(request))).toEqual({
      operation: 'GetItem',
      key: { pk: { S: 'MEDIA#m1' }, sk: { S: 'META' } },
    });
  });

  it('runs the response handler with globals, transforms and recorded side effects', () => {
    // Prepare
    const { resolverRuntime, module, contextObject, state } = setup();
    const ctx = contextObject({ args: { id: 'm1' }, result: { id: 'm1', tags: [] } });

    // Act
    const result = resolverRuntime.run(state, () => module.response(ctx));

    // Assess
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      id: 'm1',
      tags: [],
      fetchedAt: '2018-02-06T19:01:35.749Z',
      filter: { expression: '(null)', expressionNames: { '#tag': 'tag' }, expressionValues: {} },
    });
    expect(state.errors).toEqual([{ message: 'Media has no tags yet', errorType: 'Incomplete', data: null, errorInfo: null }]);
    expect(state.responseHeaders).toEqual({ tagCount: '0' });
  });

  it('surfaces util.error as ResolverThrownError with type and data', () => {
    const { resolverRuntime, module, contextObject, state } = setup();
    let thrown: unknown;
    try {
      resolverRuntime.run(state, () => module.request(contextObject({ args: { id: '', mode: 'invalid' } })));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResolverThrownError);
    expect(thrown).toMatchObject({ message: 'Media id must not be empty', errorType: 'BadRequest', data: { id: '' } });
  });

  it('surfaces util.error from the response handler for a data source error', () => {
    const { resolverRuntime, module, contextObject, state } = setup();
    const ctx = contextObject({ args: { id: 'm1' }, error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' } });
    expect(() => resolverRuntime.run(state, () => module.response(ctx))).toThrow(
      expect.objectContaining({ errorType: 'DynamoDB:ConditionalCheckFailedException' }),
    );
  });

  it('surfaces util.unauthorized with the field of the invocation', () => {
    const { resolverRuntime, module, contextObject, state } = setup();
    expect(() => resolverRuntime.run(state, () => module.request(contextObject({ args: { id: 'm1', mode: 'forbidden' } })))).toThrow(
      expect.objectContaining({ message: 'Not Authorized to access getMedia on type Query', errorType: 'Unauthorized' }),
    );
  });

  it('surfaces runtime.earlyReturn as EarlyReturnSignal', () => {
    const { resolverRuntime, module, contextObject, state } = setup();
    let thrown: unknown;
    try {
      resolverRuntime.run(state, () => module.request(contextObject({ args: { id: 'm1', mode: 'cached' } })));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EarlyReturnSignal);
    expect(JSON.parse(JSON.stringify((thrown as EarlyReturnSignal).value))).toEqual({ id: 'm1', cached: true });
    expect((thrown as EarlyReturnSignal).skipTo).toBe('END');
  });

  it('records a subscription filter set through the imported extensions', () => {
    const { resolverRuntime, module, contextObject, state } = setup();
    resolverRuntime.run(state, () => module.request(contextObject({ args: { id: 'm7', mode: 'subscribe' } })));
    expect(state.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'mediaId', operator: 'eq', value: 'm7' }] }] });
  });
});
