/**
 * Greedy CTC decoding of a text-recognition model's output (PaddleOCR's CTCLabelDecode): per time
 * step take the most likely symbol, collapse repeats, drop the blank (index 0).
 */

/** One decoded line: the text and the mean probability of its characters (0 when empty). */
export interface DecodedText {
  text: string;
  confidence: number;
}

/**
 * Decodes one sequence.
 * @param probabilities softmax output, `steps × classes` values for this sequence
 * @param dictionary symbol of each class; index 0 is the blank
 * @returns the text and its confidence
 */
export function ctcDecode(probabilities: ArrayLike<number>, steps: number, classes: number, dictionary: readonly string[]): DecodedText {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let step = 0; step < steps; step += 1) {
    const base = step * classes;
    let best = 0;
    let bestValue = -Infinity;
    for (let symbol = 0; symbol < classes; symbol += 1) {
      const value = probabilities[base + symbol]!;
      if (value > bestValue) {
        bestValue = value;
        best = symbol;
      }
    }
    if (best !== 0 && best !== previous) {
      text += dictionary[best] ?? '';
      sum += bestValue;
      count += 1;
    }
    previous = best;
  }
  return { text, confidence: count > 0 ? sum / count : 0 };
}
