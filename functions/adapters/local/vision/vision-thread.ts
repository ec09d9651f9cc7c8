/**
 * Clients of the vision worker threads (vision-worker.ts): one thread per lane (`ocr`, `objects`)
 * and process, started on first use, restarted if it dies. The worker is TypeScript source: a tiny
 * bootstrap registers tsx's loader (a dependency of the project) in the new thread and then imports
 * it — the same under tsx, vitest, or a function bundle (infra/local/functions/bundle.ts keeps this
 * file's `import.meta.url` pointing at its source). A thread holds the process open only while a
 * request is pending.
 */
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { DecodedImage } from './decoded-image';
import { packageFile } from './package-files';
import type { VisionResponse, VisionTask, VisionTaskResults, WireImage } from './vision-worker-protocol';

/** A worker thread per kind of work, so that they run side by side. */
export type VisionLane = 'ocr' | 'objects';

/** The worker reported an error, or stopped before answering. */
export class VisionWorkerError extends Error {
  /** The error's name in the worker (e.g. OcrModelLoadError), or "WorkerExit". */
  readonly workerErrorName: string;
  constructor(workerErrorName: string, message: string) {
    super(message);
    this.name = 'VisionWorkerError';
    this.workerErrorName = workerErrorName;
  }
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface RunningWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

const running = new Map<VisionLane, RunningWorker>();
let nextId = 1;

/**
 * Decoded pixels ready to move to a worker: copied once, and the copy transferred, so the caller's
 * buffer (shared with the other adapters) stays usable.
 */
export function toWireImage(image: DecodedImage): WireImage {
  return { pixels: image.data.slice().buffer as ArrayBuffer, width: image.width, height: image.height };
}

/**
 * Runs a task in the lane's worker thread.
 * @returns what the worker answered for the task
 * @throws VisionWorkerError when the task failed in the worker or the worker stopped
 */
export function runInVisionThread<Task extends VisionTask>(lane: VisionLane, task: Task): Promise<VisionTaskResults[Task['kind']]> {
  let current = running.get(lane);
  if (!current) {
    current = start(lane);
    running.set(lane, current);
  }
  const id = nextId++;
  const transfer = 'image' in task ? [task.image.pixels] : [];
  const worker = current;
  return new Promise((resolve, reject) => {
    worker.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
    worker.worker.ref();
    worker.worker.postMessage({ id, task }, transfer);
  });
}

function start(lane: VisionLane): RunningWorker {
  const tsxApi = pathToFileURL(packageFile('tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = new URL('./vision-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true, name: `mediagraph-vision-${lane}` });
  const state: RunningWorker = { worker, pending: new Map() };
  worker.unref();
  worker.on('message', (response: VisionResponse) => {
    const waiting = state.pending.get(response.id);
    if (!waiting) return;
    state.pending.delete(response.id);
    if (state.pending.size === 0) worker.unref();
    switch (response.kind) {
      case 'done':
        waiting.resolve(response.result);
        return;
      case 'failed':
        waiting.reject(new VisionWorkerError(response.name, response.message));
        return;
    }
  });
  const fail = (error: Error) => {
    if (running.get(lane) === state) running.delete(lane);
    for (const waiting of state.pending.values()) waiting.reject(error);
    state.pending.clear();
  };
  worker.on('error', (error) => fail(new VisionWorkerError(error.name, `The ${lane} worker failed: ${error.message}`)));
  worker.on('exit', (code) => fail(new VisionWorkerError('WorkerExit', `The ${lane} worker stopped (exit code ${code})`)));
  return state;
}
