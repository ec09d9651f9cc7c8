/**
 * LabelDetector that runs offline: CenterNet from @vladmandic/human (weights in the npm package),
 * on TensorFlow.js' wasm backend, detecting the 80 COCO object classes with boxes. Each class maps
 * to a label in the shipped taxonomy (functions/core/taxonomy) that supplies its parents, e.g.
 * Dog › Mammal › Animal. By default the model runs in a worker thread of its own
 * (vision/vision-thread.ts), beside the face and moderation models on the caller's thread.
 *
 * Limits, measured (test/bench/analysis/vision-eval.ts): objects only — no scene labels (no image
 * classifier with weights inside an npm or Debian package was found: @tensorflow-models' mobilenet
 * and coco-ssd fetch theirs); CenterNet's scores run low even when right (a clear cup ≈ 0.45, a cat
 * 0.22 while "dog" gets 0.47), hence the default threshold of 0.4; one inference costs ≈ 170–250 ms of
 * CPU whatever the image size (the model takes 512×512).
 */
import type { DetectedLabel, LabelDetector } from '../../ports/label-detector';
import { decodeImage } from './vision/decoded-image';
import { detectObjects } from './vision/object-detection';
import { humanRuntime } from './vision/human-runtime';
import { labelsFromDetections } from './vision/object-labels';
import { runInVisionThread, toWireImage } from './vision/vision-thread';

/** Settings of the local label detector. */
export interface HumanLabelDetectorOptions {
  /**
   * Labels below this confidence (0–1) are dropped unless a call says otherwise. CenterNet's raw
   * scores, not calibrated to Rekognition's: on the evaluation set 0.4 gave precision 86% and
   * recall 92%, 0.5 gave 100% and 54%.
   * @default 0.4
   */
  readonly minConfidence?: number;
  /** Most labels returned unless a call says otherwise. @default 50 */
  readonly maxLabels?: number;
  /** `worker`: in a worker thread of its own; `inline`: on the caller's thread. @default 'worker' */
  readonly thread?: 'worker' | 'inline';
}

/** A LabelDetector that can also load its models ahead of the first image. */
export interface LocalLabelDetector extends LabelDetector {
  /** Loads and warms the model (otherwise the first call does). */
  warmUp(): Promise<void>;
}

/** Lowest score CenterNet is asked for; the threshold proper is applied when grouping. */
const DETECTOR_FLOOR = 0.2;
const MAX_INSTANCES = 50;

/**
 * Creates the adapter; the model loads on first use (or `warmUp`) and stays loaded for the process's life.
 * @returns a LocalLabelDetector
 */
export function createHumanLabelDetector(options: HumanLabelDetectorOptions = {}): LocalLabelDetector {
  const defaultMinConfidence = options.minConfidence ?? 0.4;
  const defaultMaxLabels = options.maxLabels ?? 50;
  const thread = options.thread ?? 'worker';
  return {
    async warmUp() {
      switch (thread) {
        case 'worker':
          await runInVisionThread('objects', { kind: 'open-objects' });
          return;
        case 'inline':
          await humanRuntime('objects');
          return;
      }
    },
    async detectLabels(image, callOptions = {}): Promise<DetectedLabel[]> {
      const minConfidence = callOptions.minConfidence ?? defaultMinConfidence;
      const maxLabels = callOptions.maxLabels ?? defaultMaxLabels;
      const pixels = await decodeImage(image);
      const floor = Math.min(minConfidence, DETECTOR_FLOOR);
      const detections =
        thread === 'worker'
          ? await runInVisionThread('objects', { kind: 'detect-objects', minConfidence: floor, maxDetected: MAX_INSTANCES, image: toWireImage(pixels) })
          : await detectObjects(pixels, floor, MAX_INSTANCES);
      return labelsFromDetections(detections, minConfidence, maxLabels);
    },
  };
}
