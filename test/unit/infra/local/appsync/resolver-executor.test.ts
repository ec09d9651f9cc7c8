/**
 * Unit and pipeline resolvers run the way AppSync's APPSYNC_JS runtime runs them, with hand-written
 * handlers, the real local runtime (util / runtime / extensions) and fake data sources.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (Error utils)
 */
import { describe, expect, it } from 'vitest';
import type { LoadedHandlers } from '../../../../../infra/local/appsync/bundle-loader';
import {
  executeResolver,
  type ExecutableFunction,
  type ExecutableResolver,
  type ResolverInvocation,
} from '../../../../../infra/local/appsync/resolver-executor';
import { createResolverRuntime } from '../../../../../infra/local/appsync/runtime';
import type { Extensions } from '../../../../../infra/local/appsync/runtime/extensions';
import type { RuntimeControl } from '../../../../../infra/local/appsync/runtime/runtime-control';
import type { Util } from '../../../../../infra/local/appsync/runtime/util';
import type { DataSource, DataSourceError, DataSourceOutcome, Principal } from '../../../../../infra/local/appsync/types';
import { cognitoIdentity } from '../../../../support/resolver-harness';

const appSyncRuntime = createResolverRuntime();
/** What a resolver gets from `import { util, runtime, extensions } from '@aws-appsync/utils'`. */
const { util, runtime, extensions } = appSyncRuntime.modules['@aws-appsync/utils'] as {
  util: Util;
  runtime: RuntimeControl;
  extensions: Extensions;
};

/** AppSync's `ctx`, as far as these handlers read it. */
interface Ctx {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result: unknown };
  result: unknown;
  error: DataSourceError | undefined;
  request: { headers: Record<string, string | undefined>; domainName: string | null };
  info: { fieldName: string; parentTypeName: string };
  env: Record<string, string>;
}

/** Handlers written like a resolver file, each call recorded by name. */
function handlers(
  source: string,
  request: (ctx: Ctx) => unknown,
  response: (ctx: Ctx) => unknown,
  calls: string[] = [],
): LoadedHandlers {
  return {
    source,
    request: (ctx) => {
      calls.push(`${source}.request`);
      return request(ctx as Ctx);
    },
    response: (ctx) => {
      calls.push(`${source}.response`);
      return response(ctx as Ctx);
    },
  };
}

/** A data source answering `answer(request)` and recording what it was sent. */
function fakeDataSource(name: string, answer: (request: unknown) => DataSourceOutcome = (request) => ({ result: request })) {
  const received: { request: unknown; context: { identity: unknown; requestId: string } }[] = [];
  const dataSource: DataSource = {
    name,
    invoke(request, context) {
      received.push({ request, context });
      return Promise.resolve(answer(request));
    },
  };
  return { dataSource, received };
}

const alice: Principal = { mode: 'AMAZON_COGNITO_USER_POOLS', identity: cognitoIdentity('alice-sub', { groups: ['editor'] }) };

function invocation(overrides: Partial<ResolverInvocation> = {}): ResolverInvocation {
  return {
    arguments: { id: 'm1' },
    source: null,
    principal: alice,
    info: { fieldName: 'getMedia', parentTypeName: 'Query', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{\n  id\n}' },
    headers: { 'x-custom': 'yes' },
    domainName: null,
    env: { TABLE_NAME: 'MediaTable-test' },
    requestId: 'request-1',
    ...overrides,
  };
}

function unit(handlersOf: LoadedHandlers, dataSource: DataSource): ExecutableResolver {
  return { kind: 'UNIT', handlers: handlersOf, dataSource };
}

function pipeline(handlersOf: LoadedHandlers, functions: ExecutableFunction[]): ExecutableResolver {
  return { kind: 'PIPELINE', handlers: handlersOf, functions };
}

describe('Function: executeResolver (unit resolvers)', () => {
  it('runs request → data source → response, with ctx filled as AppSync documents', async () => {
    // Prepare
    const seen: Partial<Ctx>[] = [];
    const table = fakeDataSource('MediaTable', () => ({ result: { id: 'm1', name: 'beach.jpg' } }));
    const resolver = unit(
      handlers(
        'Query.getMedia',
        (ctx) => {
          seen.push({ ...ctx });
          return { operation: 'GetItem', key: { id: ctx.args.id } };
        },
        (ctx) => ({ ...(ctx.result as object), readBy: (ctx.identity as { sub: string }).sub }),
      ),
      table.dataSource,
    );

    // Act
    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    // Assess
    expect(table.received).toEqual([
      { request: { operation: 'GetItem', key: { id: 'm1' } }, context: { identity: alice.identity, requestId: 'request-1' } },
    ]);
    expect(outcome).toMatchObject({ value: { id: 'm1', name: 'beach.jpg', readBy: 'alice-sub' }, error: null, appendedErrors: [] });
    const ctx = seen[0];
    expect(ctx?.arguments).toEqual({ id: 'm1' });
    expect(ctx?.args).toBe(ctx?.arguments);
    expect(ctx?.identity).toBe(alice.identity);
    expect(ctx?.source).toBeNull();
    expect(ctx?.stash).toEqual({});
    expect(ctx?.request).toEqual({ headers: { 'x-custom': 'yes' }, domainName: null });
    expect(ctx?.info).toMatchObject({ fieldName: 'getMedia', parentTypeName: 'Query' });
    expect(ctx?.env).toEqual({ TABLE_NAME: 'MediaTable-test' });
  });

  it('returns the early-returned value from the request handler, skipping the data source and the response handler', async () => {
    // "The specified object is returned as the result" (runtime-utils-js.html).
    const calls: string[] = [];
    const table = fakeDataSource('MediaTable');
    const resolver = unit(
      handlers('Query.getMedia', () => runtime.earlyReturn({ id: 'cached' }), () => 'response ran', calls),
      table.dataSource,
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(outcome.value).toEqual({ id: 'cached' });
    expect(outcome.error).toBeNull();
    expect(table.received).toEqual([]);
    expect(calls).toEqual(['Query.getMedia.request']);
  });

  it('resolves to null on runtime.earlyReturn() without a value', async () => {
    const table = fakeDataSource('MediaTable');
    const resolver = unit(handlers('Query.getMedia', () => runtime.earlyReturn(), () => 'response ran'), table.dataSource);
    expect((await executeResolver(resolver, invocation(), appSyncRuntime)).value).toBeNull();
  });
});

describe('Function: executeResolver (pipeline resolvers)', () => {
  it('shares ctx.stash across the pipeline and hands each step its predecessor\'s result in ctx.prev.result', async () => {
    // "If the previous operation was the pipeline resolver's request handler, then ctx.prev.result
    // represents that evaluation result and is made available to the first function ... If the
    // previous operation was the last function, then ctx.prev.result represents the evaluation
    // result of the last function and is made available to the pipeline resolver's response handler."
    const prevSeen: Record<string, unknown> = {};
    const first = fakeDataSource('First', () => ({ result: { loaded: 'item' } }));
    const second = fakeDataSource('Second', () => ({ result: { written: true } }));
    const resolver = pipeline(
      handlers(
        'Mutation.addTags',
        (ctx) => {
          ctx.stash.owner = 'alice-sub';
          return { before: true };
        },
        (ctx) => ({ final: ctx.prev.result, stash: { ...ctx.stash } }),
      ),
      [
        {
          name: 'loadMedia',
          dataSource: first.dataSource,
          handlers: handlers(
            'functions/loadMedia',
            (ctx) => {
              prevSeen.loadMedia = ctx.prev.result;
              return { key: ctx.stash.owner };
            },
            (ctx) => {
              ctx.stash.loaded = ctx.result;
              return { step: 1, from: ctx.result };
            },
          ),
        },
        {
          name: 'writeTags',
          dataSource: second.dataSource,
          handlers: handlers(
            'functions/writeTags',
            (ctx) => {
              prevSeen.writeTags = ctx.prev.result;
              return { write: ctx.stash.loaded };
            },
            (ctx) => ({ step: 2, from: ctx.result }),
          ),
        },
      ],
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(prevSeen).toEqual({ loadMedia: { before: true }, writeTags: { step: 1, from: { loaded: 'item' } } });
    expect(first.received[0]?.request).toEqual({ key: 'alice-sub' });
    expect(second.received[0]?.request).toEqual({ write: { loaded: 'item' } });
    expect(outcome.value).toEqual({
      final: { step: 2, from: { written: true } },
      stash: { owner: 'alice-sub', loaded: { loaded: 'item' } },
    });
  });

  function twoFunctionPipeline(firstRequest: (ctx: Ctx) => unknown, firstResponse: (ctx: Ctx) => unknown = () => 'fn1 response') {
    const calls: string[] = [];
    const prev: unknown[] = [];
    const first = fakeDataSource('First');
    const second = fakeDataSource('Second', () => ({ result: 'fn2 data' }));
    const resolver = pipeline(
      handlers(
        'Query.getMedia',
        () => ({}),
        (ctx) => {
          prev.push(ctx.prev.result);
          return ctx.prev.result;
        },
        calls,
      ),
      [
        { name: 'fn1', dataSource: first.dataSource, handlers: handlers('fn1', firstRequest, firstResponse, calls) },
        {
          name: 'fn2',
          dataSource: second.dataSource,
          handlers: handlers(
            'fn2',
            (ctx) => {
              prev.push(ctx.prev.result);
              return {};
            },
            (ctx) => ctx.result,
            calls,
          ),
        },
      ],
    );
    return { resolver, calls, prev, first, second };
  }

  it("skips a function's data source and response on earlyReturn in its request handler, and goes on to the next function", async () => {
    // "When called in an AWS AppSync function request handler, the data source and response
    // handler are skipped, and the next function request handler ... is called."
    const { resolver, calls, prev, first } = twoFunctionPipeline(() => runtime.earlyReturn({ skipped: 'fn1' }));

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(first.received).toEqual([]);
    expect(calls).toEqual(['Query.getMedia.request', 'fn1.request', 'fn2.request', 'fn2.response', 'Query.getMedia.response']);
    expect(prev[0]).toEqual({ skipped: 'fn1' });
    expect(outcome.value).toBe('fn2 data');
  });

  it("does the same with skipTo: 'NEXT'", async () => {
    const { resolver, calls, first } = twoFunctionPipeline(() => runtime.earlyReturn({ skipped: 'fn1' }, { skipTo: 'NEXT' }));

    await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(first.received).toEqual([]);
    expect(calls).toEqual(['Query.getMedia.request', 'fn1.request', 'fn2.request', 'fn2.response', 'Query.getMedia.response']);
  });

  it("jumps to the pipeline's response handler with skipTo: 'END'", async () => {
    // "When returnOptions is given with skipTo set to "END", the pipeline execution is skipped, and
    // the pipeline resolver response handler is called immediately."
    const { resolver, calls, second } = twoFunctionPipeline(() => runtime.earlyReturn({ done: true }, { skipTo: 'END' }));

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(calls).toEqual(['Query.getMedia.request', 'fn1.request', 'Query.getMedia.response']);
    expect(second.received).toEqual([]);
    expect(outcome.value).toEqual({ done: true });
  });

  it("jumps to the pipeline's response handler on skipTo: 'END' from a function's response handler", async () => {
    const { resolver, calls, second } = twoFunctionPipeline(
      (ctx) => ({ id: ctx.args.id }),
      () => runtime.earlyReturn('stop after fn1', { skipTo: 'END' }),
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(calls).toEqual(['Query.getMedia.request', 'fn1.request', 'fn1.response', 'Query.getMedia.response']);
    expect(second.received).toEqual([]);
    expect(outcome.value).toBe('stop after fn1');
  });

  it("skips every function on earlyReturn in the pipeline's request handler", async () => {
    // "When called in an AWS AppSync pipeline resolver request handler, the pipeline execution is
    // skipped, and the pipeline resolver response handler is called immediately."
    const calls: string[] = [];
    const only = fakeDataSource('Only');
    const resolver = pipeline(
      handlers('Query.getMedia', () => runtime.earlyReturn({ early: true }), (ctx) => ({ after: ctx.prev.result }), calls),
      [{ name: 'fn1', dataSource: only.dataSource, handlers: handlers('fn1', () => ({}), () => 'fn1', calls) }],
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(calls).toEqual(['Query.getMedia.request', 'Query.getMedia.response']);
    expect(only.received).toEqual([]);
    expect(outcome.value).toEqual({ after: { early: true } });
  });
});

describe('Function: executeResolver (errors)', () => {
  it('turns util.error into the outcome error with errorType, data and errorInfo, and stops the resolver', async () => {
    const calls: string[] = [];
    const table = fakeDataSource('MediaTable');
    const resolver = unit(
      handlers('Query.getMedia', () => util.error('Media not found', 'NotFound', { id: 'm1' }, { hint: 'check the id' }), () => 'ran', calls),
      table.dataSource,
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(outcome.value).toBeNull();
    expect(outcome.error).toEqual({ message: 'Media not found', errorType: 'NotFound', data: { id: 'm1' }, errorInfo: { hint: 'check the id' } });
    expect(calls).toEqual(['Query.getMedia.request']);
    expect(table.received).toEqual([]);
  });

  it('stops a whole pipeline on util.error in a function', async () => {
    const calls: string[] = [];
    const resolver = pipeline(handlers('Mutation.addTags', () => ({}), () => 'after ran', calls), [
      { name: 'fn1', dataSource: fakeDataSource('A').dataSource, handlers: handlers('fn1', () => util.error('Forbidden', 'Unauthorized'), () => 'x', calls) },
      { name: 'fn2', dataSource: fakeDataSource('B').dataSource, handlers: handlers('fn2', () => ({}), () => 'y', calls) },
    ]);

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(outcome.error).toMatchObject({ message: 'Forbidden', errorType: 'Unauthorized', data: null, errorInfo: null });
    expect(outcome.value).toBeNull();
    expect(calls).toEqual(['Mutation.addTags.request', 'fn1.request']);
  });

  it("turns util.unauthorized into AppSync's Unauthorized error for the field", async () => {
    const resolver = unit(handlers('Query.getMedia', () => util.unauthorized(), () => 'x'), fakeDataSource('T').dataSource);
    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);
    expect(outcome.error).toMatchObject({ message: 'Not Authorized to access getMedia on type Query', errorType: 'Unauthorized' });
  });

  it('keeps the value when util.appendError adds errors ("the template evaluation will not be interrupted")', async () => {
    const resolver = unit(
      handlers(
        'Query.getMedia',
        () => {
          util.appendError('Thumbnail missing', 'PartialResult', { field: 'thumbnail' }, { retryable: true });
          return {};
        },
        (ctx) => {
          util.appendError('Second warning');
          return ctx.result;
        },
      ),
      fakeDataSource('MediaTable', () => ({ result: { id: 'm1' } })).dataSource,
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(outcome.value).toEqual({ id: 'm1' });
    expect(outcome.error).toBeNull();
    expect(outcome.appendedErrors).toEqual([
      { message: 'Thumbnail missing', errorType: 'PartialResult', data: { field: 'thumbnail' }, errorInfo: { retryable: true } },
      { message: 'Second warning', errorType: null, data: null, errorInfo: null },
    ]);
  });

  it("hands a data source's error to the response handler as ctx.error, with ctx.result when the data source returned one too", async () => {
    // ctx.error is `{ message, type }` (resolver-context-reference-js.html); a DynamoDB condition
    // check failure also gives the current item.
    const seen: { error: unknown; result: unknown }[] = [];
    const table = fakeDataSource('MediaTable', () => ({
      result: { id: 'm1', version: 3 },
      error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' },
    }));
    const resolver = unit(
      handlers(
        'Mutation.updateMedia',
        () => ({ operation: 'UpdateItem' }),
        (ctx) => {
          seen.push({ error: ctx.error, result: ctx.result });
          if (ctx.error) {
            util.error(ctx.error.message, ctx.error.type, ctx.result);
          }
          return ctx.result;
        },
      ),
      table.dataSource,
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(seen).toEqual([
      { error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' }, result: { id: 'm1', version: 3 } },
    ]);
    expect(outcome.error).toEqual({
      message: 'The conditional request failed',
      errorType: 'DynamoDB:ConditionalCheckFailedException',
      data: { id: 'm1', version: 3 },
      errorInfo: null,
    });
  });

  it("gives each pipeline function its own ctx.error: a handled error does not leak into the next function", async () => {
    const errors: unknown[] = [];
    const resolver = pipeline(handlers('Mutation.addTags', () => ({}), (ctx) => ctx.prev.result), [
      {
        name: 'fn1',
        dataSource: fakeDataSource('A', () => ({ error: { message: 'boom', type: 'DynamoDB:Fault' } })).dataSource,
        handlers: handlers('fn1', () => ({}), (ctx) => {
          errors.push(ctx.error);
          return 'handled';
        }),
      },
      {
        name: 'fn2',
        dataSource: fakeDataSource('B', () => ({ result: 'ok' })).dataSource,
        handlers: handlers('fn2', () => ({}), (ctx) => {
          errors.push(ctx.error);
          return ctx.result;
        }),
      },
    ]);

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(errors).toEqual([{ message: 'boom', type: 'DynamoDB:Fault' }, undefined]);
    expect(outcome.value).toBe('ok');
  });

  it("reports a fault in the handler's own code (a TypeError) with errorType 'Code', without calling the data source", async () => {
    const table = fakeDataSource('MediaTable');
    const resolver = unit(
      handlers(
        'Query.getMedia',
        (ctx) => (ctx.args.missing as { field: string }).field,
        () => 'x',
      ),
      table.dataSource,
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(outcome.value).toBeNull();
    expect(outcome.error).toMatchObject({ errorType: 'Code', data: null, errorInfo: null });
    expect(outcome.error?.message).toContain('TypeError');
    expect(outcome.error?.message).toContain('Query.getMedia');
    expect(table.received).toEqual([]);
  });
});

describe('Function: executeResolver (extensions)', () => {
  it('collects the subscription filter and invalidation filter a subscription resolver sets', async () => {
    // https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html
    const resolver = unit(
      handlers(
        'Subscription.onMediaProgress',
        () => ({ payload: null }),
        (ctx) => {
          extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ id: { eq: ctx.args.mediaId } }));
          extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ mediaId: { eq: ctx.args.mediaId } }));
          return null;
        },
      ),
      fakeDataSource('None', () => ({ result: null })).dataSource,
    );

    const outcome = await executeResolver(
      resolver,
      invocation({ arguments: { mediaId: 'm1' }, info: { fieldName: 'onMediaProgress', parentTypeName: 'Subscription', variables: {}, selectionSetList: [], selectionSetGraphQL: '' } }),
      appSyncRuntime,
    );

    expect(outcome.error).toBeNull();
    expect(outcome.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'm1' }] }] });
    expect(outcome.subscriptionInvalidationFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'mediaId', operator: 'eq', value: 'm1' }] }] });
  });

  it('collects the invalidations a mutation resolver asks for', async () => {
    const resolver = unit(
      handlers(
        'Mutation.deleteMedia',
        () => ({}),
        (ctx) => {
          extensions.invalidateSubscriptions({ subscriptionField: 'onMediaProgress', payload: { mediaId: ctx.args.id } });
          return { id: ctx.args.id };
        },
      ),
      fakeDataSource('MediaTable').dataSource,
    );

    const outcome = await executeResolver(resolver, invocation(), appSyncRuntime);

    expect(outcome.value).toEqual({ id: 'm1' });
    expect(outcome.invalidations).toEqual([{ subscriptionField: 'onMediaProgress', payload: { mediaId: 'm1' } }]);
    expect(outcome.subscriptionFilter).toBeUndefined();
  });
});
