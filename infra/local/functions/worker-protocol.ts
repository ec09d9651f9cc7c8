/**
 * The messages between the runner (main thread) and a function's worker thread: a closed set, one
 * shape per type. Payloads cross as JSON text, as Lambda's do, so a handler sees and returns
 * exactly what would survive the Invoke API.
 */
import type { LambdaErrorPayload } from './lambda-errors';

/** Fixed for a worker's life: what Lambda puts in the environment and the context of every call. */
export interface WorkerData {
  /** file: URL of the bundled handler module. */
  readonly moduleUrl: string;
  /** The declared module path (`functions/x/handler.ts`), for error messages. */
  readonly modulePath: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** Main → worker. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  readonly eventJson: string;
  /** Epoch milliseconds after which the runner stops the worker. */
  readonly deadlineMs: number;
}

/** Console levels as Lambda names them, plus raw writes to stdout/stderr. */
export type LogLevelName = 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | 'TRACE' | 'STDOUT' | 'STDERR';

/** Worker → main. */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly initDurationMs: number }
  | { readonly type: 'init-error'; readonly error: LambdaErrorPayload }
  | { readonly type: 'result'; readonly requestId: string; readonly payloadJson: string; readonly durationMs: number; readonly maxMemoryUsedMb: number }
  | { readonly type: 'error'; readonly requestId: string; readonly error: LambdaErrorPayload; readonly durationMs: number; readonly maxMemoryUsedMb: number }
  /** An uncaught exception or unhandled rejection: the worker exits right after sending this. */
  | { readonly type: 'fatal'; readonly requestId: string | null; readonly error: LambdaErrorPayload }
  | { readonly type: 'log'; readonly requestId: string | null; readonly level: LogLevelName; readonly message: string };

const WORKER_MESSAGE_TYPES: ReadonlySet<string> = new Set(['ready', 'init-error', 'result', 'error', 'fatal', 'log']);

/**
 * Checks a message from a worker at the thread boundary (the handler's code shares that thread, so
 * a stray `parentPort.postMessage` must not be mistaken for an answer).
 * @returns the typed message, or null for anything else
 */
export function parseWorkerMessage(value: unknown): WorkerMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !WORKER_MESSAGE_TYPES.has(type)) return null;
  return value as WorkerMessage;
}
