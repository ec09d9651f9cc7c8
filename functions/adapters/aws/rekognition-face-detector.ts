/**
 * FaceDetector over Rekognition DetectFaces with `Attributes: ['ALL']` (age range, gender,
 * emotions and all landmarks; the default set has only five landmarks and no attributes — see
 * "DetectFaces operation response" in https://docs.aws.amazon.com/rekognition/latest/dg/faces-detect-images.html).
 * `embedding` is null: on AWS, recognising a person goes through a face collection
 * (rekognition-face-collection.ts: IndexFaces / SearchFacesByImage).
 */
import { DetectFacesCommand, type FaceDetail } from '@aws-sdk/client-rekognition';
import type { DetectedFace, FaceDetector } from '../../ports/face-detector';
import { callService } from './analysis-service-error';
import { rekognitionClient, toBox, toUnit, type RekognitionAdapterOptions } from './rekognition-client';
import { prepareRekognitionImage } from './rekognition-image';

/** One FaceDetail as the port's face. */
export function toDetectedFace(face: FaceDetail): DetectedFace {
  const attributes: DetectedFace['attributes'] = {};
  if (face.AgeRange?.Low !== undefined && face.AgeRange.High !== undefined) {
    attributes.ageRange = { low: face.AgeRange.Low, high: face.AgeRange.High };
  }
  if (face.Gender?.Value) {
    attributes.gender = { value: face.Gender.Value, confidence: toUnit(face.Gender.Confidence) };
  }
  if (face.Emotions?.length) {
    attributes.emotions = face.Emotions.flatMap((emotion) => (emotion.Type ? [{ type: emotion.Type, confidence: toUnit(emotion.Confidence) }] : [])).sort(
      (a, b) => b.confidence - a.confidence,
    );
  }
  return {
    box: toBox(face.BoundingBox),
    confidence: toUnit(face.Confidence),
    landmarks: (face.Landmarks ?? []).flatMap((landmark) => (landmark.Type ? [{ type: landmark.Type, x: landmark.X ?? 0, y: landmark.Y ?? 0 }] : [])),
    attributes,
    embedding: null,
  };
}

/**
 * Creates the detector.
 * @returns a FaceDetector; faces under `minConfidence` (0–1, default 0) are dropped
 */
export function createRekognitionFaceDetector(options: RekognitionAdapterOptions = {}): FaceDetector {
  const client = rekognitionClient(options);
  return {
    async detectFaces(image, settings = {}): Promise<DetectedFace[]> {
      const bytes = await prepareRekognitionImage(image);
      const response = await callService('Rekognition', 'DetectFaces', () => client.send(new DetectFacesCommand({ Image: { Bytes: bytes }, Attributes: ['ALL'] })), options.retry);
      const minConfidence = settings.minConfidence ?? 0;
      return (response.FaceDetails ?? []).map(toDetectedFace).filter((face) => face.confidence >= minConfidence);
    },
  };
}
