/**
 * Is a file text, and which kind? Magic numbers say nothing about text, so this decides from the
 * bytes: a file is text when it decodes strictly as UTF-8 (or UTF-16 behind a byte-order mark)
 * without NUL bytes and with almost no other control characters. The whole file is streamed, so a
 * binary file fails fast at its first invalid byte and a 5 GB log costs one pass, no memory.
 * Then a cheap refinement from the first 64 KiB: JSON, HTML, CSV or Markdown, else plain text.
 */
import { createReadStream } from 'node:fs';

export type TextMime = 'text/plain' | 'application/json' | 'text/html' | 'text/csv' | 'text/markdown';
export type TextCharset = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface TextSniff {
  mime: TextMime;
  charset: TextCharset;
}

const HEAD_CHARS = 64 * 1024;
const TAIL_CHARS = 1024;
/** JSON files up to this size are parsed completely; larger ones are judged by their first and last characters. */
const JSON_PARSE_LIMIT_CHARS = 8 * 1024 * 1024;
/** Control characters other than tab, line breaks, form feed and escape, as a share of the head: above this it is binary. */
const MAX_CONTROL_SHARE = 0.01;

/** The text kind and encoding of the file, or null when its bytes are not text. */
export async function sniffText(path: string): Promise<TextSniff | null> {
  let decoder: TextDecoder | null = null;
  let charset: TextCharset = 'utf-8';
  let head = '';
  let tail = '';
  let whole: string | null = '';
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      const bytes = chunk as Buffer;
      if (!decoder) {
        charset = charsetFromBom(bytes);
        decoder = new TextDecoder(charset, { fatal: true });
      }
      if (charset === 'utf-8' && bytes.includes(0)) {
        return null;
      }
      const text = decoder.decode(bytes, { stream: true });
      if (text.includes('\u0000')) {
        return null;
      }
      if (head.length < HEAD_CHARS) {
        head += text.slice(0, HEAD_CHARS - head.length);
        if (controlShare(head) > MAX_CONTROL_SHARE) {
          return null;
        }
      }
      tail = (tail + text).slice(-TAIL_CHARS);
      whole = whole !== null && whole.length + text.length <= JSON_PARSE_LIMIT_CHARS ? whole + text : null;
    }
    const rest = decoder?.decode() ?? '';
    tail = (tail + rest).slice(-TAIL_CHARS);
    whole = whole !== null ? whole + rest : null;
  } catch (error) {
    if (error instanceof TypeError) {
      // TextDecoder with fatal: true throws TypeError on malformed input: not text.
      return null;
    }
    throw error;
  }
  return { mime: refineText(head, tail, whole), charset };
}

function charsetFromBom(bytes: Buffer): TextCharset {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be';
  }
  return 'utf-8';
}

function controlShare(text: string): number {
  if (text.length === 0) {
    return 0;
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const allowed = code === 9 || code === 10 || code === 12 || code === 13 || code === 27;
    if ((code < 32 && !allowed) || code === 127) {
      controls++;
    }
  }
  return controls / text.length;
}

/**
 * Which text kind the content is. `whole` is the complete text when small enough to parse, else null.
 * Pure; exported for tests.
 */
export function refineText(head: string, tail: string, whole: string | null): TextMime {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (looksLikeJson(start, tail.trimEnd(), whole)) {
    return 'application/json';
  }
  if (/^(<!doctype\s+html[\s>]|<html[\s>]|<head[\s>]|<body[\s>])/i.test(start)) {
    return 'text/html';
  }
  const lines = completeLines(start, whole !== null);
  if (looksLikeCsv(lines)) {
    return 'text/csv';
  }
  if (looksLikeMarkdown(lines)) {
    return 'text/markdown';
  }
  return 'text/plain';
}

function looksLikeJson(start: string, end: string, whole: string | null): boolean {
  const opener = start[0];
  if (opener !== '{' && opener !== '[') {
    return false;
  }
  if (whole === null) {
    return end.endsWith(opener === '{' ? '}' : ']');
  }
  try {
    JSON.parse(whole.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    // Not parseable: brackets alone do not make JSON.
    return false;
  }
}

/** The lines of the head, without the last one when the head stops mid-file (it may be cut). */
function completeLines(head: string, headIsWhole: boolean): string[] {
  const lines = head.split(/\r\n|\n|\r/);
  if (!headIsWhole || head.length >= HEAD_CHARS) {
    lines.pop();
  }
  return lines.filter((line) => line.trim().length > 0).slice(0, 50);
}

/** At least two lines with the same non-zero number of commas outside quotes (RFC 4180 quoting). */
function looksLikeCsv(lines: readonly string[]): boolean {
  if (lines.length < 2) {
    return false;
  }
  const counts = lines.map(countUnquotedCommas);
  const first = counts[0] ?? 0;
  return first > 0 && counts.every((count) => count === first);
}

function countUnquotedCommas(line: string): number {
  let inQuotes = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') {
      inQuotes = !inQuotes;
    } else if (char === ',' && !inQuotes) {
      count++;
    }
  }
  return count;
}

/** Two or more Markdown constructs: ATX headings, list items, fenced code, block quotes, links, emphasis. */
function looksLikeMarkdown(lines: readonly string[]): boolean {
  const signals = [
    /^#{1,6}\s+\S/,
    /^\s*[-*+]\s+\S/,
    /^\s*\d+\.\s+\S/,
    /^\s*```/,
    /^>\s?\S/,
    /\[[^\]]+\]\([^)\s]+\)/,
    /(\*\*|__)\S[^*_]*\S\1/,
  ];
  let hits = 0;
  for (const line of lines) {
    if (signals.some((signal) => signal.test(line))) {
      hits++;
    }
    if (hits >= 2) {
      return true;
    }
  }
  return false;
}
