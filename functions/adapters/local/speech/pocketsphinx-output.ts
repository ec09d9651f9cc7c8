/**
 * Reads what `pocketsphinx_batch` prints for each utterance when both `-hyp` and `-ctm` point at
 * standard output (pocketsphinx 5prealpha, Debian bookworm):
 * - the hypothesis line, written first: `he was not an ill disposed young man (utt7 -11405)`
 *   (text, then the utterance id and the path score; the text is empty when nothing was recognised);
 * - then one CTM line per word: `utt7 1 0.21 0.11 he 0.999` (utterance id, channel, start and
 *   duration in seconds from the utterance's first frame, the word, its posterior probability).
 * Words may carry a pronunciation variant (`was(2)`); fillers (`<sil>`, `<s>`, `[NOISE]`,
 * `++BREATH++`) are not words.
 */

/** One hypothesis line. */
export interface HypothesisLine {
  readonly utteranceId: string;
  readonly text: string;
  readonly score: number;
}

/** One CTM line: a recognised word and where it sits in its utterance. */
export interface CtmLine {
  readonly utteranceId: string;
  readonly word: string;
  /** Seconds from the utterance's first frame. */
  readonly start: number;
  readonly duration: number;
  /** Posterior probability, 0–1. */
  readonly confidence: number;
}

const CTM = /^(\S+) \d+ (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\S+) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i;
const HYPOTHESIS = /^(.*?) ?\((\S+) (-?\d+)\)$/;

/** A CTM line's fields, or null when the line is something else. */
export function parseCtmLine(line: string): CtmLine | null {
  const match = CTM.exec(line.trim());
  if (!match) return null;
  const [, utteranceId, start, duration, word, confidence] = match;
  return {
    utteranceId: utteranceId!,
    word: word!,
    start: Number(start),
    duration: Number(duration),
    confidence: Math.min(1, Math.max(0, Number(confidence))),
  };
}

/** A hypothesis line's fields, or null when the line is something else (a CTM line is never one). */
export function parseHypothesisLine(line: string): HypothesisLine | null {
  const trimmed = line.trimEnd();
  if (CTM.test(trimmed.trim())) return null;
  const match = HYPOTHESIS.exec(trimmed);
  if (!match) return null;
  const [, text, utteranceId, score] = match;
  return { utteranceId: utteranceId!, text: text!.trim(), score: Number(score) };
}

/**
 * The word as a transcript shows it: the pronunciation variant removed (`was(2)` → `was`).
 * @returns the word, or null for fillers and sentence markers
 */
export function spokenWord(word: string): string | null {
  if (/^(<.*>|\[.*\]|\+\+.*\+\+)$/.test(word)) return null;
  const plain = word.replace(/\(\d+\)$/, '');
  return plain.length > 0 ? plain : null;
}
