/**
 * How the rest of the local runtime invokes functions — the contract between the event bus, the
 * AppSync LAMBDA data source and the function runner (which runs `functions/<name>/handler.ts`
 * modules like Lambda: event + context, timeout, concurrency limit, worker threads).
 */
import type { FunctionName } from '../../functions';

/** A handler failed (threw, timed out, or its worker died); `errorType` as Lambda reports it. */
export class FunctionInvocationError extends Error {
  readonly functionName: string;
  readonly errorType: string;
  constructor(functionName: string, errorType: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FunctionInvocationError';
    this.functionName = functionName;
    this.errorType = errorType;
  }
}

/** Where an event that exhausted its retries goes (Lambda's on-failure destination / an SQS DLQ). */
export interface FailedInvocation {
  functionName: string;
  event: unknown;
  errorType: string;
  errorMessage: string;
  attempts: number;
  firstAttemptAt: string;
  lastAttemptAt: string;
}

export interface FunctionInvoker {
  /** RequestResponse: resolves with the handler's result, rejects with FunctionInvocationError. */
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
  /**
   * Event (asynchronous) invocation, as EventBridge uses: queued and acknowledged at once; retried
   * `asyncRetries` times (Lambda waits 1 min, then 2; locally configurable) before `onFailure`.
   */
  invokeAsync(name: FunctionName, event: unknown): void;
}
