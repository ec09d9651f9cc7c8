import { describe, expect, it } from 'vitest';
import { createFunctionRunner } from '../../../../../infra/local/functions/runner';
import { invocationError, testFunction } from '../../../../support/functions/declare';

interface Timing {
  startedAt: number;
  endedAt: number;
  threadId: number;
}

/** The largest number of intervals running at the same instant. */
function maxOverlap(timings: readonly Timing[]): number {
  const edges = timings.flatMap((timing) => [
    { at: timing.startedAt, delta: 1 },
    { at: timing.endedAt, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const edge of edges) {
    running += edge.delta;
    peak = Math.max(peak, running);
  }
  return peak;
}

describe('Function runner: concurrency', () => {
  it('runs at most `concurrency` invocations at once and queues the rest', async () => {
    // Prepare
    const runner = createFunctionRunner({ declarations: { sleeper: testFunction('timing', { concurrency: 2 }) } });

    try {
      // Act
      const timings = (await Promise.all(Array.from({ length: 6 }, () => runner.invoke('sleeper', { ms: 250 })))) as Timing[];

      // Assess
      expect(maxOverlap(timings)).toBe(2);
      expect(new Set(timings.map((timing) => timing.threadId)).size).toBe(2);
      const span = Math.max(...timings.map((timing) => timing.endedAt)) - Math.min(...timings.map((timing) => timing.startedAt));
      expect(span).toBeGreaterThanOrEqual(3 * 250 - 5);
    } finally {
      await runner.close();
    }
  });

  it('throttles synchronous calls with TooManyRequestsException once the queue is full', async () => {
    const runner = createFunctionRunner({ declarations: { sleeper: testFunction('timing', { concurrency: 1 }) }, maxQueuedInvocations: 2 });

    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => runner.invoke('sleeper', { ms: 300 })));

      const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(fulfilled).toHaveLength(3);
      expect(rejected).toHaveLength(2);
      for (const outcome of rejected) expect(outcome.reason).toMatchObject(invocationError('TooManyRequestsException', 'Rate Exceeded.'));
    } finally {
      await runner.close();
    }
  });

  it('drain waits for accepted invocations and then refuses new ones', async () => {
    const runner = createFunctionRunner({ declarations: { sleeper: testFunction('timing', { concurrency: 1 }) } });
    const accepted = [runner.invoke('sleeper', { ms: 200 }), runner.invoke('sleeper', { ms: 200 })];

    const result = await runner.drain({ timeoutMs: 5_000 });

    expect(result).toEqual({ drained: true, pending: 0 });
    await expect(Promise.all(accepted)).resolves.toHaveLength(2);
    await expect(runner.invoke('sleeper', { ms: 1 })).rejects.toMatchObject(invocationError('ServiceException'));
    expect(() => runner.invokeAsync('sleeper', { ms: 1 })).toThrow(expect.objectContaining({ errorType: 'ServiceException' }));
    await runner.close();
  });

  it('close stops a worker still running after the deadline and fails its invocation', async () => {
    const runner = createFunctionRunner({ declarations: { sleeper: testFunction('timing', { concurrency: 1, timeoutSeconds: 60 }) } });
    const running = runner.invoke('sleeper', { ms: 30_000, cpu: true });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = performance.now();
    await runner.close({ timeoutMs: 200 });

    await expect(running).rejects.toMatchObject(invocationError('ServiceException'));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(runner.stats('sleeper')).toMatchObject({ environments: 0, busy: 0 });
  });

  it('retires an environment left idle for idleTimeoutMs; the next call gets a fresh one', async () => {
    const runner = createFunctionRunner({ declarations: { counter: testFunction('counter') }, idleTimeoutMs: 200 });

    try {
      const first = (await runner.invoke('counter', {})) as { count: number; threadId: number };
      const warm = (await runner.invoke('counter', {})) as { count: number; threadId: number };
      await new Promise((resolve) => setTimeout(resolve, 400));
      const statsAfterIdle = runner.stats('counter');
      const fresh = (await runner.invoke('counter', {})) as { count: number; threadId: number };

      expect(warm).toEqual({ count: 2, threadId: first.threadId });
      expect(statsAfterIdle).toMatchObject({ environments: 0, idle: 0 });
      expect(fresh.count).toBe(1);
      expect(fresh.threadId).not.toBe(first.threadId);
    } finally {
      await runner.close();
    }
  });
});
