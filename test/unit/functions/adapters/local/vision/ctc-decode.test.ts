import { describe, expect, it } from 'vitest';
import { ctcDecode } from '../../../../../../functions/adapters/local/vision/ctc-decode';

const DICTIONARY = ['', 'a', 'b', ' '];

/** One-hot-ish rows: the chosen class gets `p`, the rest share what is left. */
function steps(choices: number[], p = 0.9): Float32Array {
  const classes = DICTIONARY.length;
  const data = new Float32Array(choices.length * classes).fill((1 - p) / (classes - 1));
  choices.forEach((choice, step) => (data[step * classes + choice] = p));
  return data;
}

describe('Function: ctcDecode', () => {
  it('collapses repeats and drops blanks', () => {
    // Prepare: a a _ a b b _ _ ␠ b
    const probabilities = steps([1, 1, 0, 1, 2, 2, 0, 0, 3, 2]);

    // Act
    const decoded = ctcDecode(probabilities, 10, DICTIONARY.length, DICTIONARY);

    // Assess
    expect(decoded.text).toBe('aab b');
    expect(decoded.confidence).toBeCloseTo(0.9, 5);
  });

  it('averages the probabilities of the emitted symbols only', () => {
    const probabilities = steps([1, 0, 2]);
    probabilities[2 * DICTIONARY.length + 2] = 0.5;

    expect(ctcDecode(probabilities, 3, DICTIONARY.length, DICTIONARY).confidence).toBeCloseTo(0.7, 5);
  });

  it('gives empty text with confidence 0 for all blanks', () => {
    expect(ctcDecode(steps([0, 0, 0]), 3, DICTIONARY.length, DICTIONARY)).toEqual({ text: '', confidence: 0 });
  });
});
