import { afterAll, describe, expect, it } from 'vitest';
import { createLambdaDataSource } from '../../../../../infra/local/appsync/datasources/lambda';
import { createFunctionRunner } from '../../../../../infra/local/functions/runner';
import { testFunction } from '../../../../support/functions/declare';

// Declared under real function names: the runner is then the FunctionInvoker the data source takes.
const runner = createFunctionRunner({
  declarations: {
    uploads: testFunction('context'),
    'dead-letters': testFunction('crash', { timeoutSeconds: 1 }),
  },
});

afterAll(async () => {
  await runner.close();
});

const context = { identity: null, requestId: 'graphql-request' };

describe('AppSync LAMBDA data source over the function runner', () => {
  it('puts the function result in ctx.result', async () => {
    const dataSource = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker: runner });

    const outcome = await dataSource.invoke({ operation: 'Invoke', payload: { field: 'createUpload' } }, context);

    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ event: { field: 'createUpload' }, functionName: 'uploads' });
  });

  it('reports a handler timeout as Lambda:Unhandled with Lambda message', async () => {
    const dataSource = createLambdaDataSource({ name: 'deadLetters', functionName: 'dead-letters', invoker: runner });

    const outcome = await dataSource.invoke({ operation: 'Invoke', payload: { kind: 'hang' } }, context);

    expect(outcome.error).toEqual({ type: 'Lambda:Unhandled', message: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/) });
  });

  it('reports a crash as Lambda:Unhandled', async () => {
    const dataSource = createLambdaDataSource({ name: 'deadLetters', functionName: 'dead-letters', invoker: runner });

    const outcome = await dataSource.invoke({ operation: 'Invoke', payload: { kind: 'exit', code: 1 } }, context);

    expect(outcome.error).toEqual({ type: 'Lambda:Unhandled', message: expect.stringContaining('Runtime exited with error: exit status 1') });
  });
});
