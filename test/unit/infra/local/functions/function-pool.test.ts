import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FunctionInstance, InvocationResult, StartOutcome } from '../../../../../infra/local/functions/function-instance';
import { createFunctionPool, type PoolJob, type PoolResult } from '../../../../../infra/local/functions/function-pool';

/** An environment whose invocations finish when the test says so. */
interface FakeInstance extends FunctionInstance {
  readonly id: number;
  readonly calls: string[];
  finish(result?: Partial<InvocationResult>): void;
  /** Out of service (crashed, timed out) but its thread has not exited yet. */
  markDead(): void;
  /** Its thread exits. */
  exit(): void;
  terminated: string | null;
}

function fakeInstance(id: number): FakeInstance {
  let alive = true;
  let resolveExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => (resolveExited = resolve));
  let pending: ((result: InvocationResult) => void) | null = null;
  const instance: FakeInstance = {
    id,
    calls: [],
    terminated: null,
    initDurationMs: 5,
    exited,
    isAlive: () => alive,
    invoke(requestId) {
      instance.calls.push(requestId);
      return new Promise((resolve) => (pending = resolve));
    },
    async terminate(reason) {
      instance.terminated = reason;
      alive = false;
      resolveExited();
    },
    finish(result) {
      const settle = pending;
      pending = null;
      settle?.({ status: 'success', payloadJson: JSON.stringify(id), durationMs: 1, maxMemoryUsedMb: 10, ...result } as InvocationResult);
    },
    markDead() {
      alive = false;
    },
    exit() {
      alive = false;
      resolveExited();
    },
  };
  return instance;
}

function job(requestId: string, kind: 'sync' | 'async' = 'sync'): PoolJob & { result: Promise<PoolResult> } {
  let settle: (result: PoolResult) => void = () => {};
  const result = new Promise<PoolResult>((resolve) => (settle = resolve));
  return { requestId, eventJson: '{}', kind, settle, result };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('Function: createFunctionPool', () => {
  it('runs at most `concurrency` environments and queues the rest in order', async () => {
    // Prepare
    const started: FakeInstance[] = [];
    const pool = createFunctionPool({
      concurrency: 2,
      maxQueuedInvocations: 10,
      idleTimeoutMs: 60_000,
      start: async (): Promise<StartOutcome> => {
        const instance = fakeInstance(started.length + 1);
        started.push(instance);
        return { instance };
      },
    });
    const jobs = ['a', 'b', 'c', 'd'].map((id) => job(id));

    // Act
    for (const item of jobs) pool.submit(item);
    await tick();

    // Assess
    expect(started).toHaveLength(2);
    expect(pool.stats()).toMatchObject({ environments: 2, busy: 2, queued: 2 });
    started[0]?.finish();
    await tick();
    expect(started).toHaveLength(2);
    expect(started[0]?.calls).toEqual(['a', 'c']);
    expect((await jobs[0]?.result)?.initDurationMs).toBe(5);
    started[1]?.finish();
    await tick();
    expect(started[1]?.calls).toEqual(['b', 'd']);
  });

  it('gives the next call to the most recently used idle environment, without a cold start', async () => {
    const started: FakeInstance[] = [];
    const pool = createFunctionPool({
      concurrency: 2,
      maxQueuedInvocations: 10,
      idleTimeoutMs: 60_000,
      start: async () => {
        const instance = fakeInstance(started.length + 1);
        started.push(instance);
        return { instance };
      },
    });
    const first = job('a');
    const second = job('b');
    pool.submit(first);
    pool.submit(second);
    await tick();
    started[0]?.finish();
    await tick();
    started[1]?.finish();
    await tick();

    const third = job('c');
    pool.submit(third);
    await tick();

    expect(started[1]?.calls).toEqual(['b', 'c']);
    started[1]?.finish();
    expect((await third.result).initDurationMs).toBeNull();
  });

  it('throttles synchronous calls once the line is full, but always queues asynchronous events', async () => {
    const pool = createFunctionPool({ concurrency: 1, maxQueuedInvocations: 1, idleTimeoutMs: 60_000, start: async () => ({ instance: fakeInstance(1) }) });

    expect(pool.submit(job('running'))).toBe(true);
    await tick();
    expect(pool.submit(job('waiting'))).toBe(true);
    expect(pool.submit(job('throttled'))).toBe(false);
    expect(pool.submit(job('event', 'async'))).toBe(true);
    expect(pool.stats().queued).toBe(2);
  });

  it('fails the job whose cold start failed, and tries a new environment for the next one', async () => {
    let attempts = 0;
    const pool = createFunctionPool({
      concurrency: 1,
      maxQueuedInvocations: 10,
      idleTimeoutMs: 60_000,
      start: async (): Promise<StartOutcome> => {
        attempts += 1;
        if (attempts === 1) return { error: { errorType: 'Runtime.ImportModuleError', errorMessage: 'boom' }, initDurationMs: 3 };
        const instance = fakeInstance(attempts);
        setTimeout(() => instance.finish(), 5);
        return { instance };
      },
    });
    const first = job('a');
    const second = job('b');
    pool.submit(first);
    pool.submit(second);

    expect(await first.result).toMatchObject({ status: 'failure', error: { errorType: 'Runtime.ImportModuleError' } });
    expect(await second.result).toMatchObject({ status: 'success' });
  });

  it('keeps a dead environment slot until its thread is gone, then starts a fresh one', async () => {
    const started: FakeInstance[] = [];
    const pool = createFunctionPool({
      concurrency: 1,
      maxQueuedInvocations: 10,
      idleTimeoutMs: 60_000,
      start: async () => {
        const instance = fakeInstance(started.length + 1);
        started.push(instance);
        return { instance };
      },
    });
    pool.submit(job('a'));
    pool.submit(job('b'));
    await tick();

    started[0]?.markDead();
    started[0]?.finish({ status: 'failure', error: { errorType: 'Sandbox.Timedout', errorMessage: 'x' } } as Partial<InvocationResult>);
    await tick();
    expect(started).toHaveLength(1);

    started[0]?.exit();
    await tick();
    expect(started).toHaveLength(2);
    expect(started[1]?.calls).toEqual(['b']);
  });

  it('does not hand a call to an idle environment that crashed; a fresh one serves it', async () => {
    const started: FakeInstance[] = [];
    const pool = createFunctionPool({
      concurrency: 1,
      maxQueuedInvocations: 10,
      idleTimeoutMs: 60_000,
      start: async () => {
        const instance = fakeInstance(started.length + 1);
        started.push(instance);
        return { instance };
      },
    });
    pool.submit(job('a'));
    await tick();
    started[0]?.finish();
    await tick();

    started[0]?.exit();
    await tick();
    pool.submit(job('b'));
    await tick();

    expect(started[0]?.calls).toEqual(['a']);
    expect(started[1]?.calls).toEqual(['b']);
    expect(pool.stats().environments).toBe(1);
  });

  it('retires an environment idle for longer than idleTimeoutMs', async () => {
    vi.useFakeTimers();
    const instance = fakeInstance(1);
    const pool = createFunctionPool({ concurrency: 1, maxQueuedInvocations: 10, idleTimeoutMs: 1_000, start: async () => ({ instance }) });
    pool.submit(job('a'));
    await vi.advanceTimersByTimeAsync(0);
    instance.finish();
    await vi.advanceTimersByTimeAsync(999);
    expect(instance.terminated).toBeNull();

    await vi.advanceTimersByTimeAsync(1);

    expect(instance.terminated).toBe('idle');
    expect(pool.stats().idle).toBe(0);
  });

  it('on shutdown fails waiting jobs with ServiceException and stops every environment', async () => {
    const instance = fakeInstance(1);
    const pool = createFunctionPool({ concurrency: 1, maxQueuedInvocations: 10, idleTimeoutMs: 60_000, start: async () => ({ instance }) });
    pool.submit(job('running'));
    const waiting = job('waiting');
    pool.submit(waiting);
    await tick();

    await pool.shutdown();

    expect(instance.terminated).toBe('shutdown');
    expect(await waiting.result).toMatchObject({ status: 'failure', error: { errorType: 'ServiceException' } });
    const late = job('late');
    expect(pool.submit(late)).toBe(true);
    expect(await late.result).toMatchObject({ status: 'failure', error: { errorType: 'ServiceException' } });
  });
});
