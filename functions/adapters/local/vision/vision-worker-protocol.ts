/**
 * Messages between the vision worker threads (vision-worker.ts) and their client (vision-thread.ts).
 * Pixels travel as a transferred ArrayBuffer (moved, not copied); errors as name and message.
 */
import type { DetectedTextLine } from '../../../ports/text-in-image';
import type { OcrSettings } from './ocr-engine';
import type { ObjectDetection } from './object-labels';

/** Decoded RGB pixels on the wire. */
export interface WireImage {
  readonly pixels: ArrayBuffer;
  readonly width: number;
  readonly height: number;
}

export type VisionTask =
  | { readonly kind: 'open-ocr'; readonly threads: number }
  | { readonly kind: 'read-text'; readonly threads: number; readonly settings: OcrSettings; readonly image: WireImage }
  | { readonly kind: 'open-objects' }
  | { readonly kind: 'detect-objects'; readonly minConfidence: number; readonly maxDetected: number; readonly image: WireImage };

/** What each task answers. */
export interface VisionTaskResults {
  'open-ocr': null;
  'read-text': DetectedTextLine[];
  'open-objects': null;
  'detect-objects': ObjectDetection[];
}

export interface VisionRequest {
  readonly id: number;
  readonly task: VisionTask;
}

export type VisionResponse =
  | { readonly kind: 'done'; readonly id: number; readonly result: VisionTaskResults[VisionTask['kind']] }
  | { readonly kind: 'failed'; readonly id: number; readonly name: string; readonly message: string };
