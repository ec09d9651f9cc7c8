/**
 * Object detection on decoded pixels with CenterNet (@vladmandic/human, 80 COCO classes): one
 * detection per instance, as plain data that can cross a thread boundary.
 */
import type { DecodedImage } from './decoded-image';
import { humanRuntime } from './human-runtime';
import type { ObjectDetection } from './object-labels';

/**
 * The objects at or above `minConfidence`, at most `maxDetected` (after non-maximum suppression).
 * @returns class name, score and box ([x, y, w, h] as fractions) of each instance
 */
export async function detectObjects(image: DecodedImage, minConfidence: number, maxDetected: number): Promise<ObjectDetection[]> {
  const runtime = await humanRuntime('objects');
  const result = await runtime.detect(image, { kind: 'objects', minConfidence, maxDetected });
  return result.object.map((object) => ({ className: object.label, score: object.score, box: object.boxRaw }));
}
