/** Synthetic embeddings for the people tests: identities are orthogonal axes, faces are noisy copies. */
import { normalise } from '../../../../../functions/core/people/embeddings';

export const DIMENSIONS = 16;

/** A deterministic pseudo-random source (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The unit vector of identity `axis`. */
export function identity(axis: number): number[] {
  return Array.from({ length: DIMENSIONS }, (_, i) => (i === axis ? 1 : 0));
}

/** A unit vector near `base`: base plus uniform noise of `amount` per dimension. */
export function near(base: readonly number[], amount: number, seed: number): number[] {
  const next = random(seed);
  return normalise(base.map((value) => value + (next() * 2 - 1) * amount));
}

/** The unit vector halfway between two identities (a face "between two clusters"). */
export function between(a: readonly number[], b: readonly number[]): number[] {
  return normalise(a.map((value, i) => value + b[i]!));
}

export const box = (size = 0.2) => ({ left: 0.1, top: 0.1, width: size, height: size });
