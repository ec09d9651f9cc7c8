/**
 * NSFWJS class probabilities → moderation labels in Rekognition's shape: each unsafe class becomes a
 * second-level label under its top-level category, and the category is reported too, with the
 * highest confidence among its labels (DetectModerationLabels lists "the top-level label and each
 * child label detected", DetectModerationLabelsResponse). Drawing and Neutral are safe classes.
 */
import { moderationParent } from '../../../core/taxonomy/moderation-taxonomy';
import type { ModerationLabel } from '../../../ports/moderation';
import type { NsfwClass, NsfwScores } from './nsfw-model';

/** The moderation label each NSFWJS class stands for (null: safe). */
const NSFW_CLASS_LABELS: Readonly<Record<NsfwClass, string | null>> = {
  Porn: 'Nudity',
  Hentai: 'Illustrated Explicit Nudity',
  Sexy: 'Revealing Clothes',
  Drawing: null,
  Neutral: null,
};

/**
 * The labels at or above `minConfidence`, most confident first; [] when nothing unsafe reaches it.
 * @returns second-level labels with their parent, and each parent as a top-level label
 */
export function moderationLabelsFromScores(scores: NsfwScores, minConfidence: number): ModerationLabel[] {
  const labels = new Map<string, ModerationLabel>();
  for (const [nsfwClass, label] of Object.entries(NSFW_CLASS_LABELS) as [NsfwClass, string | null][]) {
    const confidence = scores[nsfwClass];
    if (label === null || confidence < minConfidence) continue;
    const parent = moderationParent(label);
    labels.set(label, { name: label, parent, confidence });
    if (parent === null) continue;
    const existing = labels.get(parent);
    if (!existing || existing.confidence < confidence) labels.set(parent, { name: parent, parent: null, confidence });
  }
  return [...labels.values()].sort((a, b) => b.confidence - a.confidence || (a.parent === null ? -1 : 1));
}
