/**
 * `util.math`. https://docs.aws.amazon.com/appsync/latest/devguide/math-helpers-in-util-math-js.html
 * roundNum rounds half up like Java's Math.round (which JavaScript's Math.round matches).
 * randomWithinRange's bounds are not documented as inclusive or exclusive; both are included here,
 * so `randomWithinRange(n, n)` is `n` rather than an error.
 */
export interface MathUtils {
  roundNum(input: number): number;
  minVal(first: number, second: number): number;
  maxVal(first: number, second: number): number;
  randomDouble(): number;
  randomWithinRange(start: number, end: number): number;
}

/** Builds `util.math` drawing randomness from `random` (Math.random by default). */
export function createMathUtils(random: () => number = Math.random): MathUtils {
  return {
    roundNum: (input) => Math.round(Number(input)),
    minVal: (first, second) => Math.min(Number(first), Number(second)),
    maxVal: (first, second) => Math.max(Number(first), Number(second)),
    randomDouble: () => random(),
    randomWithinRange(start, end) {
      const low = Math.ceil(Math.min(Number(start), Number(end)));
      const high = Math.floor(Math.max(Number(start), Number(end)));
      return low + Math.floor(random() * (high - low + 1));
    },
  };
}
