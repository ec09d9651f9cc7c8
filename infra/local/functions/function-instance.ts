/**
 * One execution environment of a function: a worker thread that loaded the handler module once
 * and answers one invocation at a time — Lambda's model. It enforces the timeout by terminating
 * the thread (a busy loop cannot ignore that) and turns every way a thread can end into the error
 * Lambda would report: `Sandbox.Timedout`, `Runtime.ExitError`, `Runtime.OutOfMemory`, or the
 * handler's own error for an uncaught exception.
 */
import { Worker } from 'node:worker_threads';
import {
  exitError,
  outOfMemoryError,
  serviceUnavailableError,
  timedOutError,
  type LambdaErrorPayload,
} from './lambda-errors';
import { parseWorkerMessage, type InvokeMessage, type LogLevelName, type WorkerData, type WorkerMessage } from './worker-protocol';

/** A line a function wrote, with the request it belongs to (null: written outside any invocation). */
export interface InstanceLogLine {
  readonly requestId: string | null;
  readonly level: LogLevelName;
  readonly message: string;
}

export interface InstanceSpec {
  readonly workerRuntimeUrl: string;
  readonly workerData: WorkerData;
  readonly env: Readonly<Record<string, string>>;
  /** Becomes the isolate's old-generation heap limit (roughly Lambda's memory setting). */
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Map stack traces to the TypeScript sources (costs some cold-start time on large module graphs). */
  readonly sourceMaps: boolean;
  /** Longest the module may take to load before the environment is given up. */
  readonly initTimeoutMs: number;
  readonly onLog: (line: InstanceLogLine) => void;
}

export type InvocationResult =
  | { readonly status: 'success'; readonly payloadJson: string; readonly durationMs: number; readonly maxMemoryUsedMb: number | null }
  | { readonly status: 'failure'; readonly error: LambdaErrorPayload; readonly durationMs: number; readonly maxMemoryUsedMb: number | null };

export interface FunctionInstance {
  readonly initDurationMs: number;
  /** Resolves once the thread has exited, whatever the reason. */
  readonly exited: Promise<void>;
  isAlive(): boolean;
  /** Runs one invocation; never rejects (failures are results). Callers must not overlap calls. */
  invoke(requestId: string, eventJson: string): Promise<InvocationResult>;
  /** Stops the thread; an invocation in flight fails with a service error. */
  terminate(reason: 'idle' | 'shutdown'): Promise<void>;
}

export type StartOutcome = { readonly instance: FunctionInstance } | { readonly error: LambdaErrorPayload; readonly initDurationMs: number };

interface Running {
  readonly requestId: string;
  readonly started: number;
  readonly timer: NodeJS.Timeout;
  readonly settle: (result: InvocationResult) => void;
}

/**
 * Starts a worker and waits for its init phase. `requestId` is the invocation that caused the cold
 * start: Lambda reports init failures as that invocation's error.
 * @returns the ready instance, or the init error (the thread is then already stopping)
 */
export function startFunctionInstance(spec: InstanceSpec, requestId: string): Promise<StartOutcome> {
  return new Promise((resolveStart) => {
    const initStarted = performance.now();
    let worker: Worker;
    try {
      worker = new Worker(new URL(spec.workerRuntimeUrl), {
        workerData: spec.workerData,
        env: { ...spec.env },
        resourceLimits: { maxOldGenerationSizeMb: spec.memoryMb },
        stdout: true,
        stderr: true,
        // Not the runner's own flags: a TypeScript loader there (tsx, vitest) would slow every cold start
        // by ~70 ms, and the bundle needs none. Source maps make handler stack traces point at the .ts files.
        execArgv: spec.sourceMaps ? ['--enable-source-maps'] : [],
        name: `lambda:${spec.workerData.functionName}`,
      });
    } catch (error) {
      resolveStart({ error: { errorType: 'Runtime.Unknown', errorMessage: String(error) }, initDurationMs: 0 });
      return;
    }

    let initPending = true;
    let initDuration = 0;
    let alive = true;
    let running: Running | null = null;
    let workerError: (Error & { code?: string }) | null = null;
    let stopReason: 'timeout' | 'idle' | 'shutdown' | 'init-failed' | 'crashed' | null = null;
    let resolveExited: () => void = () => {};
    const exited = new Promise<void>((resolve) => (resolveExited = resolve));

    const finishInit = (outcome: StartOutcome): void => {
      if (!initPending) return;
      initPending = false;
      clearTimeout(initTimer);
      if ('error' in outcome) {
        stopReason ??= 'init-failed';
        void worker.terminate();
      } else {
        worker.unref();
      }
      resolveStart(outcome);
    };
    const initTimer = setTimeout(() => {
      stopReason = 'timeout';
      finishInit({ error: timedOutError(requestId, spec.initTimeoutMs / 1000), initDurationMs: performance.now() - initStarted });
    }, spec.initTimeoutMs);

    const settle = (result: InvocationResult): void => {
      const current = running;
      if (!current) return;
      running = null;
      clearTimeout(current.timer);
      if (alive) worker.unref();
      current.settle(result);
    };
    const failureFor = (id: string, exitCode: number): LambdaErrorPayload => {
      if (workerError?.code === 'ERR_WORKER_OUT_OF_MEMORY') return outOfMemoryError(id);
      if (stopReason === 'shutdown' || stopReason === 'idle') return serviceUnavailableError();
      return exitError(id, exitCode);
    };

    const onMessage = (message: WorkerMessage): void => {
      switch (message.type) {
        case 'ready':
          initDuration = performance.now() - initStarted;
          finishInit({ instance });
          return;
        case 'init-error':
          finishInit({ error: message.error, initDurationMs: performance.now() - initStarted });
          return;
        case 'result':
          if (running?.requestId !== message.requestId) return;
          settle({ status: 'success', payloadJson: message.payloadJson, durationMs: message.durationMs, maxMemoryUsedMb: message.maxMemoryUsedMb });
          return;
        case 'error':
          if (running?.requestId !== message.requestId) return;
          settle({ status: 'failure', error: message.error, durationMs: message.durationMs, maxMemoryUsedMb: message.maxMemoryUsedMb });
          return;
        case 'fatal':
          // The worker exits right after this message: take it out of service before anyone reuses it.
          stopReason ??= 'crashed';
          if (initPending) {
            finishInit({ error: message.error, initDurationMs: performance.now() - initStarted });
            return;
          }
          if (running) settle({ status: 'failure', error: message.error, durationMs: performance.now() - running.started, maxMemoryUsedMb: null });
          return;
        case 'log':
          spec.onLog({ requestId: message.requestId, level: message.level, message: message.message });
          return;
      }
    };
    worker.on('message', (raw: unknown) => {
      const message = parseWorkerMessage(raw);
      if (message) onMessage(message);
    });
    worker.on('error', (error: Error) => {
      workerError = error;
    });
    const flushStdout = forwardLines(worker.stdout, (line) => spec.onLog({ requestId: running?.requestId ?? null, level: 'STDOUT', message: line }));
    const flushStderr = forwardLines(worker.stderr, (line) => spec.onLog({ requestId: running?.requestId ?? null, level: 'STDERR', message: line }));
    worker.on('exit', (exitCode: number) => {
      alive = false;
      flushStdout();
      flushStderr();
      finishInit({ error: failureFor(requestId, exitCode), initDurationMs: performance.now() - initStarted });
      if (running) {
        const memory = workerError?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? spec.memoryMb : null;
        settle({ status: 'failure', error: failureFor(running.requestId, exitCode), durationMs: performance.now() - running.started, maxMemoryUsedMb: memory });
      }
      resolveExited();
    });

    const instance: FunctionInstance = {
      get initDurationMs() {
        return initDuration;
      },
      exited,
      isAlive: () => alive && stopReason === null,
      invoke(id, eventJson) {
        return new Promise<InvocationResult>((resolve) => {
          if (!alive || stopReason !== null) {
            resolve({ status: 'failure', error: serviceUnavailableError(), durationMs: 0, maxMemoryUsedMb: null });
            return;
          }
          const timeoutMs = spec.timeoutSeconds * 1000;
          const started = performance.now();
          const timer = setTimeout(() => {
            stopReason = 'timeout';
            settle({ status: 'failure', error: timedOutError(id, spec.timeoutSeconds), durationMs: performance.now() - started, maxMemoryUsedMb: null });
            void worker.terminate();
          }, timeoutMs);
          running = { requestId: id, started, timer, settle: resolve };
          worker.ref();
          const message: InvokeMessage = { type: 'invoke', requestId: id, eventJson, deadlineMs: Date.now() + timeoutMs };
          worker.postMessage(message);
        });
      },
      async terminate(reason) {
        stopReason ??= reason;
        await worker.terminate();
        await exited;
      },
    };
  });
}

/** Splits a worker's stdout/stderr into lines; returns a function that flushes a trailing partial line. */
function forwardLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): () => void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  return () => {
    if (pending) onLine(pending);
    pending = '';
  };
}
