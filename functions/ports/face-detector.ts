/**
 * Faces in an image: boxes, landmarks, attributes where the provider has them, and an embedding
 * for recognising the same person across a library (locally a descriptor vector; on AWS, faces
 * are indexed into a Rekognition collection and matched there).
 * Adapters: adapters/aws/rekognition-face-detector.ts, adapters/local/human-face-detector.ts.
 */
import type { BoundingBox } from './label-detector';

export interface DetectedFace {
  box: BoundingBox;
  confidence: number;
  /** Named points as fractions of the image (eyeLeft, eyeRight, nose, mouthLeft, mouthRight, ...). */
  landmarks: { type: string; x: number; y: number }[];
  /** Estimated attributes where available. */
  attributes: { ageRange?: { low: number; high: number }; gender?: { value: string; confidence: number }; emotions?: { type: string; confidence: number }[] };
  /** A unit-length vector for this face (local); null when the provider matches faces itself (AWS). */
  embedding: number[] | null;
}

export interface FaceDetector {
  detectFaces(image: Buffer, options?: { minConfidence?: number }): Promise<DetectedFace[]>;
}
