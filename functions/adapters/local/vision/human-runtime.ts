/**
 * @vladmandic/human instances for the local label and face detectors, one per family of models and
 * thread: objects (CenterNet, the 80 COCO classes), or faces (BlazeFace, the face mesh — a second
 * look that rejects non-faces such as a cat's head —, face description: embedding, age and gender,
 * and emotion). All weights ship in the package's `models/` folder; they load once, on first use,
 * and stay warm.
 *
 * The package's `exports` map sends Node to its tfjs-node build (which needs libtensorflow, a
 * download that fails offline), so the node-wasm build is required by path; it shares the
 * project's `@tensorflow/tfjs-core` instance, started by tensorflow-runtime.ts.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as HumanPackage from '@vladmandic/human';
import type { Config, Human, Result } from '@vladmandic/human';
import type { DecodedImage } from './decoded-image';
import { packageDirectory, packageFile, requireFile } from './package-files';
import { tensorflow, tensorflowQueue, wasmDirectory } from './tensorflow-runtime';

type HumanModule = typeof HumanPackage;

/** What one call analyses. */
export type HumanTask =
  | { kind: 'objects'; minConfidence: number; maxDetected: number }
  | { kind: 'faces'; minConfidence: number; maxDetected: number; emotions: boolean; align: boolean };

/** A model failed to load or an inference reported an error. */
export class HumanInferenceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HumanInferenceError';
  }
}

export interface HumanRuntime {
  /** Runs one task on decoded pixels, in the worker's TensorFlow.js queue. */
  detect(image: DecodedImage, task: HumanTask): Promise<Result>;
}

const OFF = { enabled: false } as const;

const loading = new Map<HumanModels, Promise<HumanRuntime>>();

/** Which of the models an instance loads: object detection, or the face models. */
export type HumanModels = 'objects' | 'faces';

/**
 * The worker's Human instance for one family of models, loaded and warmed up on first call.
 * @returns a runtime whose `detect` runs in the thread's TensorFlow.js queue
 */
export function humanRuntime(models: HumanModels): Promise<HumanRuntime> {
  const existing = loading.get(models);
  if (existing) return existing;
  const started = load(models).catch((error: unknown) => {
    loading.delete(models);
    throw new HumanInferenceError(`Could not load the @vladmandic/human ${models} models`, { cause: error });
  });
  loading.set(models, started);
  return started;
}

async function load(models: HumanModels): Promise<HumanRuntime> {
  const tf = await tensorflow();
  const { Human: HumanClass } = requireFile<HumanModule>(packageFile('@vladmandic/human', 'dist', 'human.node-wasm.js'));
  const modelBasePath = `${pathToFileURL(path.join(packageDirectory('@vladmandic/human'), 'models')).href}/`;
  const faces = models === 'faces';
  const human: Human = new HumanClass({
    backend: 'wasm',
    wasmPath: wasmDirectory(),
    modelBasePath,
    debug: false,
    warmup: 'none',
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    face: {
      enabled: faces,
      detector: { rotation: false, maxDetected: 50, minConfidence: 0.5, return: false },
      mesh: { enabled: faces },
      iris: { enabled: false },
      attention: { enabled: false },
      description: { enabled: faces },
      emotion: { enabled: faces },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: OFF,
    hand: OFF,
    gesture: OFF,
    segmentation: OFF,
    object: { enabled: !faces, modelPath: 'centernet.json', minConfidence: 0.2, maxDetected: 50 },
  } as Partial<Config>);
  await human.load();
  const expected = faces ? ['blazeface', 'facemesh', 'faceres', 'emotion'] : ['centernet'];
  const missing = expected.filter((name) => !human.models.loaded().includes(name));
  if (missing.length > 0) throw new HumanInferenceError(`Models did not load: ${missing.join(', ')}`);

  const run = async (image: DecodedImage, task: HumanTask): Promise<Result> => {
    const input = tf.tensor4d(image.data, [1, image.height, image.width, 3], 'int32');
    try {
      // Human merges the per-call config into its own, so each call states every switch it relies on.
      const result = await human.detect(input as never, configFor(task));
      if (result.error) throw new HumanInferenceError(`@vladmandic/human: ${result.error}`);
      return result;
    } finally {
      input.dispose();
    }
  };
  // Compile the kernels once (the first inference of each model is several times slower).
  const blank: DecodedImage = { data: new Uint8Array(64 * 64 * 3), width: 64, height: 64 };
  await run(blank, faces ? { kind: 'faces', minConfidence: 0.5, maxDetected: 1, emotions: true, align: false } : { kind: 'objects', minConfidence: 0.5, maxDetected: 1 });
  return {
    detect: (image, task) => {
      if ((task.kind === 'faces') !== faces) return Promise.reject(new HumanInferenceError(`This instance has the ${models} models, not the ${task.kind} ones`));
      return tensorflowQueue(() => run(image, task));
    },
  };
}

function configFor(task: HumanTask): Partial<Config> {
  switch (task.kind) {
    case 'objects':
      return {
        face: { enabled: false },
        object: { enabled: true, minConfidence: task.minConfidence, maxDetected: task.maxDetected },
      } as Partial<Config>;
    case 'faces':
      return {
        object: { enabled: false },
        face: {
          enabled: true,
          detector: { rotation: task.align, maxDetected: task.maxDetected, minConfidence: task.minConfidence, return: false },
          mesh: { enabled: true },
          description: { enabled: true },
          emotion: { enabled: task.emotions },
        },
      } as Partial<Config>;
  }
}
