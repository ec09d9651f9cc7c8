import { describe, expect, it } from 'vitest';
import { activeLine, groupTranscript } from '../../../web/src/lib/transcript';

const word = (text: string, start: number, end = start + 0.3) => ({ word: text, start, end, confidence: 0.9 });

describe('Function: groupTranscript', () => {
  it('breaks lines at sentence ends and long pauses, keeping each line start time', () => {
    // Prepare
    const words = [word('hello', 0), word('world.', 0.4), word('this', 1), word('is', 1.4), word('after', 4), word('a', 4.3), word('pause', 4.6, 4.9)];

    // Act
    const lines = groupTranscript(words);

    // Assess
    expect(lines).toEqual([
      { start: 0, end: 0.7, text: 'hello world.' },
      { start: 1, end: 1.7, text: 'this is' },
      { start: 4, end: 4.9, text: 'after a pause' },
    ]);
  });

  it('caps a line at the maximum number of words', () => {
    const words = Array.from({ length: 5 }, (_, i) => word(`w${i}`, i * 0.4));
    expect(groupTranscript(words, { maxWords: 2 }).map((line) => line.text)).toEqual(['w0 w1', 'w2 w3', 'w4']);
  });
});

describe('Function: activeLine', () => {
  it('finds the line playing at a time, and none long after a line ended', () => {
    const lines = [
      { start: 0, end: 2, text: 'a' },
      { start: 5, end: 7, text: 'b' },
    ];
    expect(activeLine(lines, 1)).toBe(0);
    expect(activeLine(lines, 6)).toBe(1);
    expect(activeLine(lines, 20)).toBe(-1);
  });
});
