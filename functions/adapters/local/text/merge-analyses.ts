/**
 * Merges analyses of the pieces of one long text (see split-text.ts) into one TextAnalysis:
 * language by weighted vote, sentiment by length-weighted scores (MIXED when clearly positive
 * and clearly negative pieces both carry weight), key phrases and entities deduplicated with
 * their best confidence. Provider-neutral: used by both TextAnalyzer adapters.
 */
import type { Sentiment, TextAnalysis } from '../../../ports/text-analyzer';

/** One piece's analysis and its weight (its length). */
export interface WeightedAnalysis {
  readonly analysis: TextAnalysis;
  readonly weight: number;
}

const SENTIMENTS: readonly Sentiment[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
/** Share of the text each side needs before opposed pieces make the whole MIXED. */
const MIXED_SHARE = 0.25;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const round = (value: number) => Number(value.toFixed(4));

function mergeLanguage(parts: readonly WeightedAnalysis[], total: number): TextAnalysis['language'] {
  const votes = new Map<string, number>();
  for (const { analysis, weight } of parts) {
    votes.set(analysis.language.code, (votes.get(analysis.language.code) ?? 0) + weight * analysis.language.confidence);
  }
  const [code, vote] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['und', 0];
  return { code, confidence: round(vote / total) };
}

function mergeSentiment(parts: readonly WeightedAnalysis[], total: number): TextAnalysis['sentiment'] {
  const scores = { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 } as Record<Sentiment, number>;
  const valueWeight = { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 } as Record<Sentiment, number>;
  for (const { analysis, weight } of parts) {
    for (const key of SENTIMENTS) scores[key] += (analysis.sentiment.scores[key] * weight) / total;
    valueWeight[analysis.sentiment.value] += weight / total;
  }
  const opposed = valueWeight.POSITIVE >= MIXED_SHARE && valueWeight.NEGATIVE >= MIXED_SHARE;
  const value = opposed ? 'MIXED' : SENTIMENTS.reduce((best, key) => (scores[key] > scores[best] ? key : best), 'NEUTRAL' as Sentiment);
  return { value, scores: Object.fromEntries(SENTIMENTS.map((key) => [key, round(scores[key])])) as Record<Sentiment, number> };
}

function mergeByText<T extends { text: string; confidence: number }>(lists: readonly (readonly T[])[], keyOf: (item: T) => string, limit: number): T[] {
  const merged = new Map<string, { item: T; count: number; first: number }>();
  let order = 0;
  for (const list of lists) {
    for (const item of list) {
      const key = keyOf(item);
      const seen = merged.get(key);
      if (!seen) {
        merged.set(key, { item, count: 1, first: order });
      } else {
        seen.count += 1;
        if (item.confidence > seen.item.confidence) seen.item = item;
      }
      order += 1;
    }
  }
  return [...merged.values()]
    .sort((a, b) => b.count - a.count || b.item.confidence - a.item.confidence || a.first - b.first)
    .slice(0, limit)
    .map(({ item }) => item);
}

/**
 * Merges piece analyses.
 * @returns one analysis of the whole text; a single piece comes back unchanged
 */
export function mergeTextAnalyses(parts: readonly WeightedAnalysis[], options: { maxKeyPhrases?: number; maxEntities?: number } = {}): TextAnalysis {
  if (parts.length === 0) throw new RangeError('mergeTextAnalyses: nothing to merge');
  if (parts.length === 1) return parts[0]!.analysis;
  const total = parts.reduce((sum, part) => sum + Math.max(0, part.weight), 0) || 1;
  return {
    language: mergeLanguage(parts, total),
    sentiment: mergeSentiment(parts, total),
    keyPhrases: mergeByText(parts.map((part) => part.analysis.keyPhrases), (phrase) => normalise(phrase.text), options.maxKeyPhrases ?? 50),
    entities: mergeByText(parts.map((part) => part.analysis.entities), (entity) => `${entity.type}:${normalise(entity.text)}`, options.maxEntities ?? 100),
  };
}
