import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFunctionRunner, type FunctionLogEntry } from '../../../../../infra/local/functions/runner';
import { DEFAULT_PROJECT_ROOT } from '../../../../../infra/local/functions/bundle';
import { invocationError, testFunction } from '../../../../support/functions/declare';

const logs: FunctionLogEntry[] = [];
const runner = createFunctionRunner({
  declarations: {
    context: testFunction('context', { timeoutSeconds: 7, memoryMb: 384 }),
    counter: testFunction('counter'),
    reader: testFunction('environment'),
    otherReader: testFunction('environment'),
    logging: testFunction('logging', { concurrency: 2 }),
    failing: testFunction('failing'),
    brokenImport: testFunction('broken-import'),
    noHandler: testFunction('no-handler'),
  },
  environment: { TABLE_NAME: 'mediagraph-MediaTable', SHARED: 'for everyone' },
  functionEnvironment: { reader: { OWN: 'reader' }, otherReader: { OWN: 'other', TABLE_NAME: 'overridden' } },
  region: 'eu-west-1',
  onLog: (entry) => logs.push(entry),
});

afterAll(async () => {
  await runner.close();
});

describe('Function runner: Lambda-shaped invocation', () => {
  it('calls handler(event, context) with the documented context fields', async () => {
    // Act
    const answer = (await runner.invoke('context', { media: 'm1', tags: ['a'] })) as Record<string, unknown>;

    // Assess
    expect(answer).toMatchObject({
      event: { media: 'm1', tags: ['a'] },
      functionName: 'context',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:context',
      memoryLimitInMB: '384',
      logGroupName: '/aws/lambda/context',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(answer.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(answer.remainingTimeInMillis).toBeGreaterThan(6_000);
    expect(answer.remainingTimeInMillis).toBeLessThanOrEqual(7_000);
    // The bundled module still sees its own source location.
    expect(answer.moduleUrl).toBe(pathToFileURL(path.join(DEFAULT_PROJECT_ROOT, 'test/support/functions/context.ts')).href);
  });

  it('gives each invocation its own request id', async () => {
    const first = (await runner.invoke('context', {})) as { awsRequestId: string };
    const second = (await runner.invoke('context', {})) as { awsRequestId: string };

    expect(first.awsRequestId).not.toBe(second.awsRequestId);
  });

  it('keeps an environment warm: module state survives between calls in one worker', async () => {
    // Act
    const started = performance.now();
    const first = (await runner.invoke('counter', {})) as { count: number; threadId: number };
    const coldMs = performance.now() - started;
    const warmTimes: number[] = [];
    let last = first;
    for (let index = 0; index < 20; index += 1) {
      const before = performance.now();
      last = (await runner.invoke('counter', {})) as { count: number; threadId: number };
      warmTimes.push(performance.now() - before);
    }

    // Assess
    expect(first.count).toBe(1);
    expect(last.count).toBe(21);
    expect(last.threadId).toBe(first.threadId);
    const warmMedian = [...warmTimes].sort((a, b) => a - b)[10] ?? Number.NaN;
    expect(warmMedian).toBeLessThan(coldMs);
    console.info(`function runner latency: cold start ${coldMs.toFixed(1)} ms (bundle + worker + module load), warm median ${warmMedian.toFixed(2)} ms`);
  });

  it('gives each function its own environment variables and never touches the runner process.env', async () => {
    // Prepare
    const names = ['TABLE_NAME', 'SHARED', 'OWN', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_REGION', 'VITEST', 'PATH'];
    const before = { ...process.env };

    // Act
    const [reader, other] = (await Promise.all([runner.invoke('reader', { names }), runner.invoke('otherReader', { names })])) as Record<string, string | null>[];

    // Assess
    expect(reader).toMatchObject({ TABLE_NAME: 'mediagraph-MediaTable', SHARED: 'for everyone', OWN: 'reader', AWS_LAMBDA_FUNCTION_NAME: 'reader', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256', AWS_REGION: 'eu-west-1' });
    expect(other).toMatchObject({ TABLE_NAME: 'overridden', SHARED: 'for everyone', OWN: 'other', AWS_LAMBDA_FUNCTION_NAME: 'otherReader' });
    // The test runner's own variables stay out; PATH is passed through so functions can spawn tools.
    expect(process.env.VITEST).toBeDefined();
    expect(reader?.VITEST).toBeNull();
    expect(reader?.PATH).toBe(process.env.PATH);
    expect(process.env).toEqual(before);
  });

  it('captures console and stdout output per request id', async () => {
    // Act
    await Promise.all([runner.invoke('logging', { tag: 'first' }), runner.invoke('logging', { tag: 'second' })]);

    // Assess
    const lines = logs.filter((entry) => entry.functionName === 'logging');
    for (const tag of ['first', 'second']) {
      const own = lines.filter((entry) => entry.message.endsWith(tag));
      expect(own.map((entry) => [entry.level, entry.message])).toEqual([
        ['INFO', `hello from ${tag}`],
        ['ERROR', `trouble in ${tag}`],
        ['STDOUT', `raw line ${tag}`],
      ]);
      expect(new Set(own.map((entry) => entry.requestId)).size).toBe(1);
      expect(own[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const requestIds = new Set(lines.map((entry) => entry.requestId));
    expect(requestIds.size).toBe(2);
  });
});

describe('Function runner: function errors', () => {
  it('rejects with the thrown error type and message, as Lambda error payloads carry them', async () => {
    const failure = runner.invoke('failing', { recordTo: '/dev/null', failures: 99 });

    await expect(failure).rejects.toMatchObject(invocationError('MediaUnreadableError', /could not read the media/));
    // The payload keeps the trace, pointing at the TypeScript source rather than the bundle.
    const cause = (await failure.catch((error: Error) => error.cause)) as { trace: string[]; requestId: string };
    expect(cause.trace[0]).toBe('MediaUnreadableError: attempt 1 could not read the media');
    expect(cause.trace.join('\n')).toContain(`${path.join(DEFAULT_PROJECT_ROOT, 'test/support/functions/failing.ts')}:`);
    expect(cause.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports a thrown string by its type', async () => {
    await expect(runner.invoke('failing', { recordTo: '/dev/null', failures: 99, throwString: true })).rejects.toMatchObject(
      invocationError('string', 'plain string failure'),
    );
  });

  it('reports a module that throws while loading as Runtime.ImportModuleError', async () => {
    await expect(runner.invoke('brokenImport', {})).rejects.toMatchObject(invocationError('Runtime.ImportModuleError', 'Error: configuration missing at import time'));
  });

  it('reports a module without a handler export as Runtime.HandlerNotFound', async () => {
    await expect(runner.invoke('noHandler', {})).rejects.toMatchObject(
      invocationError('Runtime.HandlerNotFound', 'test/support/functions/no-handler.ts.handler is undefined or not exported'),
    );
  });

  it('refuses an unknown function and an event JSON cannot carry', async () => {
    await expect(runner.invoke('missing' as 'context', {})).rejects.toMatchObject(
      invocationError('ResourceNotFoundException', 'Function not found: arn:aws:lambda:eu-west-1:000000000000:function:missing'),
    );
    await expect(runner.invoke('context', { size: 1n })).rejects.toMatchObject(invocationError('InvalidRequestContentException'));
  });
});
