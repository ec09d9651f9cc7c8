/**
 * NSFWJS's MobileNetV2 classifier (224×224 input, five classes: Drawing, Hentai, Neutral, Porn,
 * Sexy), its weights read from the files the npm package `nsfwjs` bundles in `dist/models` (UMD
 * scripts holding the Keras model JSON and the weights as base64). Loaded with tfjs-layers on the
 * shared wasm backend rather than through nsfwjs' own loader, which imports the whole
 * `@tensorflow/tfjs` bundle (WebGL backend included) just to reach the same model.
 */
import type { Tensor, Tensor3D, io } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { DecodedImage } from './decoded-image';
import { packageFile, requireFile } from './package-files';
import { tensorflow, tensorflowQueue, toArrayBuffer, type Tensorflow } from './tensorflow-runtime';

/** NSFWJS's classes, in the model's output order (nsfwjs/dist/esm/nsfw_classes.js). */
export const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;
export type NsfwClass = (typeof NSFW_CLASSES)[number];

/** Probability of each class, summing to 1. */
export type NsfwScores = Record<NsfwClass, number>;

/** The model could not be loaded. */
export class NsfwModelLoadError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('Could not load the NSFWJS MobileNetV2 model bundled in the nsfwjs package', options);
    this.name = 'NsfwModelLoadError';
  }
}

export interface NsfwClassifier {
  /** Class probabilities for one image. */
  classify(image: DecodedImage): Promise<NsfwScores>;
}

const INPUT_SIZE = 224;

type WeightsManifestEntry = io.WeightsManifestEntry;

interface KerasModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: WeightsManifestEntry[] }[];
}

let loading: Promise<NsfwClassifier> | undefined;

/** The worker's classifier, loaded and warmed on first call; inferences go through the TensorFlow.js queue. */
export function nsfwClassifier(): Promise<NsfwClassifier> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw new NsfwModelLoadError({ cause: error });
  });
  return loading;
}

async function load(): Promise<NsfwClassifier> {
  const tf = await tensorflow();
  const modelJson = requireFile<KerasModelJson>(packageFile('nsfwjs', 'dist', 'models', 'mobilenet_v2', 'model.min.js'));
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths);
  const weights = Buffer.concat(
    shards.map((shard) => Buffer.from(requireFile<string>(packageFile('nsfwjs', 'dist', 'models', 'mobilenet_v2', `${shard}.min.js`)), 'base64')),
  );
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: toArrayBuffer(weights),
    }),
  );
  const classify = (image: DecodedImage) => tensorflowQueue(() => predict(tf, model, image));
  await classify({ data: new Uint8Array(INPUT_SIZE * INPUT_SIZE * 3), width: INPUT_SIZE, height: INPUT_SIZE });
  return { classify };
}

async function predict(tf: Tensorflow, model: tfl.LayersModel, image: DecodedImage): Promise<NsfwScores> {
  // As nsfwjs' own classify: pixels / 255, resized bilinearly (corners aligned) to 224 × 224.
  const output = tf.tidy(() => {
    const pixels = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    const scaled = tf.div<Tensor3D>(tf.cast(pixels, 'float32'), 255);
    const resized = tf.image.resizeBilinear(scaled, [INPUT_SIZE, INPUT_SIZE], true);
    return model.predict(tf.reshape(resized, [1, INPUT_SIZE, INPUT_SIZE, 3])) as Tensor;
  });
  try {
    const values = await output.data();
    return Object.fromEntries(NSFW_CLASSES.map((name, index) => [name, values[index] ?? 0])) as NsfwScores;
  } finally {
    output.dispose();
  }
}
