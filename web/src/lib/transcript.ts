/**
 * Word timings grouped into readable lines for the transcript panel: a new line after a sentence
 * end, a pause, or a maximum number of words; each line keeps the time it starts at, which the
 * player seeks to. Pure.
 */
import type { Word } from './analysis';

export interface TranscriptLine {
  start: number;
  end: number;
  text: string;
}

export interface GroupOptions {
  /** A silence this long (seconds) starts a new line. @default 1.0 */
  pauseSeconds?: number;
  /** @default 14 */
  maxWords?: number;
}

export function groupTranscript(words: readonly Word[], options: GroupOptions = {}): TranscriptLine[] {
  const pause = options.pauseSeconds ?? 1;
  const maxWords = options.maxWords ?? 14;
  const lines: TranscriptLine[] = [];
  let current: Word[] = [];
  const flush = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last) lines.push({ start: first.start, end: last.end, text: current.map((w) => w.word).join(' ') });
    current = [];
  };
  const sorted = [...words].filter((w) => w.word.trim() !== '').sort((a, b) => a.start - b.start);
  for (const word of sorted) {
    const previous = current[current.length - 1];
    if (previous && (word.start - previous.end >= pause || current.length >= maxWords)) flush();
    current.push(word);
    if (/[.!?]$/.test(word.word)) flush();
  }
  flush();
  return lines;
}

/** The index of the line playing at `time`, or -1. */
export function activeLine(lines: readonly TranscriptLine[], time: number): number {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    if (lines[index]!.start <= time) return time <= lines[index]!.end + 1.5 ? index : -1;
  }
  return -1;
}
