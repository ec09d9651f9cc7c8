import { describe, expect, it } from 'vitest';
import { countWordErrors, normalizeWords, wordErrorRate } from '../../../../../../functions/adapters/local/speech/word-error-rate';

describe('Function: normalizeWords', () => {
  it('lower-cases and drops punctuation but keeps apostrophes inside words', () => {
    expect(normalizeWords('Hello, World! Don\'t  stop — "now".')).toEqual(['hello', 'world', "don't", 'stop', 'now']);
  });

  it('removes recogniser markup: pronunciation variants, fillers and sentence markers', () => {
    expect(normalizeWords('<s> and(2) [NOISE] the <sil> end </s>')).toEqual(['and', 'the', 'end']);
  });

  it('spells out the abbreviations a recogniser prints', () => {
    expect(normalizeWords('Mr. John and Mrs Smith')).toEqual(['mister', 'john', 'and', 'missus', 'smith']);
  });

  it('splits hyphenated words and strips accents', () => {
    expect(normalizeWords('cold-hearted café')).toEqual(['cold', 'hearted', 'cafe']);
  });
});

describe('Function: countWordErrors', () => {
  it('counts nothing when the texts differ only in case and punctuation', () => {
    expect(countWordErrors('He was not an ill-disposed young man.', 'he was not an ill disposed young man')).toEqual({
      substitutions: 0,
      deletions: 0,
      insertions: 0,
      referenceWords: 8,
    });
  });

  it('tells substitutions, deletions and insertions apart', () => {
    // Prepare: "quick" → "quack" (substitution), "brown" missing (deletion), "big" extra (insertion).
    const reference = 'the quick brown fox jumps';
    const hypothesis = 'the quack fox jumps big';

    // Act
    const errors = countWordErrors(reference, hypothesis);

    // Assess
    expect(errors).toEqual({ substitutions: 1, deletions: 1, insertions: 1, referenceWords: 5 });
  });

  it('counts every reference word as deleted when nothing was recognised', () => {
    expect(countWordErrors('one two three', '')).toEqual({ substitutions: 0, deletions: 3, insertions: 0, referenceWords: 3 });
  });

  it('finds the minimum edits, not a word-by-word comparison (one insertion shifts the rest)', () => {
    expect(countWordErrors('a b c d e f', 'x a b c d e f')).toEqual({ substitutions: 0, deletions: 0, insertions: 1, referenceWords: 6 });
  });
});

describe('Function: wordErrorRate', () => {
  it('pools errors over all reference words, so short utterances weigh by their length', () => {
    // Prepare: 1 error in 1 word, 0 errors in 9 words → corpus WER 10%, not the 50% mean of rates.
    const pairs = [
      { reference: 'yes', hypothesis: 'no' },
      { reference: 'one two three four five six seven eight nine', hypothesis: 'one two three four five six seven eight nine' },
    ];

    // Act
    const result = wordErrorRate(pairs);

    // Assess
    expect(result.rate).toBeCloseTo(0.1, 10);
    expect(result.referenceWords).toBe(10);
  });

  it('gives 0 for an empty reference and hypothesis, 1 for words recognised in silence', () => {
    expect(wordErrorRate([{ reference: '', hypothesis: '' }]).rate).toBe(0);
    expect(wordErrorRate([{ reference: '', hypothesis: 'phantom words' }]).rate).toBe(1);
  });
});
