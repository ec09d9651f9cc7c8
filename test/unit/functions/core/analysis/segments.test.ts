import { describe, expect, it } from 'vitest';
import { mergeSegments } from '../../../../../functions/core/analysis/segments';

const frame = (at: number, ...labels: [string, number][]) => ({ at, labels: labels.map(([name, confidence]) => ({ name, confidence })) });

describe('Function: mergeSegments', () => {
  it('joins consecutive keyframes with the same label, keeping the highest confidence', () => {
    // Act
    const segments = mergeSegments([frame(0, ['Dog', 0.7]), frame(4, ['Dog', 0.9]), frame(8, ['Dog', 0.8])], { durationSeconds: 12, maxSpanSeconds: 10 });

    // Assess
    expect(segments).toEqual([{ label: 'Dog', start: 0, end: 12, confidence: 0.9 }]);
  });

  it('ends a segment at the first keyframe without the label and starts a new one when it returns', () => {
    // Act
    const segments = mergeSegments([frame(0, ['Dog', 0.7]), frame(4, ['Car', 0.8]), frame(8, ['Dog', 0.6])], { durationSeconds: 10, maxSpanSeconds: 10 });

    // Assess
    expect(segments).toEqual([
      { label: 'Dog', start: 0, end: 4, confidence: 0.7 },
      { label: 'Car', start: 4, end: 8, confidence: 0.8 },
      { label: 'Dog', start: 8, end: 10, confidence: 0.6 },
    ]);
  });

  it('bounds what a keyframe speaks for, so a long unsampled gap splits a segment', () => {
    // Act: keyframes 30 s apart, each speaking for at most 5 s.
    const segments = mergeSegments([frame(0, ['Person', 0.9]), frame(30, ['Person', 0.8])], { durationSeconds: 60, maxSpanSeconds: 5 });

    // Assess
    expect(segments).toEqual([
      { label: 'Person', start: 0, end: 5, confidence: 0.9 },
      { label: 'Person', start: 30, end: 35, confidence: 0.8 },
    ]);
  });

  it('orders frames by time and counts a label once per frame', () => {
    // Act
    const segments = mergeSegments([frame(5, ['Cat', 0.6]), frame(0, ['Cat', 0.5], ['Cat', 0.55])], { durationSeconds: null, maxSpanSeconds: 3 });

    // Assess
    expect(segments).toEqual([{ label: 'Cat', start: 0, end: 3, confidence: 0.55 }, { label: 'Cat', start: 5, end: 8, confidence: 0.6 }]);
  });

  it('returns nothing for no frames', () => {
    expect(mergeSegments([], { durationSeconds: 10, maxSpanSeconds: 5 })).toEqual([]);
  });
});
