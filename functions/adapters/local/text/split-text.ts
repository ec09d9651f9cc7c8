/**
 * Splits long text into pieces on sentence boundaries, each within a size limit — UTF-8 bytes
 * for Amazon Comprehend (its synchronous APIs take at most 5,000 bytes per document) or
 * characters for the local analyzer. Provider-neutral: used by both TextAnalyzer adapters.
 */

/** A size limit for one piece. */
export type SplitLimit = { readonly maxBytes: number } | { readonly maxChars: number };

const encoder = new TextEncoder();

const sizeOf = (limit: SplitLimit) =>
  'maxBytes' in limit ? (text: string) => encoder.encode(text).length : (text: string) => text.length;
const maxOf = (limit: SplitLimit) => ('maxBytes' in limit ? limit.maxBytes : limit.maxChars);

/**
 * Sentence spans: ends after . ! ? … (and CJK full stops) followed by space, or at line breaks.
 * Text without punctuation (e.g. raw speech recognition) comes back as one span; the word
 * fallback in `splitText` then applies.
 */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const boundary = /[.!?…。！？]+["'”’)\]]*(?=\s)|\n\s*/g;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].length;
    if (text.slice(start, end).trim()) spans.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) spans.push({ start, end: text.length });
  return spans;
}

/** Splits one over-long piece at spaces, or (a single huge "word") at code-point boundaries. */
function splitOversized(piece: string, limit: SplitLimit): string[] {
  const size = sizeOf(limit);
  const max = maxOf(limit);
  const out: string[] = [];
  let current = '';
  for (const word of piece.split(/(\s+)/)) {
    if (size(current + word) <= max) {
      current += word;
      continue;
    }
    if (current.trim()) out.push(current.trim());
    current = '';
    if (size(word) <= max) {
      current = word;
      continue;
    }
    for (const char of word) {
      if (size(current + char) > max) {
        out.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/**
 * Packs whole sentences into pieces no larger than the limit.
 * @returns non-empty trimmed pieces in order; `[]` for blank text
 * @example
 * splitText(longTranscript, { maxBytes: 5000 }) // each piece fits one Comprehend call
 */
export function splitText(text: string, limit: SplitLimit): string[] {
  const size = sizeOf(limit);
  const max = maxOf(limit);
  if (max < 1) throw new RangeError(`splitText: the limit must be at least 1, got ${max}`);
  const pieces: string[] = [];
  // The current piece is text.slice(from, to): whole sentences with the text between them as written.
  let from = -1;
  let to = -1;
  const flush = () => {
    if (from >= 0) {
      const piece = text.slice(from, to).trim();
      if (piece) pieces.push(piece);
    }
    from = -1;
  };
  for (const { start, end } of sentenceSpans(text)) {
    if (from >= 0 && size(text.slice(from, end).trim()) <= max) {
      to = end;
      continue;
    }
    flush();
    const sentence = text.slice(start, end).trim();
    if (size(sentence) <= max) {
      from = start;
      to = end;
    } else {
      pieces.push(...splitOversized(sentence, limit));
    }
  }
  flush();
  return pieces;
}
