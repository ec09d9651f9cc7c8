/**
 * FaceDetector that runs offline, from @vladmandic/human's models (weights in the npm package) on
 * TensorFlow.js' wasm backend:
 * - BlazeFace finds face candidates; the face mesh (468 points) then confirms each one — its score
 *   rejects non-faces a detector alone reports (a cat's head scored 0.83 as a face on BlazeFace
 *   alone) — and supplies the named landmarks;
 * - the description model (faceres) gives a 1024-value embedding, returned at unit length, plus age
 *   and gender; the emotion model gives emotions.
 * Quality and speed: test/bench/analysis/vision-eval.ts. The description model is the costly step
 * (≈ 100 ms a face on one core), so a group photo costs roughly in proportion to its faces.
 */
import type { DetectedFace, FaceDetector } from '../../ports/face-detector';
import { clampBox } from './vision/bounding-box';
import { decodeImage } from './vision/decoded-image';
import { faceAttributes, unitVector } from './vision/face-attributes';
import { namedLandmarks } from './vision/face-landmarks';
import { humanRuntime } from './vision/human-runtime';

/** Settings of the local face detector. */
export interface HumanFaceDetectorOptions {
  /** Faces whose detection or mesh score is below this (0–1) are dropped, unless a call says otherwise. @default 0.5 */
  readonly minConfidence?: number;
  /** Most faces analysed in one image. @default 50 */
  readonly maxFaces?: number;
  /** Run the emotion model. @default true */
  readonly emotions?: boolean;
  /**
   * Straighten tilted faces before the mesh and description models: finds a few more tilted
   * faces, at about twice the cost per face.
   * @default false
   */
  readonly alignFaces?: boolean;
}

/** A FaceDetector that can also load its models ahead of the first image. */
export interface LocalFaceDetector extends FaceDetector {
  /** Loads and warms the models (otherwise the first call does). */
  warmUp(): Promise<void>;
}

/**
 * Creates the adapter; models load on first use (or `warmUp`) and stay loaded for the worker's life.
 * @returns a LocalFaceDetector
 */
export function createHumanFaceDetector(options: HumanFaceDetectorOptions = {}): LocalFaceDetector {
  const defaultMinConfidence = options.minConfidence ?? 0.5;
  const maxFaces = options.maxFaces ?? 50;
  return {
    async warmUp() {
      await humanRuntime('faces');
    },
    async detectFaces(image, callOptions = {}): Promise<DetectedFace[]> {
      const minConfidence = callOptions.minConfidence ?? defaultMinConfidence;
      const [runtime, pixels] = await Promise.all([humanRuntime('faces'), decodeImage(image)]);
      const result = await runtime.detect(pixels, {
        kind: 'faces',
        minConfidence,
        maxDetected: maxFaces,
        emotions: options.emotions ?? true,
        align: options.alignFaces ?? false,
      });
      return result.face
        .filter((face) => face.score >= minConfidence)
        .map(
          (face): DetectedFace => ({
            box: clampBox(face.boxRaw),
            confidence: face.score,
            landmarks: namedLandmarks(face.meshRaw),
            attributes: faceAttributes(face),
            embedding: unitVector(face.embedding),
          }),
        )
        .sort((a, b) => a.box.left - b.box.left || a.box.top - b.box.top);
    },
  };
}
