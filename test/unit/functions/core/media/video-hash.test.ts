import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_DISTANCE, perceptualDistance } from '../../../../../functions/core/dedupe';
import { CorruptMediaError } from '../../../../../functions/core/media/errors';
import { videoKeyframeHashes } from '../../../../../functions/core/media/video-hash';
import { makeMediaDir, writeReencodedVideo, writeTestVideo, writeTruncatedMp4 } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writeTestVideo(file('video.mp4'), { seconds: 10, black: [2, 4] });
  await writeReencodedVideo(file('video.mp4'), file('reencoded.mp4'));
  await writeTestVideo(file('other.mp4'), { seconds: 10, pattern: 1 });
  await writeTestVideo(file('black.mp4'), { seconds: 2, black: [0, 2], audio: false });
  await writeTruncatedMp4(file('truncated.mp4'), dir);
}, 60_000);

afterAll(() => cleanup());

describe('Function: videoKeyframeHashes', () => {
  it('hashes evenly spaced frames, skipping the black ones', async () => {
    // Act: points at 1, 3, 5, 7, 9 s; 3 s is inside the black stretch.
    const hashes = await videoKeyframeHashes(file('video.mp4'), { durationSeconds: 10, count: 5 });

    // Assess
    expect(hashes.map((frame) => frame.timeSeconds)).toEqual([1, 5, 7, 9]);
    expect(hashes.every((frame) => /^[0-9a-f]{16}$/.test(frame.hash))).toBe(true);
    expect(new Set(hashes.map((frame) => frame.hash)).size).toBe(4);
  });

  it('finds a re-encoded, downscaled copy near and a different video far', { timeout: 30_000 }, async () => {
    // Act
    const original = (await videoKeyframeHashes(file('video.mp4'), { durationSeconds: 10 })).map((frame) => frame.hash);
    const copy = (await videoKeyframeHashes(file('reencoded.mp4'), { durationSeconds: 10 })).map((frame) => frame.hash);
    const other = (await videoKeyframeHashes(file('other.mp4'), { durationSeconds: 10 })).map((frame) => frame.hash);

    // Assess
    expect(perceptualDistance(original, copy)).toBeLessThanOrEqual(4);
    expect(perceptualDistance(original, other)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE + 6);
  });

  it('bounds the number of frames', { timeout: 30_000 }, async () => {
    const hashes = await videoKeyframeHashes(file('video.mp4'), { durationSeconds: 10, count: 1000 });

    expect(hashes.length).toBeLessThanOrEqual(16);
  });

  it('returns no hashes for an all-black video', async () => {
    expect(await videoKeyframeHashes(file('black.mp4'), { durationSeconds: 2 })).toEqual([]);
  });

  it('refuses a truncated video as corrupt', async () => {
    await expect(videoKeyframeHashes(file('truncated.mp4'), { durationSeconds: null })).rejects.toBeInstanceOf(CorruptMediaError);
  });
});
