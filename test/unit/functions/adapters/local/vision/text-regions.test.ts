import { describe, expect, it } from 'vitest';
import { findTextRegions, regionCorners } from '../../../../../../functions/adapters/local/vision/text-regions';

/** A probability map with `value` inside each rectangle [x0, y0, x1, y1] (inclusive) and 0 elsewhere. */
function map(width: number, height: number, rectangles: [number, number, number, number][], value = 0.9): Float32Array {
  const probabilities = new Float32Array(width * height);
  for (const [x0, y0, x1, y1] of rectangles) {
    for (let y = y0; y <= y1; y += 1) for (let x = x0; x <= x1; x += 1) probabilities[y * width + x] = value;
  }
  return probabilities;
}

describe('Function: findTextRegions', () => {
  it('finds a level line and grows it by the unclip margin', () => {
    // Prepare: a 40 × 6 core
    const probabilities = map(100, 40, [[20, 10, 59, 15]]);

    // Act
    const [region, ...others] = findTextRegions(probabilities, 100, 40);

    // Assess: margin = 40·6·1.5 / (2·46) ≈ 3.9 on every side
    expect(others).toHaveLength(0);
    expect(region!.angle).toBe(0);
    expect(region!.cx).toBeCloseTo(39.5, 5);
    expect(region!.cy).toBeCloseTo(12.5, 5);
    expect(region!.length).toBeCloseTo(40 + 2 * ((40 * 6 * 1.5) / 92), 5);
    expect(region!.thickness).toBeCloseTo(6 + 2 * ((40 * 6 * 1.5) / 92), 5);
  });

  it('follows the slant of a tilted line', () => {
    // Prepare: a band along y = 0.2·x + 20, 5 pixels thick
    const width = 200;
    const height = 100;
    const probabilities = new Float32Array(width * height);
    for (let x = 20; x < 180; x += 1) {
      const centre = 0.2 * x + 20;
      for (let y = Math.round(centre - 2); y <= Math.round(centre + 2); y += 1) probabilities[y * width + x] = 0.9;
    }

    // Act
    const [region] = findTextRegions(probabilities, width, height);

    // Assess
    expect(region!.angle).toBeCloseTo(Math.atan(0.2), 1);
    expect(region!.length).toBeGreaterThan(160);
  });

  it('keeps a short blob upright (a glyph has no reliable slant)', () => {
    const probabilities = new Float32Array(50 * 50);
    for (let i = 0; i < 8; i += 1) for (let j = 0; j < 8; j += 1) if (i + j < 12) probabilities[(10 + i) * 50 + 10 + j] = 0.9;

    const [region] = findTextRegions(probabilities, 50, 50);

    expect(region!.angle).toBe(0);
  });

  it('drops faint regions and specks', () => {
    // Prepare: a faint line (mean 0.5 < 0.6) and a 2 × 2 speck
    const probabilities = map(100, 40, [[10, 5, 60, 10]], 0.5);
    probabilities.set([0.9, 0.9], 30 * 100 + 50);
    probabilities.set([0.9, 0.9], 31 * 100 + 50);

    expect(findTextRegions(probabilities, 100, 40)).toEqual([]);
  });

  it('orders regions top to bottom, then left to right on a line', () => {
    // Prepare: second line first in memory order is irrelevant; two words on line 1, one on line 2
    const probabilities = map(200, 60, [
      [110, 10, 170, 17],
      [10, 11, 90, 18],
      [10, 40, 150, 47],
    ]);

    // Act
    const regions = findTextRegions(probabilities, 200, 60);

    // Assess
    expect(regions.map((region) => Math.round(region.cx))).toEqual([50, 140, 80]);
  });
});

describe('Function: regionCorners', () => {
  it('gives the corners clockwise from top-left', () => {
    const corners = regionCorners({ cx: 10, cy: 5, length: 8, thickness: 2, angle: 0 });

    expect(corners).toEqual([
      [6, 4],
      [14, 4],
      [14, 6],
      [6, 6],
    ]);
  });
});
