/**
 * Labels, objects and scenes in an image. Shapes follow Rekognition DetectLabels (labels with
 * instances' bounding boxes and parent labels), provider-neutral: confidences 0–1, boxes as
 * fractions of the image's width and height.
 * Adapters: adapters/aws/rekognition-label-detector.ts, adapters/local/human-label-detector.ts.
 */

/** A box as fractions of the image (Rekognition's BoundingBox). */
export interface BoundingBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface DetectedLabel {
  /** e.g. "Dog". */
  name: string;
  confidence: number;
  /** Where the label's objects are (empty for scene labels). */
  instances: { box: BoundingBox; confidence: number }[];
  /** Ancestors, nearest first, e.g. ["Mammal", "Animal"] (Rekognition's Parents; locally the shipped taxonomy). */
  parents: string[];
}

export interface LabelDetector {
  /** Labels at or above `minConfidence` (0–1), most confident first. */
  detectLabels(image: Buffer, options?: { minConfidence?: number; maxLabels?: number }): Promise<DetectedLabel[]>;
}
