import { describe, expect, it } from 'vitest';
import { layoutTimeline, timelineTicks } from '../../../web/src/lib/timeline';

describe('Function: layoutTimeline', () => {
  it('places segments in one lane per label, longest on screen first, in percent of the duration', () => {
    // Prepare
    const segments = [
      { label: 'Dog', start: 0, end: 10, confidence: 0.9 },
      { label: 'Person', start: 20, end: 60, confidence: 0.8 },
      { label: 'Dog', start: 30, end: 40, confidence: 0.7 },
    ];

    // Act
    const { duration, lanes } = layoutTimeline(segments, { durationSeconds: 100 });

    // Assess
    expect(duration).toBe(100);
    expect(lanes.map((lane) => [lane.label, lane.seconds])).toEqual([
      ['Person', 40],
      ['Dog', 20],
    ]);
    expect(lanes[1]!.blocks.map((b) => [b.leftPercent, b.widthPercent])).toEqual([
      [0, 10],
      [30, 10],
    ]);
  });

  it('clamps segments to the duration and keeps very short ones wide enough to click', () => {
    // Act
    const { lanes } = layoutTimeline([{ label: 'Car', start: 99.9, end: 130, confidence: 1 }, { label: 'Cat', start: 50, end: 50.01, confidence: 1 }], { durationSeconds: 100, minWidthPercent: 1 });

    // Assess
    const car = lanes.find((lane) => lane.label === 'Car')!.blocks[0]!;
    expect(car.leftPercent + car.widthPercent).toBeLessThanOrEqual(100);
    expect(car.end).toBe(100);
    expect(lanes.find((lane) => lane.label === 'Cat')!.blocks[0]!.widthPercent).toBe(1);
  });

  it('uses the last segment end when the duration is unknown, and lays out nothing without segments', () => {
    expect(layoutTimeline([{ label: 'A', start: 0, end: 8, confidence: 1 }], { durationSeconds: null }).duration).toBe(8);
    expect(layoutTimeline([], { durationSeconds: 30 }).lanes).toEqual([]);
  });
});

describe('Function: timelineTicks', () => {
  it('picks round steps for the axis', () => {
    expect(timelineTicks(60)).toEqual([0, 15, 30, 45, 60]);
    expect(timelineTicks(7)).toEqual([0, 2, 4, 6]);
    expect(timelineTicks(0)).toEqual([]);
  });
});
