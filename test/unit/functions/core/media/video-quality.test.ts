import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../../../../functions/core/media/av-metadata';
import { measureVideoQuality, sampleWindows } from '../../../../../functions/core/media/video-quality';
import { makeMediaDir, writeTestVideo } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writeTestVideo(file('video.mp4'), { seconds: 10, black: [3, 4], frozen: [6, 8] });
  await writeTestVideo(file('clean.mp4'), { seconds: 4 });
}, 60_000);

afterAll(() => cleanup());

describe('Function: measureVideoQuality', () => {
  it('finds the black stretch at 3–4 s and the frozen one at 6–8 s', async () => {
    // Prepare
    const metadata = await probeMedia(file('video.mp4'));

    // Act
    const quality = await measureVideoQuality(file('video.mp4'), metadata);

    // Assess
    expect(quality.blackRanges).toHaveLength(1);
    expect(quality.blackRanges[0]?.start).toBeCloseTo(3, 1);
    expect(quality.blackRanges[0]?.end).toBeCloseTo(4, 1);
    expect(quality.blackShare).toBeCloseTo(0.1, 2);
    // A black stretch is also unchanging; it counts as black only.
    expect(quality.frozenRanges).toHaveLength(1);
    expect(quality.frozenRanges[0]?.start).toBeCloseTo(6, 1);
    expect(quality.frozenRanges[0]?.end).toBeCloseTo(8, 1);
    expect(quality.frozenShare).toBeCloseTo(0.2, 2);
  });

  it('reports resolution, frame rate and bits per pixel per frame', async () => {
    const metadata = await probeMedia(file('video.mp4'));

    const quality = await measureVideoQuality(file('video.mp4'), metadata);

    expect(quality).toMatchObject({ width: 640, height: 360, megapixels: 0.23, frameRate: 25, analyzedSeconds: 10 });
    const expected = (quality.videoBitRate ?? 0) / (640 * 360 * 25);
    expect(quality.bitsPerPixelPerFrame).toBeCloseTo(expected, 3);
    expect(quality.bitsPerPixelPerFrame).toBeGreaterThan(0.01);
  });

  it('finds nothing black or frozen in moving footage', async () => {
    const quality = await measureVideoQuality(file('clean.mp4'), await probeMedia(file('clean.mp4')));

    expect(quality.blackRanges).toEqual([]);
    expect(quality.frozenRanges).toEqual([]);
  });

  it('analyses only a bounded sample of a long video, placing ranges on its timeline', async () => {
    // Prepare: pretend the 10 s video is longer than the sample allows.
    const metadata = await probeMedia(file('video.mp4'));

    // Act: 2 windows of 2 s centred at 2.5 s and 7.5 s → 1.5–3.5 and 6.5–8.5.
    const quality = await measureVideoQuality(file('video.mp4'), metadata, { maxAnalyzedSeconds: 4, sampleWindows: 2 });

    // Assess
    expect(quality.analyzedRanges).toEqual([
      { start: 1.5, end: 3.5 },
      { start: 6.5, end: 8.5 },
    ]);
    expect(quality.analyzedSeconds).toBe(4);
    expect(quality.blackRanges[0]?.start).toBeCloseTo(3, 1);
    expect(quality.blackRanges[0]?.end).toBeCloseTo(3.5, 1);
    // Within a frame or two: unreferenced frames are not decoded, so a window starts at the next decoded one.
    expect(Math.abs((quality.frozenRanges[0]?.start ?? 0) - 6.5)).toBeLessThan(0.15);
    expect(quality.frozenRanges[0]?.end).toBeCloseTo(8, 1);
  });
});

describe('Function: sampleWindows', () => {
  it('takes a short video whole, a long one in evenly spaced windows, an unknown one from the start', () => {
    expect(sampleWindows(60, 120, 4)).toEqual([{ start: 0, end: 60 }]);
    expect(sampleWindows(3600, 120, 4)).toEqual([
      { start: 435, end: 465 },
      { start: 1335, end: 1365 },
      { start: 2235, end: 2265 },
      { start: 3135, end: 3165 },
    ]);
    expect(sampleWindows(null, 120, 4)).toEqual([{ start: 0, end: 120 }]);
  });
});
