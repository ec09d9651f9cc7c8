/**
 * Routes a handler's output to the runner tagged with the request it belongs to, as Lambda's
 * runtime patches `console` to prefix every line with the request id and level
 * (aws-lambda-nodejs-runtime-interface-client, LogPatch). Direct writes to `process.stdout` and
 * `process.stderr` are routed the same way. Everything shares the port with the invocation's
 * answer, so every line arrives before the result it precedes.
 */
import { format } from 'node:util';
import type { LogLevelName, WorkerMessage } from '../worker-protocol';

const METHOD_LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const satisfies Record<string, LogLevelName>;

type Send = (message: WorkerMessage) => void;

/** Replaces this thread's console methods and stdout/stderr writes; `currentRequestId` says whom a line belongs to. */
export function captureOutput(send: Send, currentRequestId: () => string | null): void {
  for (const [method, level] of Object.entries(METHOD_LEVELS) as [keyof typeof METHOD_LEVELS, LogLevelName][]) {
    console[method] = (...args: unknown[]) => {
      const text = method === 'trace' ? `Trace: ${format(...args)}\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}` : format(...args);
      send({ type: 'log', requestId: currentRequestId(), level, message: text });
    };
  }
  captureStream(process.stdout, 'STDOUT', send, currentRequestId);
  captureStream(process.stderr, 'STDERR', send, currentRequestId);
}

function captureStream(stream: NodeJS.WriteStream, level: LogLevelName, send: Send, currentRequestId: () => string | null): void {
  let pending = '';
  stream.write = ((chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encodingOrCallback === 'string' ? encodingOrCallback : 'utf8');
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) send({ type: 'log', requestId: currentRequestId(), level, message: line });
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (done) queueMicrotask(() => done(null));
    return true;
  }) as typeof stream.write;
}
