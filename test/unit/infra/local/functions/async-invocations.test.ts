import { describe, expect, it } from 'vitest';
import { createAsyncInvocations, type AttemptOutcome } from '../../../../../infra/local/functions/async-invocations';
import { createLogger, silentLogger } from '../../../../../infra/local/log';
import type { FailedInvocation } from '../../../../../infra/local/functions/types';

const failure = (errorType: string): AttemptOutcome => ({ ok: false, error: { errorType, errorMessage: `${errorType} happened` } });

describe('Function: createAsyncInvocations', () => {
  it('retries a failing event `asyncRetries` times after Lambda waits scaled, then reports it', async () => {
    // Prepare
    const attempts: { requestId: string; attempt: number; at: number }[] = [];
    const failed: FailedInvocation[] = [];
    const invocations = createAsyncInvocations({
      attempt: async (_name, requestId, _eventJson, attempt) => {
        attempts.push({ requestId, attempt, at: performance.now() });
        return failure('MediaUnreadableError');
      },
      retriesFor: () => 2,
      retryDelayScale: 1 / 600, // 100 ms, then 200 ms
      onFailure: (event) => {
        failed.push(event);
      },
      logger: silentLogger,
    });

    // Act
    invocations.submit('ingest', 'req-1', '{"key":"originals/a"}');
    await invocations.settled();

    // Assess
    expect(attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    expect(new Set(attempts.map((attempt) => attempt.requestId))).toEqual(new Set(['req-1']));
    const [first, second, third] = attempts.map((attempt) => attempt.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(95);
    expect(third - second).toBeGreaterThanOrEqual(195);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ functionName: 'ingest', event: { key: 'originals/a' }, errorType: 'MediaUnreadableError', errorMessage: 'MediaUnreadableError happened', attempts: 3 });
    expect(Date.parse(failed[0]?.lastAttemptAt ?? '')).toBeGreaterThan(Date.parse(failed[0]?.firstAttemptAt ?? ''));
  });

  it('stops retrying once an attempt succeeds', async () => {
    let calls = 0;
    const failed: FailedInvocation[] = [];
    const invocations = createAsyncInvocations({
      attempt: async () => (++calls === 1 ? failure('Sandbox.Timedout') : { ok: true }),
      retriesFor: () => 2,
      retryDelayScale: 0,
      onFailure: (event) => void failed.push(event),
      logger: silentLogger,
    });

    invocations.submit('ingest', 'req-1', '{}');
    await invocations.settled();

    expect(calls).toBe(2);
    expect(failed).toEqual([]);
  });

  it('does not retry service errors (the runner refused the event)', async () => {
    let calls = 0;
    const failed: FailedInvocation[] = [];
    const invocations = createAsyncInvocations({
      attempt: async () => {
        calls += 1;
        return failure('ServiceException');
      },
      retriesFor: () => 2,
      retryDelayScale: 0,
      onFailure: (event) => void failed.push(event),
      logger: silentLogger,
    });

    invocations.submit('ingest', 'req-1', '{}');
    await invocations.settled();

    expect(calls).toBe(1);
    expect(failed[0]).toMatchObject({ errorType: 'ServiceException', attempts: 1 });
  });

  it('hands events waiting for a retry to onFailure at once when retries are abandoned', async () => {
    const failed: FailedInvocation[] = [];
    const invocations = createAsyncInvocations({
      attempt: async () => failure('MediaUnreadableError'),
      retriesFor: () => 2,
      retryDelayScale: 1, // a real minute: only abandoning ends this test in time
      onFailure: (event) => void failed.push(event),
      logger: silentLogger,
    });
    invocations.submit('ingest', 'req-1', '{}');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(invocations.pending()).toBe(1);

    invocations.abandonRetries();
    await invocations.settled();

    expect(failed[0]).toMatchObject({ errorType: 'MediaUnreadableError', attempts: 1 });
    expect(invocations.pending()).toBe(0);
  });

  it('logs an onFailure callback that throws instead of losing the error', async () => {
    const lines: string[] = [];
    const invocations = createAsyncInvocations({
      attempt: async () => failure('Boom'),
      retriesFor: () => 0,
      retryDelayScale: 0,
      onFailure: () => {
        throw new Error('dead-letter store unavailable');
      },
      logger: createLogger('error', (line) => lines.push(line)),
    });

    invocations.submit('ingest', 'req-1', '{}');
    await invocations.settled();

    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ event: 'function.on-failure-error', requestId: 'req-1', error: 'Error: dead-letter store unavailable' }),
    ]);
  });
});
