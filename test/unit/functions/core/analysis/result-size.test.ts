import { describe, expect, it } from 'vitest';
import { fitResult } from '../../../../../functions/core/analysis/result-size';

describe('Function: fitResult', () => {
  it('keeps a result that fits as it is', () => {
    expect(JSON.parse(fitResult({ count: 2, labels: ['a', 'b'] }, 1000))).toEqual({ count: 2, labels: ['a', 'b'] });
  });

  it('halves the longest list until the result fits, and says it was cut', () => {
    // Prepare
    const words = Array.from({ length: 10_000 }, (_, i) => ({ word: `w${i}`, start: i, end: i + 0.5, confidence: 0.9 }));

    // Act
    const json = fitResult({ text: 'short', words, language: 'en-US' }, 50_000);

    // Assess
    const fitted = JSON.parse(json);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(50_000);
    expect(fitted).toMatchObject({ text: 'short', language: 'en-US', truncated: true });
    expect(fitted.words.length).toBeGreaterThan(0);
    expect(fitted.words[0]).toEqual(words[0]);
  });

  it('cuts long strings when no list is left to shorten', () => {
    // Act
    const json = fitResult({ text: 'x'.repeat(100_000) }, 20_000);

    // Assess
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(20_000);
    expect(JSON.parse(json).truncated).toBe(true);
  });
});
