/**
 * Word error rate, the figure speech recognisers are compared by: the word-level edit distance
 * (substitutions + deletions + insertions) between a reference transcript and a recogniser's output,
 * divided by the number of reference words. Both sides are normalised first, so case, punctuation,
 * recogniser markup (pocketsphinx's `word(2)` pronunciation variants, `<sil>`, `[NOISE]`) and a few
 * spelled-out abbreviations do not count as errors — as scoring tools such as NIST sclite and
 * Whisper's English normaliser do.
 */

/** Abbreviations a recogniser may print where a reference spells the word out (or the reverse). */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  mr: 'mister',
  mrs: 'missus',
  dr: 'doctor',
  ok: 'okay',
};

/**
 * The words of a transcript as scored: lower case, accents removed, punctuation dropped (apostrophes
 * inside words kept: "don't"), hyphenated words split, recogniser markup removed.
 * @returns the normalised words, in order
 */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\(\d+\)/g, ' ')
    .replace(/<[^>]*>|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9']+/g, ' ')
    .split(' ')
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0)
    .map((word) => SPELLED_OUT[word] ?? word);
}

/** The edit operations that turn a reference into a hypothesis, counted. */
export interface WordErrors {
  readonly substitutions: number;
  readonly deletions: number;
  readonly insertions: number;
  /** Words in the normalised reference (the denominator). */
  readonly referenceWords: number;
}

/**
 * Counts the minimum word edits between two transcripts (Levenshtein over normalised words).
 * @returns substitutions, deletions (reference words missing), insertions (extra words) and the reference length
 */
export function countWordErrors(reference: string, hypothesis: string): WordErrors {
  const ref = normalizeWords(reference);
  const hyp = normalizeWords(hypothesis);
  const columns = hyp.length + 1;
  // cost[i][j]: edits to turn ref[0..i) into hyp[0..j); one flat array, row-major.
  const cost = new Uint32Array((ref.length + 1) * columns);
  for (let j = 0; j <= hyp.length; j++) cost[j] = j;
  for (let i = 1; i <= ref.length; i++) {
    cost[i * columns] = i;
    for (let j = 1; j <= hyp.length; j++) {
      const diagonal = cost[(i - 1) * columns + j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      const deletion = cost[(i - 1) * columns + j]! + 1;
      const insertion = cost[i * columns + j - 1]! + 1;
      cost[i * columns + j] = Math.min(diagonal, deletion, insertion);
    }
  }
  // Walk back along one optimal path to split the distance into its three kinds.
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let i = ref.length;
  let j = hyp.length;
  while (i > 0 || j > 0) {
    const here = cost[i * columns + j]!;
    if (i > 0 && j > 0 && here === cost[(i - 1) * columns + j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1)) {
      if (ref[i - 1] !== hyp[j - 1]) substitutions++;
      i--;
      j--;
    } else if (i > 0 && here === cost[(i - 1) * columns + j]! + 1) {
      deletions++;
      i--;
    } else {
      insertions++;
      j--;
    }
  }
  return { substitutions, deletions, insertions, referenceWords: ref.length };
}

/**
 * Corpus word error rate: all errors over all reference words (not the mean of per-utterance rates,
 * which would over-weight short utterances).
 * @returns the rate (0 = perfect; above 1 is possible with many insertions), and the summed counts
 */
export function wordErrorRate(pairs: readonly { reference: string; hypothesis: string }[]): WordErrors & { rate: number } {
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let referenceWords = 0;
  for (const pair of pairs) {
    const counts = countWordErrors(pair.reference, pair.hypothesis);
    substitutions += counts.substitutions;
    deletions += counts.deletions;
    insertions += counts.insertions;
    referenceWords += counts.referenceWords;
  }
  const errors = substitutions + deletions + insertions;
  const rate = referenceWords === 0 ? (errors === 0 ? 0 : 1) : errors / referenceWords;
  return { substitutions, deletions, insertions, referenceWords, rate };
}
