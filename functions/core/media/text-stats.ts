/**
 * Counts in a text file — characters, lines, words — read as a stream, so a multi-gigabyte log
 * costs one pass and a few kilobytes of memory (reading it whole would exceed V8's string limit).
 */
import { createReadStream } from 'node:fs';
import type { TextCharset } from './text-sniff';

export interface TextStats {
  /** Unicode code points (a byte-order mark not counted). */
  characters: number;
  /** Line breaks plus one for a last line without one; 0 for an empty file. */
  lines: number;
  /** Runs of non-whitespace characters. */
  words: number;
  charset: TextCharset;
}

/** Streams the file once and counts. The charset comes from detection (`DetectedFormat.charset`). */
export async function measureText(path: string, charset: TextCharset = 'utf-8'): Promise<TextStats> {
  const decoder = new TextDecoder(charset);
  let characters = 0;
  let breaks = 0;
  let words = 0;
  let inWord = false;
  let lastIsBreak = false;
  const count = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // A low surrogate finishes a code point already counted.
      if (code >= 0xdc00 && code <= 0xdfff) {
        continue;
      }
      characters++;
      if (code === 10) {
        breaks++;
      }
      const space = isWhitespace(code);
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
      lastIsBreak = code === 10;
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    count(decoder.decode(chunk as Buffer, { stream: true }));
  }
  count(decoder.decode());
  const lines = characters === 0 ? 0 : breaks + (lastIsBreak ? 0 : 1);
  return { characters, lines, words, charset };
}

/** JavaScript's `\s` set, by code unit (a regular expression per character is ten times slower). */
function isWhitespace(code: number): boolean {
  if (code <= 32) {
    return code === 32 || (code >= 9 && code <= 13);
  }
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
