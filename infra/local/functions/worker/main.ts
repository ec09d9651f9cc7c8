/**
 * What runs inside a function's worker thread — the local counterpart of Lambda's Node.js runtime:
 * load the handler module once (init), then answer one invocation at a time with
 * `handler(event, context)`, keeping module state warm between calls.
 *
 * Bundled to an ES module by `../bundle.ts` and started by `../function-instance.ts`; it imports
 * only Node built-ins and sibling modules. Fatal errors follow the runtime interface client
 * (src/index.mjs): an uncaught exception fails the current invocation with that error and exits
 * with 129; an unhandled rejection fails it with `Runtime.UnhandledPromiseRejection` and exits with 128.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { formatHandlerError, handlerNotFoundError, moduleLoadError, type LambdaErrorPayload } from '../lambda-errors';
import type { InvokeMessage, WorkerData, WorkerMessage } from '../worker-protocol';
import { captureOutput } from './console-capture';
import { createLambdaContext, type LambdaContext } from './lambda-context';

type Handler = (event: unknown, context: LambdaContext) => unknown;

const MEBIBYTE = 1024 * 1024;

const port = parentPort;
if (!port) throw new Error('infra/local/functions/worker/main.ts must run in a worker thread');
const data = workerData as WorkerData;
const send = (message: WorkerMessage): void => port.postMessage(message);

let currentRequestId: string | null = null;
captureOutput(send, () => currentRequestId);

process.on('uncaughtException', (error) => {
  send({ type: 'fatal', requestId: currentRequestId, error: formatHandlerError(error) });
  process.exit(129);
});
process.on('unhandledRejection', (reason) => {
  send({ type: 'fatal', requestId: currentRequestId, error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: String(reason), trace: [] } });
  process.exit(128);
});

const initStarted = performance.now();
const loaded = await loadHandler();
if ('error' in loaded) {
  send({ type: 'init-error', error: loaded.error });
} else {
  send({ type: 'ready', initDurationMs: performance.now() - initStarted });
  port.on('message', (message: InvokeMessage) => void invoke(loaded.handler, message));
}

async function loadHandler(): Promise<{ handler: Handler } | { error: LambdaErrorPayload }> {
  let module: { handler?: unknown };
  try {
    module = (await import(data.moduleUrl)) as { handler?: unknown };
  } catch (error) {
    return { error: moduleLoadError('import', String(error)) };
  }
  if (typeof module.handler !== 'function') return { error: handlerNotFoundError(data.modulePath) };
  return { handler: module.handler as Handler };
}

async function invoke(handler: Handler, message: InvokeMessage): Promise<void> {
  currentRequestId = message.requestId;
  const context = createLambdaContext(data, message.requestId, message.deadlineMs);
  const started = performance.now();
  let answer: WorkerMessage;
  try {
    const result = await handler(JSON.parse(message.eventJson), context);
    answer = { type: 'result', requestId: message.requestId, payloadJson: stringifyResult(result), durationMs: performance.now() - started, maxMemoryUsedMb: memoryUsedMb() };
  } catch (error) {
    answer = { type: 'error', requestId: message.requestId, error: formatHandlerError(error), durationMs: performance.now() - started, maxMemoryUsedMb: memoryUsedMb() };
  }
  currentRequestId = null;
  send(answer);
}

/** Lambda answers `null` for `undefined`; a value JSON cannot hold fails the invocation. */
function stringifyResult(result: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    throw Object.assign(new Error(`Unable to stringify response body: ${String(error)}`), { name: 'Runtime.JSONStringifyError' });
  }
  return json ?? 'null';
}

/** This isolate's heap and external memory: the closest a thread comes to Lambda's "Max Memory Used". */
function memoryUsedMb(): number {
  const heap = getHeapStatistics();
  return Math.ceil((heap.total_heap_size + heap.external_memory) / MEBIBYTE);
}
