import { describe, expect, it } from 'vitest';
import { documentSentiment, scoreSentence, sentimentScores, topSentiment, type SentimentToken } from '../../../../../../functions/adapters/local/text/sentiment';

/** Tokens as the tagger would give them: "word/POS" or "word/POS/lemma". */
const tokens = (tagged: string): SentimentToken[] =>
  tagged.split(' ').map((item) => {
    const [normal, pos, lemma] = item.split('/');
    return { normal: normal!, pos: pos!, lemma: lemma ?? normal! };
  });

const lexicon = new Map([
  ['good', 1.9],
  ['great', 3.1],
  ['slow', -1.1],
  ['complaints', -1.7],
  ['happier', 2.4],
  ['small', 0],
]);

describe('Function: scoreSentence', () => {
  it('scores praise positive and a negated one negative', () => {
    const praise = scoreSentence(tokens('the/DET service/NOUN was/AUX good/ADJ ./PUNCT'), lexicon);
    const negated = scoreSentence(tokens('the/DET service/NOUN was/AUX not/PART good/ADJ ./PUNCT'), lexicon);
    expect([praise.positive, praise.negative]).toEqual([1.9, 0]);
    expect(negated.positive).toBe(0);
    expect(negated.negative).toBeCloseTo(1.9 * 0.74, 5);
  });

  it('turns a negated complaint into praise ("no complaints")', () => {
    const result = scoreSentence(tokens('i/PRON have/AUX no/DET complaints/NOUN/complaint ./PUNCT'), lexicon);
    expect(result.positive).toBeGreaterThan(0);
    expect(result.negative).toBe(0);
  });

  it('keeps "could not be happier" positive', () => {
    const result = scoreSentence(tokens('i/PRON could/AUX not/PART be/AUX happier/ADJ/happy ./PUNCT'), lexicon);
    expect(result.positive).toBeGreaterThan(2.4);
    expect(result.negative).toBe(0);
  });

  it('reads "too" + adjective as a complaint even for a neutral adjective', () => {
    const result = scoreSentence(tokens('the/DET room/NOUN was/AUX too/ADV small/ADJ ./PUNCT'), lexicon);
    expect(result.negative).toBeGreaterThanOrEqual(1.5);
  });

  it('weighs the clause after "but" more, without losing the other side', () => {
    const result = scoreSentence(tokens('the/DET food/NOUN was/AUX great/ADJ but/CCONJ the/DET service/NOUN was/AUX slow/ADJ ./PUNCT'), lexicon);
    expect([result.positive, result.negative]).toEqual([3.1, 1.1]);
    expect(result.weightedPositive).toBeCloseTo(1.55, 5);
    expect(result.weightedNegative).toBeCloseTo(1.65, 5);
  });
});

describe('Function: sentimentScores', () => {
  it('sums to one, is NEUTRAL without sentiment, and MIXED when both sides are strong', () => {
    const none = sentimentScores({ positive: 0, negative: 0, weightedPositive: 0, weightedNegative: 0 });
    const mixed = sentimentScores({ positive: 3, negative: 2.5, weightedPositive: 1.5, weightedNegative: 3.75 });
    const positive = sentimentScores({ positive: 3, negative: 0, weightedPositive: 3, weightedNegative: 0 });
    for (const scores of [none, mixed, positive]) {
      expect(scores.POSITIVE + scores.NEGATIVE + scores.NEUTRAL + scores.MIXED).toBeCloseTo(1, 10);
    }
    expect(topSentiment(none)).toBe('NEUTRAL');
    expect(topSentiment(mixed)).toBe('MIXED');
    expect(topSentiment(positive)).toBe('POSITIVE');
  });
});

describe('Function: documentSentiment', () => {
  it('lets an opinionated sentence outweigh a longer factual one', () => {
    const factual = { positive: 0, negative: 0, weightedPositive: 0, weightedNegative: 0, length: 20 };
    const glowing = { positive: 3, negative: 0, weightedPositive: 3, weightedNegative: 0, length: 6 };
    expect(documentSentiment([factual, glowing]).value).toBe('POSITIVE');
  });

  it('calls a document with a clearly positive and a clearly negative sentence MIXED', () => {
    const good = { positive: 3, negative: 0, weightedPositive: 3, weightedNegative: 0, length: 8 };
    const bad = { positive: 0, negative: 3, weightedPositive: 0, weightedNegative: 3, length: 8 };
    const result = documentSentiment([good, bad]);
    expect(result.value).toBe('MIXED');
    expect(result.scores.MIXED).toBeGreaterThan(result.scores.POSITIVE);
  });
});
