/**
 * Object detections (one per instance, COCO class names) → labels in Rekognition's shape: one label
 * per class with every instance's box, the label's confidence that of its most confident instance,
 * and its ancestors from the shipped taxonomy.
 */
import { cocoClassLabel } from '../../../core/taxonomy/label-taxonomy';
import type { DetectedLabel } from '../../../ports/label-detector';
import { clampBox } from './bounding-box';

/** One detected instance: class name as the detector emits it, score 0–1, box as fractions [x, y, w, h]. */
export interface ObjectDetection {
  readonly className: string;
  readonly score: number;
  readonly box: readonly [number, number, number, number];
}

/**
 * Groups detections into labels at or above `minConfidence`, most confident first, at most
 * `maxLabels`. Instances below the threshold are left out of their label too, and classes outside
 * the taxonomy are dropped (the detector knows only COCO's 80).
 * @returns the labels, each with instances and parents
 */
export function labelsFromDetections(detections: readonly ObjectDetection[], minConfidence: number, maxLabels: number): DetectedLabel[] {
  const byName = new Map<string, DetectedLabel>();
  for (const detection of detections) {
    if (detection.score < minConfidence) continue;
    const label = cocoClassLabel(detection.className);
    if (!label) continue;
    const existing = byName.get(label.name) ?? { name: label.name, confidence: 0, instances: [], parents: label.parents };
    existing.instances.push({ box: clampBox(detection.box), confidence: detection.score });
    existing.confidence = Math.max(existing.confidence, detection.score);
    byName.set(label.name, existing);
  }
  return [...byName.values()]
    .map((label) => ({ ...label, instances: label.instances.sort((a, b) => b.confidence - a.confidence) }))
    .sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name))
    .slice(0, Math.max(0, maxLabels));
}
