import { describe, expect, it } from 'vitest';
import { mergeTextAnalyses } from '../../../../../../functions/adapters/local/text/merge-analyses';
import type { Sentiment, TextAnalysis } from '../../../../../../functions/ports/text-analyzer';

const analysis = (value: Sentiment, scores: [number, number, number, number], extra: Partial<TextAnalysis> = {}): TextAnalysis => ({
  language: { code: 'en', confidence: 0.9 },
  sentiment: { value, scores: { POSITIVE: scores[0], NEGATIVE: scores[1], NEUTRAL: scores[2], MIXED: scores[3] } },
  keyPhrases: [],
  entities: [],
  ...extra,
});

describe('Function: mergeTextAnalyses', () => {
  it('returns a single piece unchanged', () => {
    const only = analysis('POSITIVE', [0.8, 0.1, 0.1, 0]);
    expect(mergeTextAnalyses([{ analysis: only, weight: 10 }])).toBe(only);
  });

  it('averages sentiment scores weighted by piece length', () => {
    // Prepare: a long neutral piece and a short positive one
    const parts = [
      { analysis: analysis('NEUTRAL', [0.1, 0.1, 0.8, 0]), weight: 300 },
      { analysis: analysis('POSITIVE', [0.9, 0, 0.1, 0]), weight: 100 },
    ];

    // Act
    const merged = mergeTextAnalyses(parts);

    // Assess
    expect(merged.sentiment.scores).toEqual({ POSITIVE: 0.3, NEGATIVE: 0.075, NEUTRAL: 0.625, MIXED: 0 });
    expect(merged.sentiment.value).toBe('NEUTRAL');
  });

  it('calls the whole MIXED when clearly positive and clearly negative pieces each carry a quarter of it', () => {
    // Prepare
    const parts = [
      { analysis: analysis('POSITIVE', [0.9, 0.05, 0.05, 0]), weight: 100 },
      { analysis: analysis('NEGATIVE', [0.05, 0.9, 0.05, 0]), weight: 100 },
      { analysis: analysis('NEUTRAL', [0.05, 0.05, 0.9, 0]), weight: 100 },
    ];

    // Act + Assess
    expect(mergeTextAnalyses(parts).sentiment.value).toBe('MIXED');
    expect(mergeTextAnalyses([parts[0]!, { ...parts[1]!, weight: 20 }, parts[2]!]).sentiment.value).not.toBe('MIXED');
  });

  it('deduplicates phrases and entities ignoring case, keeping the best confidence, most frequent first', () => {
    // Prepare
    const parts = [
      { analysis: analysis('NEUTRAL', [0, 0, 1, 0], { keyPhrases: [{ text: 'the museum', confidence: 0.7 }, { text: 'Vienna', confidence: 0.9 }], entities: [{ text: 'Vienna', type: 'LOCATION', confidence: 0.8 }] }), weight: 1 },
      { analysis: analysis('NEUTRAL', [0, 0, 1, 0], { keyPhrases: [{ text: 'The Museum', confidence: 0.95 }], entities: [{ text: 'vienna', type: 'LOCATION', confidence: 0.9 }, { text: 'Vienna', type: 'PERSON', confidence: 0.4 }] }), weight: 1 },
    ];

    // Act
    const merged = mergeTextAnalyses(parts);

    // Assess
    expect(merged.keyPhrases).toEqual([{ text: 'The Museum', confidence: 0.95 }, { text: 'Vienna', confidence: 0.9 }]);
    expect(merged.entities).toEqual([{ text: 'vienna', type: 'LOCATION', confidence: 0.9 }, { text: 'Vienna', type: 'PERSON', confidence: 0.4 }]);
  });

  it('takes the language with the most weighted confidence', () => {
    // Prepare
    const german = { ...analysis('NEUTRAL', [0, 0, 1, 0]), language: { code: 'de', confidence: 0.9 } };
    const parts = [
      { analysis: analysis('NEUTRAL', [0, 0, 1, 0]), weight: 100 },
      { analysis: german, weight: 300 },
    ];

    // Act + Assess
    expect(mergeTextAnalyses(parts).language).toEqual({ code: 'de', confidence: 0.675 });
  });
});
