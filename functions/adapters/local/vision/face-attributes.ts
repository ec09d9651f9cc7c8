/**
 * Face attributes and embeddings from @vladmandic/human's models in the port's provider-neutral,
 * Rekognition-like shapes: an age range, gender with confidence, emotions with Rekognition's
 * types (API_Emotion.html: HAPPY, SAD, ANGRY, CONFUSED, DISGUSTED, SURPRISED, CALM, FEAR, UNKNOWN),
 * and a unit-length embedding.
 */
import type { DetectedFace } from '../../../ports/face-detector';

/** Human's emotion classes → Rekognition's emotion types ("neutral" is Rekognition's CALM). */
const EMOTION_TYPES: Readonly<Record<string, string>> = {
  angry: 'ANGRY',
  disgust: 'DISGUSTED',
  fear: 'FEAR',
  happy: 'HAPPY',
  sad: 'SAD',
  surprise: 'SURPRISED',
  neutral: 'CALM',
};

/**
 * Half-width of the reported age range in years. The description model gives a point estimate;
 * Rekognition reports ranges, and the estimate is rough (see the README's model notes).
 */
const AGE_HALF_RANGE = 5;

/** Human's raw per-face attributes. */
export interface RawFaceAttributes {
  readonly age?: number;
  readonly gender?: string;
  readonly genderScore?: number;
  readonly emotion?: readonly { readonly score: number; readonly emotion: string }[];
}

/**
 * The attributes the port carries, leaving out any the model did not produce.
 * @returns ageRange in whole years, gender "Male" | "Female", emotions most likely first
 */
export function faceAttributes(raw: RawFaceAttributes): DetectedFace['attributes'] {
  const attributes: DetectedFace['attributes'] = {};
  if (raw.age !== undefined && Number.isFinite(raw.age) && raw.age > 0) {
    attributes.ageRange = { low: Math.max(0, Math.round(raw.age - AGE_HALF_RANGE)), high: Math.round(raw.age + AGE_HALF_RANGE) };
  }
  if (raw.gender === 'male' || raw.gender === 'female') {
    attributes.gender = { value: raw.gender === 'male' ? 'Male' : 'Female', confidence: clamp01(raw.genderScore ?? 0) };
  }
  if (raw.emotion && raw.emotion.length > 0) {
    attributes.emotions = raw.emotion
      .map((entry) => ({ type: EMOTION_TYPES[entry.emotion] ?? 'UNKNOWN', confidence: clamp01(entry.score) }))
      .sort((a, b) => b.confidence - a.confidence);
  }
  return attributes;
}

/**
 * The vector scaled to length 1, so that distances between faces compare directions only.
 * @returns null for a missing, empty or all-zero vector
 */
export function unitVector(vector: readonly number[] | undefined): number[] | null {
  if (!vector || vector.length === 0) return null;
  const length = Math.hypot(...vector);
  if (!Number.isFinite(length) || length === 0) return null;
  return vector.map((value) => value / length);
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
