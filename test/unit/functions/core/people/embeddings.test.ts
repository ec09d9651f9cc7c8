import { describe, expect, it } from 'vitest';
import { addToMean, cosineSimilarity, meanOf, normalise, removeFromMean } from '../../../../../functions/core/people/embeddings';

describe('embeddings', () => {
  it('keeps a running mean that equals the plain mean, and takes a vector out exactly', () => {
    // Prepare
    const vectors = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 4],
    ];
    // Act
    let mean: number[] | null = null;
    vectors.forEach((vector, count) => (mean = addToMean(mean, count, vector)));
    const without = removeFromMean(mean, 3, [0, 0, 4]);
    // Assess
    meanOf(vectors)!.forEach((value, i) => expect(mean![i]).toBeCloseTo(value, 12));
    expect(mean![2]).toBeCloseTo(4 / 3);
    expect(without![0]).toBeCloseTo(0.5);
    expect(without![1]).toBeCloseTo(0.5);
    expect(without![2]).toBeCloseTo(0);
    expect(removeFromMean([1, 2, 3], 1, [1, 2, 3])).toBeNull();
  });

  it('compares directions only, and refuses vectors of another model (another length)', () => {
    expect(cosineSimilarity([2, 0], [5, 0])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 3])).toBeCloseTo(0);
    expect(cosineSimilarity([1, 0], [1, 0, 0])).toBeNull();
    expect(normalise([3, 4])).toEqual([0.6, 0.8]);
    expect(normalise([0, 0])).toEqual([0, 0]);
  });

  it('averages the vectors of the most common length', () => {
    expect(meanOf([[1, 1], [3, 3], [9, 9, 9]])).toEqual([2, 2]);
    expect(meanOf([])).toBeNull();
  });
});
