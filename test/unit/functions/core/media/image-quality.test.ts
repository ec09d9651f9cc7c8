import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptMediaError, ImageTooLargeError } from '../../../../../functions/core/media/errors';
import { exposureOf, laplacianVariance, measureImageQuality } from '../../../../../functions/core/media/image-quality';
import { makeMediaDir, sceneImage, writeBombPng, writePhotoJpeg, writeTruncated, writeVariant } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writePhotoJpeg(file('sharp.jpg'), { seed: 21 });
  await writeVariant(file('sharp.jpg'), 'blurred', file('blurred.jpg'));
  await sharp(file('sharp.jpg')).modulate({ brightness: 0.12 }).jpeg().toFile(file('dark.jpg'));
  await sharp(file('sharp.jpg')).linear(2.2, 90).jpeg().toFile(file('blown.jpg'));
  await sharp(await sceneImage({ seed: 22, width: 320, height: 240 })).jpeg().toFile(file('small.jpg'));
  await writeTruncated(file('sharp.jpg'), file('half.jpg'), 0.5);
  await writeBombPng(file('bomb.png'));
}, 60_000);

afterAll(() => cleanup());

describe('Function: measureImageQuality', () => {
  it('finds a blurred copy much less sharp than the original and says so', async () => {
    // Act
    const original = await measureImageQuality(file('sharp.jpg'));
    const blurred = await measureImageQuality(file('blurred.jpg'));

    // Assess
    expect(blurred.sharpness).toBeLessThan(original.sharpness * 0.3);
    expect(blurred.score).toBeLessThan(original.score - 0.3);
    expect(blurred.reasons[0]).toMatch(/^blurry: sharpness/);
    expect(original.reasons).toEqual([]);
    expect(original.score).toBeGreaterThan(0.9);
  });

  it('reports resolution in megapixels and flags small images', async () => {
    const small = await measureImageQuality(file('small.jpg'));

    expect(small).toMatchObject({ width: 320, height: 240, megapixels: 0.077 });
    expect(small.reasons).toContain('low resolution: 0.077 megapixels');
  });

  it('flags a dark image as underexposed', async () => {
    const dark = await measureImageQuality(file('dark.jpg'));

    expect(dark.meanLuminance).toBeLessThan(0.15);
    expect(dark.reasons.some((reason) => reason.startsWith('underexposed: mean luminance'))).toBe(true);
  });

  it('flags blown-out highlights', async () => {
    const blown = await measureImageQuality(file('blown.jpg'));

    expect(blown.clippedHighlights).toBeGreaterThan(0.2);
    expect(blown.reasons.some((reason) => reason.startsWith('clipped highlights:'))).toBe(true);
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const started = performance.now();

    await expect(measureImageQuality(file('bomb.png'))).rejects.toBeInstanceOf(ImageTooLargeError);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a JPEG cut in half as corrupt instead of measuring grey', async () => {
    await expect(measureImageQuality(file('half.jpg'))).rejects.toBeInstanceOf(CorruptMediaError);
  });
});

describe('Function: laplacianVariance', () => {
  it('is 0 for a flat image and (4·255)² for a one-pixel checkerboard', () => {
    const flat = new Uint8Array(16 * 16).fill(128);
    const checkerboard = Uint8Array.from({ length: 16 * 16 }, (_, i) => ((i % 16) + Math.floor(i / 16)) % 2 === 0 ? 255 : 0);

    expect(laplacianVariance(flat, 16, 16)).toBe(0);
    expect(laplacianVariance(checkerboard, 16, 16)).toBe(1020 * 1020);
  });
});

describe('Function: exposureOf', () => {
  it('measures mean luminance and the shares at the extremes', () => {
    const pixels = Uint8Array.from([0, 0, 255, 128]);

    expect(exposureOf(pixels)).toEqual({ meanLuminance: 0.375, clippedShadows: 0.5, clippedHighlights: 0.25 });
  });
});
