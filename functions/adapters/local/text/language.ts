/**
 * Dominant language with eld (Nito-ELD n-grams, 60 languages), reported like Comprehend's
 * DetectDominantLanguage: an ISO 639-1 code and a 0–1 score.
 */
import type { LanguageDetector } from './text-models';

/** Texts longer than this are identified from their beginning: more adds time, not accuracy. */
const SAMPLE_CHARS = 2_000;
/** Softmax temperature over eld's scores (they sit close together: 0.84 vs 0.73 is a clear win). */
const TEMPERATURE = 0.05;

/**
 * Identifies the language of `text`.
 * @returns the ISO 639-1 code and confidence; `und` with confidence 0 when eld finds none
 */
export function detectLanguage(detector: LanguageDetector, text: string): { code: string; confidence: number } {
  const result = detector.detect(text.slice(0, SAMPLE_CHARS));
  const scores = Object.entries(result.getScores());
  if (!result.language || scores.length === 0) {
    return { code: 'und', confidence: 0 };
  }
  const best = Math.max(...scores.map(([, score]) => score));
  const weights = scores.map(([code, score]) => [code, Math.exp((score - best) / TEMPERATURE)] as const);
  const sum = weights.reduce((total, [, weight]) => total + weight, 0);
  const own = weights.find(([code]) => code === result.language)?.[1] ?? 0;
  const confidence = (own / sum) * (result.isReliable() ? 1 : 0.5);
  return { code: result.language, confidence: Number(confidence.toFixed(4)) };
}
