/**
 * Moderation that runs offline: the NSFWJS MobileNetV2 classifier (weights bundled in the npm package
 * `nsfwjs`) on TensorFlow.js' wasm backend; its Porn, Hentai and Sexy classes are reported as
 * Rekognition-like labels (Nudity and Illustrated Explicit Nudity under Explicit Nudity, Revealing
 * Clothes under Suggestive; functions/core/taxonomy/moderation-taxonomy.ts).
 *
 * Measured (test/bench/analysis/vision-eval.ts): none of 16 ordinary photos flagged; 4 of 6 party
 * photos of clothed women flagged Suggestive › Revealing Clothes (0.66–0.93), a fair call for some;
 * ≈ 60–80 ms of CPU an image. Its probabilities run high on skin: in trials some clothed group photos
 * reached Porn ≈ 0.5, hence a default threshold of 0.6 (Rekognition's own default is 0.5,
 * API_DetectModerationLabels.html).
 */
import type { Moderation, ModerationLabel } from '../../ports/moderation';
import { decodeImage } from './vision/decoded-image';
import { moderationLabelsFromScores } from './vision/moderation-labels';
import { nsfwClassifier } from './vision/nsfw-model';

/** Settings of the local moderation. */
export interface NsfwModerationOptions {
  /** Labels below this confidence (0–1) are left out unless a call says otherwise. @default 0.6 */
  readonly minConfidence?: number;
}

/** A Moderation that can also load its model ahead of the first image. */
export interface LocalModeration extends Moderation {
  /** Loads and warms the model (otherwise the first call does). */
  warmUp(): Promise<void>;
}

/**
 * Creates the adapter; the model loads on first use (or `warmUp`) and stays loaded for the worker's life.
 * @returns a LocalModeration
 */
export function createNsfwModeration(options: NsfwModerationOptions = {}): LocalModeration {
  const defaultMinConfidence = options.minConfidence ?? 0.6;
  return {
    async warmUp() {
      await nsfwClassifier();
    },
    async detectUnsafe(image, callOptions = {}): Promise<ModerationLabel[]> {
      const [classifier, pixels] = await Promise.all([nsfwClassifier(), decodeImage(image)]);
      return moderationLabelsFromScores(await classifier.classify(pixels), callOptions.minConfidence ?? defaultMinConfidence);
    },
  };
}
