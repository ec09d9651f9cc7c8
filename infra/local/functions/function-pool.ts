/**
 * The execution environments of one function: at most `concurrency` worker threads (Lambda's
 * reserved concurrency), each running one invocation at a time; invocations beyond that wait in a
 * line. Synchronous callers are throttled with `TooManyRequestsException` once
 * `maxQueuedInvocations` of them wait; asynchronous events always wait, as in Lambda's internal
 * event queue. The most recently used idle environment takes the next call (so module state stays
 * warm), and environments idle longer than `idleTimeoutMs` are retired.
 */
import type { StartOutcome, FunctionInstance, InvocationResult } from './function-instance';
import { serviceUnavailableError } from './lambda-errors';

/** One invocation waiting for, or running in, an environment. */
export interface PoolJob {
  readonly requestId: string;
  readonly eventJson: string;
  readonly kind: 'sync' | 'async';
  readonly settle: (result: PoolResult) => void;
}

/** An invocation's result, with whether it paid for a cold start. */
export type PoolResult = InvocationResult & { readonly initDurationMs: number | null };

export interface PoolOptions {
  readonly concurrency: number;
  readonly maxQueuedInvocations: number;
  readonly idleTimeoutMs: number;
  /** Starts a new environment for the job that needs it. */
  readonly start: (requestId: string) => Promise<StartOutcome>;
}

export interface PoolStats {
  readonly environments: number;
  readonly busy: number;
  readonly idle: number;
  readonly starting: number;
  readonly queued: number;
}

export interface FunctionPool {
  /** @returns false when a synchronous job is throttled (nothing free and the line is full) */
  submit(job: PoolJob): boolean;
  stats(): PoolStats;
  /** Fails waiting jobs, stops every environment (running jobs fail), resolves when all threads exited. */
  shutdown(): Promise<void>;
}

/**
 * Creates the pool; environments start on demand.
 * @returns a {@link FunctionPool}
 */
export function createFunctionPool(options: PoolOptions): FunctionPool {
  const environments = new Set<FunctionInstance>();
  const idle: FunctionInstance[] = [];
  const idleTimers = new Map<FunctionInstance, NodeJS.Timeout>();
  const queue: PoolJob[] = [];
  const startingOutcomes = new Set<Promise<StartOutcome>>();
  let busy = 0;
  let starting = 0;
  let closed = false;

  const capacityUsed = (): number => environments.size + starting;
  const queuedSync = (): number => queue.reduce((count, job) => count + (job.kind === 'sync' ? 1 : 0), 0);

  const retire = (instance: FunctionInstance): void => {
    idleTimers.delete(instance);
    void instance.terminate('idle');
  };

  /** Every environment frees its slot when its thread is gone — never more threads than `concurrency`. */
  const adopt = (instance: FunctionInstance): void => {
    environments.add(instance);
    void instance.exited.then(() => {
      environments.delete(instance);
      const index = idle.indexOf(instance);
      if (index >= 0) idle.splice(index, 1);
      clearTimeout(idleTimers.get(instance));
      idleTimers.delete(instance);
      pump();
    });
  };

  const release = (instance: FunctionInstance): void => {
    if (!instance.isAlive() || closed) return;
    idle.push(instance);
    const timer = setTimeout(() => retire(instance), options.idleTimeoutMs);
    timer.unref();
    idleTimers.set(instance, timer);
  };

  const run = (instance: FunctionInstance, job: PoolJob, initDurationMs: number | null): void => {
    busy += 1;
    void instance.invoke(job.requestId, job.eventJson).then((result) => {
      busy -= 1;
      release(instance);
      job.settle({ ...result, initDurationMs });
      pump();
    });
  };

  const startFor = (job: PoolJob): void => {
    starting += 1;
    const started = options
      .start(job.requestId)
      .catch((error: unknown): StartOutcome => ({ error: { errorType: 'Runtime.Unknown', errorMessage: String(error) }, initDurationMs: 0 }));
    startingOutcomes.add(started);
    void started.then((outcome) => {
      startingOutcomes.delete(started);
      starting -= 1;
      if ('error' in outcome) {
        job.settle({ status: 'failure', error: outcome.error, durationMs: 0, maxMemoryUsedMb: null, initDurationMs: outcome.initDurationMs });
        pump();
        return;
      }
      adopt(outcome.instance);
      if (closed) {
        job.settle({ status: 'failure', error: serviceUnavailableError(), durationMs: 0, maxMemoryUsedMb: null, initDurationMs: null });
        void outcome.instance.terminate('shutdown');
        return;
      }
      run(outcome.instance, job, outcome.instance.initDurationMs);
    });
  };

  function pump(): void {
    while (queue.length > 0 && !closed) {
      const warm = idle.pop();
      if (warm) {
        clearTimeout(idleTimers.get(warm));
        idleTimers.delete(warm);
        // An environment that crashed while idle (a stray timer threw) is about to exit: skip it.
        if (warm.isAlive()) run(warm, queue.shift() as PoolJob, null);
        continue;
      }
      if (capacityUsed() >= options.concurrency) return;
      startFor(queue.shift() as PoolJob);
    }
  }

  return {
    submit(job) {
      if (closed) {
        job.settle({ status: 'failure', error: serviceUnavailableError(), durationMs: 0, maxMemoryUsedMb: null, initDurationMs: null });
        return true;
      }
      const saturated = idle.length === 0 && capacityUsed() >= options.concurrency;
      if (job.kind === 'sync' && saturated && queuedSync() >= options.maxQueuedInvocations) return false;
      queue.push(job);
      pump();
      return true;
    },
    stats: () => ({ environments: environments.size, busy, idle: idle.length, starting, queued: queue.length }),
    async shutdown() {
      closed = true;
      for (const job of queue.splice(0)) {
        job.settle({ status: 'failure', error: serviceUnavailableError(), durationMs: 0, maxMemoryUsedMb: null, initDurationMs: null });
      }
      for (const timer of idleTimers.values()) clearTimeout(timer);
      idleTimers.clear();
      idle.length = 0;
      const startingNow = [...startingOutcomes];
      await Promise.all([...environments].map((instance) => instance.terminate('shutdown')));
      await Promise.all(startingNow.map((outcome) => outcome.then((value) => ('instance' in value ? value.instance.exited : undefined))));
      environments.clear();
    },
  };
}
