/**
 * Vector arithmetic for face embeddings. A person's centroid is kept as the plain mean of its faces'
 * unit-length embeddings (so one face can be taken out exactly) and compared after normalising
 * (the normalised running mean): cosine similarity of unit vectors is their dot product.
 */

/**
 * The vector scaled to length 1.
 * @returns a copy; the zero vector stays zero (it matches nothing)
 */
export function normalise(vector: readonly number[]): number[] {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const length = Math.sqrt(squares);
  return length === 0 ? vector.map(() => 0) : vector.map((value) => value / length);
}

/**
 * Cosine similarity, -1 to 1.
 * @returns null when the vectors cannot be compared (different lengths: another model made them)
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length || a.length === 0) return null;
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

/** The mean of `count` vectors after one more: mean + (v − mean)/(count + 1). */
export function addToMean(mean: readonly number[] | null, count: number, vector: readonly number[]): number[] {
  if (mean === null || count <= 0 || mean.length !== vector.length) return [...vector];
  return mean.map((value, i) => value + (vector[i]! - value) / (count + 1));
}

/**
 * The mean of `count` vectors after taking one out: (count·mean − v)/(count − 1).
 * @returns null when no vector is left
 */
export function removeFromMean(mean: readonly number[] | null, count: number, vector: readonly number[]): number[] | null {
  if (mean === null || count <= 1 || mean.length !== vector.length) return null;
  return mean.map((value, i) => (count * value - vector[i]!) / (count - 1));
}

/**
 * The mean of the vectors of the most common length (faces embedded by another model are left out).
 * @returns null for no vectors
 */
export function meanOf(vectors: readonly (readonly number[])[]): number[] | null {
  if (vectors.length === 0) return null;
  const lengths = new Map<number, number>();
  for (const vector of vectors) lengths.set(vector.length, (lengths.get(vector.length) ?? 0) + 1);
  const length = [...lengths.entries()].sort((x, y) => y[1] - x[1])[0]![0];
  const same = vectors.filter((vector) => vector.length === length);
  const sum = new Array<number>(length).fill(0);
  for (const vector of same) for (let i = 0; i < length; i += 1) sum[i]! += vector[i]!;
  return sum.map((value) => value / same.length);
}
