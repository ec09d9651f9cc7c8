/**
 * The local function runner: runs the `functions/<name>/handler.ts` modules declared in
 * `infra/functions.ts` the way Lambda runs them — each in worker threads of its own (so CPU-heavy
 * work never blocks the API's event loop), with the declared timeout, memory, concurrency and
 * asynchronous retry policy, a Lambda-shaped event and context, and Lambda's error payloads.
 * For `FunctionName` it is a `FunctionInvoker` (`./types.ts`), the contract the event bus and the
 * AppSync LAMBDA data source use.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionDeclaration, FunctionName } from '../../functions';
import { silentLogger } from '../log';
import { createAsyncInvocations, type AttemptOutcome } from './async-invocations';
import { createModuleBundler, DEFAULT_PROJECT_ROOT } from './bundle';
import { DEFAULT_INHERITED_VARIABLES, functionArn } from './environment';
import type { InstanceLogLine } from './function-instance';
import { createFunctionPool, type FunctionPool, type PoolResult, type PoolStats } from './function-pool';
import { billedDurationMs, logInvocationReport } from './invocation-report';
import { bundledModules, createInstanceLauncher } from './instance-launcher';
import {
  functionNotFoundError,
  invalidRequestContentError,
  serviceUnavailableError,
  throttledError,
  type LambdaErrorPayload,
} from './lambda-errors';
import { resolveRunnerSettings, type FunctionRunnerOptions } from './runner-options';
import { FunctionInvocationError } from './types';

export type { FunctionLogEntry, FunctionRunnerOptions } from './runner-options';

/** What {@link FunctionRunner.drain} found when it stopped waiting. */
export interface DrainResult {
  /** True when every accepted invocation finished before the deadline. */
  readonly drained: boolean;
  /** Invocations still running or waiting (including events between retries). */
  readonly pending: number;
}

export interface FunctionRunner<N extends string = FunctionName> {
  /** RequestResponse: resolves with the handler's JSON result; rejects with {@link FunctionInvocationError}. */
  invoke(name: N, event: unknown): Promise<unknown>;
  /**
   * Event: accepted at once, retried per the function's `asyncRetries`, then `onFailure`.
   * @throws FunctionInvocationError when the runner no longer accepts work, the name is unknown or the event is not JSON
   */
  invokeAsync(name: N, event: unknown): void;
  /** Bundles the functions' modules ahead of their first invocation (surfaces build errors at start-up). */
  prepare(names?: readonly N[]): Promise<void>;
  /** Environments and waiting invocations of one function. */
  stats(name: N): PoolStats;
  /** Stops accepting invocations and waits for those accepted, up to `timeoutMs` (default 30 s). */
  drain(options?: { timeoutMs?: number }): Promise<DrainResult>;
  /**
   * Drains (default 10 s), then stops every worker: events still between retries go to `onFailure`
   * with their last error, invocations still running fail with `ServiceException`.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/**
 * Creates a runner. Nothing starts until the first invocation (or {@link FunctionRunner.prepare}).
 * @returns a {@link FunctionRunner}, which is a `FunctionInvoker` when `N` is `FunctionName`
 * @example
 * const runner = createFunctionRunner({
 *   declarations: functionDeclarations,
 *   environment: { TABLE_NAME: tableName, MEDIA_BUCKET: bucket, MEDIAGRAPH_RUNTIME: 'local' },
 *   onFailure: (failed) => deadLetters.put(failed),
 *   logger,
 * });
 * const result = await runner.invoke('uploads', { operation: 'presign', mediaId });
 * runner.invokeAsync('ingest', objectCreatedEvent);
 * await runner.close();
 */
export function createFunctionRunner<N extends string>(options: FunctionRunnerOptions<N>): FunctionRunner<N> {
  const settings = resolveRunnerSettings(options, DEFAULT_INHERITED_VARIABLES);
  const logger = options.logger ?? silentLogger;
  const projectRoot = options.projectRoot ?? DEFAULT_PROJECT_ROOT;
  const bundler = createModuleBundler({ projectRoot, outputDirectory: options.bundleDirectory });
  const launch = createInstanceLauncher({ bundler, settings, environment: options.environment, logger });
  const pools = new Map<N, FunctionPool>();
  const inFlight = new Set<Promise<unknown>>();
  let state: 'open' | 'draining' | 'closed' = 'open';
  let closing: Promise<void> | null = null;

  const declarationOf = (name: N): FunctionDeclaration | undefined =>
    Object.hasOwn(options.declarations, name) ? options.declarations[name] : undefined;
  const arnOf = (name: string): string => functionArn(settings.region, settings.accountId, name);

  const forwardLog = (functionName: string) => (line: InstanceLogLine): void => {
    const entry = { time: new Date().toISOString(), functionName, ...line };
    logger.debug('function.log', { functionName, requestId: line.requestId, logLevel: line.level, message: line.message });
    try {
      options.onLog?.(entry);
    } catch (error) {
      // A failing log sink must not take the runner (or the API sharing its thread) down with it.
      logger.error('function.on-log-error', { functionName, error: String(error) });
    }
  };

  const poolOf = (name: N, declaration: FunctionDeclaration): FunctionPool => {
    let pool = pools.get(name);
    if (!pool) {
      pool = createFunctionPool({
        concurrency: declaration.concurrency,
        maxQueuedInvocations: settings.maxQueuedInvocations,
        idleTimeoutMs: settings.idleTimeoutMs,
        start: (requestId) =>
          launch({ name, declaration, requestId, environment: options.functionEnvironment?.[name], onLog: forwardLog(name) }),
      });
      pools.set(name, pool);
    }
    return pool;
  };

  /** Runs one attempt through the pool; `null` when a synchronous caller was throttled. */
  const runAttempt = (name: N, declaration: FunctionDeclaration, requestId: string, eventJson: string, kind: 'sync' | 'async', attempt: number): Promise<PoolResult> | null => {
    let settle: (result: PoolResult) => void = () => {};
    const settled = new Promise<PoolResult>((resolve) => (settle = resolve));
    const accepted = poolOf(name, declaration).submit({ requestId, eventJson, kind, settle });
    if (!accepted) return null;
    return settled.then((result) => {
      logInvocationReport(logger, {
        requestId,
        functionName: name,
        invocationType: kind === 'sync' ? 'RequestResponse' : 'Event',
        attempt,
        durationMs: result.durationMs,
        billedDurationMs: billedDurationMs(result.durationMs),
        memorySizeMb: declaration.memoryMb,
        maxMemoryUsedMb: result.maxMemoryUsedMb,
        initDurationMs: result.initDurationMs,
        errorType: result.status === 'failure' ? result.error.errorType : null,
      });
      return result;
    });
  };

  const asyncInvocations = createAsyncInvocations({
    attempt: async (name, requestId, eventJson, attemptNumber): Promise<AttemptOutcome> => {
      const declaration = declarationOf(name as N);
      if (!declaration) return { ok: false, error: functionNotFoundError(arnOf(name)) };
      const running = runAttempt(name as N, declaration, requestId, eventJson, 'async', attemptNumber);
      if (!running) return { ok: false, error: throttledError() };
      const result = await running;
      return result.status === 'success' ? { ok: true } : { ok: false, error: result.error };
    },
    retriesFor: (name) => declarationOf(name as N)?.asyncRetries ?? 0,
    retryDelayScale: settings.retryDelayScale,
    onFailure: options.onFailure ?? (() => {}),
    logger,
  });

  /** Checks what every invocation needs; the error is the one the Invoke API would answer with. */
  const admit = (name: N, event: unknown): { declaration: FunctionDeclaration; eventJson: string } | { error: LambdaErrorPayload } => {
    if (state !== 'open') return { error: serviceUnavailableError() };
    const declaration = declarationOf(name);
    if (!declaration) return { error: functionNotFoundError(arnOf(name)) };
    try {
      return { declaration, eventJson: JSON.stringify(event ?? null) };
    } catch (error) {
      return { error: invalidRequestContentError(String(error)) };
    }
  };

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.then(
      () => inFlight.delete(promise),
      () => inFlight.delete(promise),
    );
    return promise;
  };

  const drain = async (timeoutMs: number): Promise<DrainResult> => {
    if (state === 'open') state = 'draining';
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const everything = (async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await asyncInvocations.settled();
      return 'done' as const;
    })();
    const outcome = await Promise.race([everything, deadline]);
    clearTimeout(timer);
    return { drained: outcome === 'done', pending: inFlight.size + asyncInvocations.pending() };
  };

  return {
    invoke(name, event) {
      const admitted = admit(name, event);
      if ('error' in admitted) return Promise.reject(toInvocationError(name, admitted.error, null));
      const requestId = randomUUID();
      const attempt = runAttempt(name, admitted.declaration, requestId, admitted.eventJson, 'sync', 1);
      if (!attempt) {
        logger.warn('function.throttled', { functionName: name, requestId });
        return Promise.reject(toInvocationError(name, throttledError(), requestId));
      }
      return track(
        attempt.then((result) => {
          if (result.status === 'failure') throw toInvocationError(name, result.error, requestId);
          return JSON.parse(result.payloadJson) as unknown;
        }),
      );
    },
    invokeAsync(name, event) {
      const admitted = admit(name, event);
      if ('error' in admitted) throw toInvocationError(name, admitted.error, null);
      asyncInvocations.submit(name, randomUUID(), admitted.eventJson);
    },
    async prepare(names) {
      const chosen = names ?? (Object.keys(options.declarations) as N[]);
      for (const name of chosen) {
        const declaration = declarationOf(name);
        if (!declaration) throw toInvocationError(name, functionNotFoundError(arnOf(name)), null);
        const modules = await bundledModules(bundler, declaration.handler);
        if ('error' in modules) throw toInvocationError(name, modules.error, null);
      }
    },
    stats(name) {
      return pools.get(name)?.stats() ?? { environments: 0, busy: 0, idle: 0, starting: 0, queued: 0 };
    },
    drain: (drainOptions) => drain(drainOptions?.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS),
    close(closeOptions) {
      closing ??= (async () => {
        const result = await drain(closeOptions?.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
        if (!result.drained) logger.warn('function.runner-close', { pending: result.pending });
        state = 'closed';
        asyncInvocations.abandonRetries();
        await Promise.all([...pools.values()].map((pool) => pool.shutdown()));
        await asyncInvocations.settled();
      })();
      return closing;
    },
  };
}

function toInvocationError(functionName: string, error: LambdaErrorPayload, requestId: string | null): FunctionInvocationError {
  return new FunctionInvocationError(functionName, error.errorType, error.errorMessage, { cause: { ...error, requestId } });
}
