/** Unsafe-content labels (Rekognition DetectModerationLabels): name, parent category, confidence. */
export interface ModerationLabel {
  name: string;
  parent: string | null;
  confidence: number;
}

export interface Moderation {
  /** Labels at or above `minConfidence` (0–1); an empty list means nothing unsafe was found. */
  detectUnsafe(image: Buffer, options?: { minConfidence?: number }): Promise<ModerationLabel[]>;
}
