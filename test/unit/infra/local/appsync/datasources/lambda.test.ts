import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../../../../../infra/functions';
import { createLambdaDataSource, parseLambdaRequest } from '../../../../../../infra/local/appsync/datasources/lambda';
import { FunctionInvocationError, type FunctionInvoker } from '../../../../../../infra/local/functions/types';

const context = { identity: null, requestId: 'graphql-1' };

/** An invoker that records calls and answers with `answer` (a function or a value). */
function fakeInvoker(answer: (event: unknown) => unknown = (event) => event) {
  const calls: { kind: 'invoke' | 'invokeAsync'; name: FunctionName; event: unknown }[] = [];
  const invoker: FunctionInvoker = {
    async invoke(name, event) {
      calls.push({ kind: 'invoke', name, event });
      return answer(event);
    },
    invokeAsync(name, event) {
      calls.push({ kind: 'invokeAsync', name, event });
    },
  };
  return { invoker, calls };
}

describe('Function: createLambdaDataSource', () => {
  it('Invoke sends the payload and puts the function result in ctx.result', async () => {
    // Prepare
    const { invoker, calls } = fakeInvoker(() => ({ url: 'https://example.test/put' }));
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    // Act
    const outcome = await dataSource.invoke({ operation: 'Invoke', payload: { field: 'createUpload', arguments: { name: 'a.jpg' } } }, context);

    // Assess
    expect(outcome).toEqual({ result: { url: 'https://example.test/put' } });
    expect(calls).toEqual([{ kind: 'invoke', name: 'uploads', event: { field: 'createUpload', arguments: { name: 'a.jpg' } } }]);
    expect(dataSource.name).toBe('uploads');
  });

  it('sends null when the request has no payload, and turns an undefined answer into null', async () => {
    const { invoker, calls } = fakeInvoker(() => undefined);
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    expect(await dataSource.invoke({ operation: 'Invoke' }, context)).toEqual({ result: null });
    expect(calls[0]?.event).toBeNull();
  });

  it('reports a function error as Lambda:Unhandled with the function errorMessage', async () => {
    const { invoker } = fakeInvoker(() => {
      throw new FunctionInvocationError('uploads', 'ValidationError', 'name must not be empty');
    });
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    expect(await dataSource.invoke({ operation: 'Invoke', payload: {} }, context)).toEqual({
      error: { type: 'Lambda:Unhandled', message: 'name must not be empty' },
    });
  });

  it('reports a timeout as Lambda:Unhandled with Lambda message', async () => {
    const message = 'RequestId: r-1 Error: Task timed out after 30.00 seconds';
    const { invoker } = fakeInvoker(() => {
      throw new FunctionInvocationError('uploads', 'Sandbox.Timedout', message);
    });
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    expect(await dataSource.invoke({ operation: 'Invoke', payload: {} }, context)).toEqual({ error: { type: 'Lambda:Unhandled', message } });
  });

  it('keeps the Invoke API exception name for throttling, with the service details', async () => {
    const { invoker } = fakeInvoker(() => {
      throw new FunctionInvocationError('uploads', 'TooManyRequestsException', 'Rate Exceeded.', { cause: { requestId: 'r-9' } });
    });
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    expect(await dataSource.invoke({ operation: 'Invoke', payload: {} }, context)).toEqual({
      error: { type: 'Lambda:TooManyRequestsException', message: 'Rate Exceeded. (Service: Lambda, Status Code: 429, Request ID: r-9)' },
    });
  });

  it('Event invocations are queued and resolve at once with a null result', async () => {
    const { invoker, calls } = fakeInvoker(() => {
      throw new Error('must not be called synchronously');
    });
    const dataSource = createLambdaDataSource({ name: 'deadLetters', functionName: 'dead-letters', invoker });

    const outcome = await dataSource.invoke({ operation: 'Invoke', invocationType: 'Event', payload: { redrive: 'all' } }, context);

    expect(outcome).toEqual({ result: null });
    expect(calls).toEqual([{ kind: 'invokeAsync', name: 'dead-letters', event: { redrive: 'all' } }]);
  });

  it('BatchInvoke sends a batch of one and takes the first item of the answer', async () => {
    const { invoker, calls } = fakeInvoker((event) => (event as unknown[]).map((item) => ({ echoed: item })));
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    expect(await dataSource.invoke({ operation: 'BatchInvoke', payload: { id: 'm1' } }, context)).toEqual({ result: { echoed: { id: 'm1' } } });
    expect(calls[0]?.event).toEqual([{ id: 'm1' }]);
  });

  it('BatchInvoke refuses an answer that is not a list of one', async () => {
    const { invoker } = fakeInvoker(() => ({ not: 'a list' }));
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    const outcome = await dataSource.invoke({ operation: 'BatchInvoke', payload: {} }, context);

    expect(outcome.error?.type).toBe('Lambda:IllegalArgument');
  });

  it('lets errors that are not invocation errors through (a bug, not a function failure)', async () => {
    const { invoker } = fakeInvoker(() => {
      throw new TypeError('runner bug');
    });
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker });

    await expect(dataSource.invoke({ operation: 'Invoke' }, context)).rejects.toThrow('runner bug');
  });
});

describe('Function: parseLambdaRequest', () => {
  it('defaults invocationType to RequestResponse and payload to null', () => {
    expect(parseLambdaRequest({ operation: 'Invoke' })).toEqual({ operation: 'Invoke', invocationType: 'RequestResponse', payload: null });
  });

  it.each([
    [null, "Value for field '$[operation]' not found."],
    [{ payload: {} }, "Value for field '$[operation]' not found."],
    [{ operation: 'Query' }, "Value for field '$[operation]' must be one of [Invoke, BatchInvoke], found 'Query'."],
    [{ operation: 'Invoke', invocationType: 'DryRun' }, "Value for field '$[invocationType]' must be one of [RequestResponse, Event], found 'DryRun'."],
    [{ operation: 'Invoke', version: '2018-05-29' }, "Unsupported element '$[version]'."],
  ])('answers %o with a MappingTemplate error', (request, message) => {
    expect(parseLambdaRequest(request)).toEqual({ type: 'MappingTemplate', message });
  });
});
