/**
 * Asynchronous (`Event`) invocations, as EventBridge makes them: accepted at once, run when an
 * environment is free, and on a function error retried `asyncRetries` times — Lambda waits one
 * minute before the second attempt and two minutes before the third — then handed to the
 * on-failure destination. Retries keep the event's request id, as Lambda's do.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 * Locally the waits are scaled (`retryDelayScale`, default 1/60: one second, then two).
 */
import type { Logger } from '../log';
import { isFunctionError, type LambdaErrorPayload } from './lambda-errors';
import type { FailedInvocation } from './types';

/** Lambda's waits before the second and third attempts of an asynchronous invocation. */
export const LAMBDA_ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

/** One attempt's outcome. */
export type AttemptOutcome = { readonly ok: true } | { readonly ok: false; readonly error: LambdaErrorPayload };

export interface AsyncInvocationsOptions {
  /** Runs one attempt; never rejects. */
  readonly attempt: (functionName: string, requestId: string, eventJson: string, attemptNumber: number) => Promise<AttemptOutcome>;
  readonly retriesFor: (functionName: string) => number;
  readonly retryDelayScale: number;
  readonly onFailure: (failed: FailedInvocation) => void | Promise<void>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface AsyncInvocations {
  /** Queues an event; `eventJson` is what every attempt receives. */
  submit(functionName: string, requestId: string, eventJson: string): void;
  /** Events not yet delivered or given up. */
  pending(): number;
  /** Resolves once nothing is pending. */
  settled(): Promise<void>;
  /** Stops waiting for retries: events between attempts go to `onFailure` now, with their last error. */
  abandonRetries(): void;
}

interface PendingEvent {
  readonly functionName: string;
  readonly requestId: string;
  readonly eventJson: string;
  readonly firstAttemptAt: string;
  attempts: number;
  lastAttemptAt: string;
  cancelWait: (() => void) | null;
}

/**
 * Creates the asynchronous invocation queue.
 * @returns an {@link AsyncInvocations}
 */
export function createAsyncInvocations(options: AsyncInvocationsOptions): AsyncInvocations {
  const now = options.now ?? (() => new Date());
  const pending = new Map<PendingEvent, Promise<void>>();
  let abandoned = false;

  const giveUp = async (event: PendingEvent, error: LambdaErrorPayload): Promise<void> => {
    const failed: FailedInvocation = {
      functionName: event.functionName,
      event: JSON.parse(event.eventJson) as unknown,
      errorType: error.errorType,
      errorMessage: error.errorMessage,
      attempts: event.attempts,
      firstAttemptAt: event.firstAttemptAt,
      lastAttemptAt: event.lastAttemptAt,
    };
    options.logger.warn('function.async-failed', { requestId: event.requestId, functionName: event.functionName, attempts: event.attempts, errorType: error.errorType });
    try {
      await options.onFailure(failed);
    } catch (failure) {
      // Nobody awaits an asynchronous invocation: the log is the only place this can surface.
      options.logger.error('function.on-failure-error', { requestId: event.requestId, functionName: event.functionName, error: String(failure) });
    }
  };

  const waitBeforeRetry = (event: PendingEvent): Promise<boolean> =>
    new Promise((resolve) => {
      const base = LAMBDA_ASYNC_RETRY_DELAYS_MS[event.attempts - 1] ?? LAMBDA_ASYNC_RETRY_DELAYS_MS[LAMBDA_ASYNC_RETRY_DELAYS_MS.length - 1] ?? 0;
      const timer = setTimeout(() => {
        event.cancelWait = null;
        resolve(true);
      }, base * options.retryDelayScale);
      event.cancelWait = () => {
        clearTimeout(timer);
        event.cancelWait = null;
        resolve(false);
      };
    });

  const deliver = async (event: PendingEvent): Promise<void> => {
    for (;;) {
      event.attempts += 1;
      event.lastAttemptAt = now().toISOString();
      const outcome = await options.attempt(event.functionName, event.requestId, event.eventJson, event.attempts);
      if (outcome.ok) return;
      const retriable = isFunctionError(outcome.error.errorType) && event.attempts <= options.retriesFor(event.functionName);
      if (!retriable || abandoned || !(await waitBeforeRetry(event))) {
        await giveUp(event, outcome.error);
        return;
      }
    }
  };

  return {
    submit(functionName, requestId, eventJson) {
      const at = now().toISOString();
      const event: PendingEvent = { functionName, requestId, eventJson, firstAttemptAt: at, lastAttemptAt: at, attempts: 0, cancelWait: null };
      pending.set(
        event,
        deliver(event).finally(() => pending.delete(event)),
      );
    },
    pending: () => pending.size,
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending.values()]);
    },
    abandonRetries() {
      abandoned = true;
      for (const event of pending.keys()) event.cancelWait?.();
    },
  };
}
