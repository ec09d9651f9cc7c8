/**
 * Loading a compiled APPSYNC_JS bundle (the ES module AppSync receives) with the local runtime
 * behind `@aws-appsync/utils`. AppSync resolvers export `request(ctx)` and `response(ctx)` and may
 * import only `@aws-appsync/utils` (and its `/dynamodb` helpers).
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-overview-js.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb.html
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BundleLoadError, loadBundle } from '../../../../../infra/local/appsync/bundle-loader';
import { executeResolver } from '../../../../../infra/local/appsync/resolver-executor';
import { createInvocationState, createResolverRuntime, EarlyReturnSignal } from '../../../../../infra/local/appsync/runtime';
import type { DataSource } from '../../../../../infra/local/appsync/types';

const runtime = createResolverRuntime();

/** A resolver as esbuild emits it for AppSync (ESM, `@aws-appsync/*` external). */
const getItemBundle = `
import { util, runtime } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  if (ctx.args.cached) {
    return runtime.earlyReturn({ id: ctx.args.id, cached: true });
  }
  return ddb.get({ key: { id: ctx.args.id } });
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
`;

function run<T>(handler: () => T): T {
  return runtime.run(createInvocationState({ fieldName: 'getMedia', parentTypeName: 'Query' }, null), handler);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('Function: loadBundle', () => {
  it("returns the module's request and response handlers, with @aws-appsync/utils and its DynamoDB helpers served by the runtime", () => {
    // Act
    const handlers = loadBundle('resolvers/Query.getMedia.js', getItemBundle, runtime);

    // Assess
    expect(handlers.source).toBe('resolvers/Query.getMedia.js');
    // ddb.get builds the documented GetItem request with a DynamoDB-typed key.
    expect(run(() => handlers.request({ args: { id: 'm1' } }))).toEqual({ operation: 'GetItem', key: { id: { S: 'm1' } } });
    expect(run(() => handlers.response({ result: { id: 'm1' } }))).toEqual({ id: 'm1' });
  });

  it("raises the runtime's own signals from bundled code (runtime.earlyReturn)", () => {
    const handlers = loadBundle('resolvers/Query.getMedia.js', getItemBundle, runtime);

    let thrown: unknown;
    try {
      run(() => handlers.request({ args: { id: 'm1', cached: true } }));
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(EarlyReturnSignal);
    expect(thrown).toMatchObject({ value: { id: 'm1', cached: true }, skipTo: null });
  });

  it('runs through the resolver executor like a hand-written resolver', async () => {
    // Prepare
    const handlers = loadBundle('resolvers/Query.getMedia.js', getItemBundle, runtime);
    const requests: unknown[] = [];
    const table: DataSource = {
      name: 'MediaTable',
      invoke(request) {
        requests.push(request);
        return Promise.resolve({ error: { message: 'Requested resource not found', type: 'DynamoDB:ResourceNotFoundException' } });
      },
    };

    // Act
    const outcome = await executeResolver(
      { kind: 'UNIT', handlers, dataSource: table },
      {
        arguments: { id: 'm1' },
        source: null,
        principal: null,
        info: { fieldName: 'getMedia', parentTypeName: 'Query', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{\n  id\n}' },
        headers: {},
        domainName: null,
        env: {},
        requestId: 'request-1',
      },
      runtime,
    );

    // Assess
    expect(requests).toEqual([{ operation: 'GetItem', key: { id: { S: 'm1' } } }]);
    expect(outcome.error).toMatchObject({ message: 'Requested resource not found', errorType: 'DynamoDB:ResourceNotFoundException' });
  });

  it('refuses a bundle that imports anything but @aws-appsync/utils, naming the import', () => {
    const code = `import { readFileSync } from 'node:fs';\nexport function request() { return readFileSync; }\nexport function response(ctx) { return ctx.result; }`;
    expect(() => loadBundle('resolvers/bad.js', code, runtime)).toThrow(BundleLoadError);
    expect(() => loadBundle('resolvers/bad.js', code, runtime)).toThrow(
      'Cannot load resolver bundle resolvers/bad.js: imports "node:fs"; APPSYNC_JS resolvers may import only @aws-appsync/utils',
    );
  });

  it('refuses a bundle without both handlers', () => {
    const code = `export function request(ctx) { return {}; }`;
    expect(() => loadBundle('resolvers/half.js', code, runtime)).toThrow(/must export both request\(ctx\) and response\(ctx\)/);
  });

  it('refuses code that does not parse', () => {
    expect(() => loadBundle('resolvers/broken.js', 'export function request( {', runtime)).toThrow(/resolvers\/broken\.js: not valid JavaScript/);
  });

  it('gives resolver code no Node.js globals (AppSync runs it outside Node)', () => {
    const code = `export function request() { return { process: typeof process, buffer: typeof Buffer, fetch: typeof fetch }; }\nexport function response(ctx) { return ctx.result; }`;
    const handlers = loadBundle('resolvers/probe.js', code, runtime);
    expect(run(() => handlers.request({}))).toEqual({ process: 'undefined', buffer: 'undefined', fetch: 'undefined' });
  });

  it('keeps console output quiet unless MEDIAGRAPH_RESOLVER_LOGS is set, then writes one JSON line per call', () => {
    // Prepare
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = `export function request(ctx) { console.log('loading', ctx.args.id); return {}; }\nexport function response(ctx) { return ctx.result; }`;

    // Act
    vi.stubEnv('MEDIAGRAPH_RESOLVER_LOGS', '');
    run(() => loadBundle('resolvers/quiet.js', code, runtime).request({ args: { id: 'm1' } }));
    const quietWrites = write.mock.calls.length;
    vi.stubEnv('MEDIAGRAPH_RESOLVER_LOGS', '1');
    run(() => loadBundle('resolvers/loud.js', code, runtime).request({ args: { id: 'm1' } }));

    // Assess
    expect(quietWrites).toBe(0);
    expect(write.mock.calls.map(([line]) => JSON.parse(String(line)) as unknown)).toEqual([
      { level: 'info', resolver: 'resolvers/loud.js', message: 'loading m1' },
    ]);
  });
});
