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
  /** The face's id in the owner's face collection when the detector indexed it (AWS, see `index`). */
  externalFaceId?: string | null;
}

export interface FaceDetector {
  /**
   * @param options.index the media item the image belongs to: a provider that matches faces itself
   *   (Rekognition) indexes them into the owner's collection and returns their `externalFaceId`;
   *   detectors with embeddings ignore it
   */
  detectFaces(image: Buffer, options?: { minConfidence?: number; index?: { owner: string; mediaId: string } }): Promise<DetectedFace[]>;
}
