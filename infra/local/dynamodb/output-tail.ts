/**
 * Keeps the last few kilobytes a child process printed, to quote in an error when it fails.
 * The child's pipes must be drained anyway (a full pipe would block it), so this also drains them.
 */
import type { Readable } from 'node:stream';

const DEFAULT_LIMIT = 16 * 1024;

export interface OutputTail {
  /** Everything kept so far, oldest first. */
  text(): string;
}

/**
 * Follows the given streams, keeping at most `limit` characters of their combined output.
 * @param onLine called with each complete stdout line (for readiness markers)
 * @returns a handle to read the kept text
 */
export function followOutput(
  stdout: Readable,
  stderr: Readable,
  onLine: (line: string) => void,
  limit = DEFAULT_LIMIT,
): OutputTail {
  let kept = '';
  let partialLine = '';
  const keep = (chunk: string) => {
    kept = (kept + chunk).slice(-limit);
  };
  stdout.setEncoding('utf8').on('data', (chunk: string) => {
    keep(chunk);
    const lines = (partialLine + chunk).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) onLine(line.trimEnd());
  });
  stderr.setEncoding('utf8').on('data', keep);
  return { text: () => kept };
}
