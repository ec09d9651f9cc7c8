/**
 * TensorFlow.js on its WebAssembly backend, set up once per worker for every local vision model.
 *
 * - Backend: `@tensorflow/tfjs-backend-wasm` with SIMD (measured ~10× faster than pure-JS tfjs);
 *   `@tensorflow/tfjs-node` would be faster still but downloads libtensorflow at install, which fails
 *   offline (see NOTES.md). The wasm backend's multi-threaded build does not start under Node
 *   (its pthread workers are `blob:` URLs), so inference uses one core.
 * - Model files: graph models are read from disk through a `file://` load router, because
 *   tfjs-core's HTTP loader uses `fetch`, and Node's fetch refuses `file://` URLs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { packageDirectory } from './package-files';
import { createSerialQueue } from './serial-queue';

export type Tensorflow = typeof tf;

/**
 * The one queue every TensorFlow.js inference of this worker goes through (objects, faces,
 * moderation): they share the backend and the JavaScript thread, so running them one at a time
 * costs nothing and keeps @vladmandic/human's per-call state from mixing.
 */
export const tensorflowQueue = createSerialQueue();

/** The backend could not start. */
export class TensorflowStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TensorflowStartError';
  }
}

let starting: Promise<Tensorflow> | undefined;

/**
 * TensorFlow.js with the wasm backend active and `file://` model URLs readable; started on first call.
 * @returns the tfjs-core namespace (the same instance @vladmandic/human uses)
 */
export function tensorflow(): Promise<Tensorflow> {
  starting ??= start().catch((error: unknown) => {
    starting = undefined;
    throw error;
  });
  return starting;
}

/** The folder holding the backend's `.wasm` binaries, with a trailing slash as tfjs expects. */
export function wasmDirectory(): string {
  return `${path.join(packageDirectory('@tensorflow/tfjs-backend-wasm'), 'dist')}${path.sep}`;
}

async function start(): Promise<Tensorflow> {
  setWasmPaths(wasmDirectory());
  // A router answers null for URLs it does not handle (as tfjs' own http router does); the declared
  // type omits it.
  tf.io.registerLoadRouter((url) => (typeof url === 'string' && url.startsWith('file://') ? diskModelHandler(url) : (null as unknown as tf.io.IOHandler)));
  const ready = await tf.setBackend('wasm');
  if (!ready) throw new TensorflowStartError('The TensorFlow.js wasm backend did not initialise');
  await tf.ready();
  return tf;
}

/**
 * Loads a tfjs graph or layers model (`model.json` + weight shards) from disk.
 * @returns an IOHandler for `tf.loadGraphModel` / tfjs' `findIOHandler`
 */
export function diskModelHandler(url: string): tf.io.IOHandler {
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  return {
    load: async () => {
      const modelJson = JSON.parse(await readFile(file, 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const shards = await Promise.all(manifest.flatMap((group) => group.paths).map((shard) => readFile(path.join(path.dirname(file), shard))));
        return [specs, toArrayBuffer(Buffer.concat(shards))];
      });
    },
  };
}

/** An ArrayBuffer holding exactly these bytes (Node Buffers may be views into a larger pool). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
