import { describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../../../../../infra/local/functions/worker/lambda-context';
import type { WorkerData } from '../../../../../../infra/local/functions/worker-protocol';

const data: WorkerData = {
  moduleUrl: 'file:///x.mjs',
  modulePath: 'functions/ingest/handler.ts',
  functionName: 'ingest',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ingest',
  memoryLimitInMB: '3008',
  logGroupName: '/aws/lambda/ingest',
  logStreamName: '2026/01/01/[$LATEST]00',
};

describe('Function: createLambdaContext', () => {
  it('carries the documented context properties', () => {
    const context = createLambdaContext(data, 'req-1', 10_000);

    expect(context).toMatchObject({
      awsRequestId: 'req-1',
      functionName: 'ingest',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ingest',
      memoryLimitInMB: '3008',
      logGroupName: '/aws/lambda/ingest',
      logStreamName: '2026/01/01/[$LATEST]00',
      callbackWaitsForEmptyEventLoop: true,
    });
  });

  it('counts the remaining time down to the deadline', () => {
    let now = 1_000;
    const context = createLambdaContext(data, 'req-1', 4_000, () => now);

    expect(context.getRemainingTimeInMillis()).toBe(3_000);
    now = 3_500;
    expect(context.getRemainingTimeInMillis()).toBe(500);
  });
});
