import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_DISTANCE } from '../../../../../functions/core/dedupe';
import { ImageTooLargeError } from '../../../../../functions/core/media/errors';
import {
  greyFramePerceptualHash,
  hammingDistance,
  hashOf32x32,
  imagePerceptualHash,
  isPerceptualHash,
} from '../../../../../functions/core/media/perceptual-hash';
import type { VariantName } from '../../../../support/media';
import { makeMediaDir, writeBombPng, writePhotoJpeg, writeVariant } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);
const variants: VariantName[] = ['resized', 'brightened', 'jpegQ50', 'cropped2', 'blurred'];

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  // The original carries EXIF orientation 6; editors' copies have the rotation baked in.
  await writePhotoJpeg(file('original.jpg'), { seed: 31 }, { orientation: 6 });
  for (const variant of variants) {
    await writeVariant(file('original.jpg'), variant, file(`${variant}.jpg`));
  }
  await writePhotoJpeg(file('different.jpg'), { seed: 32 });
  await writeBombPng(file('bomb.png'));
}, 60_000);

afterAll(() => cleanup());

describe('Function: imagePerceptualHash', () => {
  it('returns 64 bits as 16 hex characters', async () => {
    const hash = await imagePerceptualHash(file('original.jpg'));

    expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each(variants)('keeps a %s copy within the near-duplicate distance', async (variant) => {
    // Act
    const original = await imagePerceptualHash(file('original.jpg'));
    const copy = await imagePerceptualHash(file(`${variant}.jpg`));

    // Assess
    expect(hammingDistance(original, copy)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
  });

  it('puts a different picture at 22 bits or more', async () => {
    const original = await imagePerceptualHash(file('original.jpg'));
    const different = await imagePerceptualHash(file('different.jpg'));

    expect(hammingDistance(original, different)).toBeGreaterThanOrEqual(22);
  });

  it('hashes the upright picture: the EXIF-rotated original matches its baked copy, not its unrotated pixels', async () => {
    // Prepare: the same pixels without the orientation tag show the picture on its side.
    await sharp(file('original.jpg')).jpeg().toFile(file('sideways.jpg'));

    // Act
    const original = await imagePerceptualHash(file('original.jpg'));
    const sideways = await imagePerceptualHash(file('sideways.jpg'));
    const baked = await imagePerceptualHash(file('resized.jpg'));

    // Assess
    expect(hammingDistance(original, baked)).toBeLessThanOrEqual(4);
    expect(hammingDistance(original, sideways)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE);
  });

  it('refuses a decompression bomb', async () => {
    await expect(imagePerceptualHash(file('bomb.png'))).rejects.toBeInstanceOf(ImageTooLargeError);
  });
});

describe('Function: greyFramePerceptualHash', () => {
  it('hashes raw greyscale frames like image files', async () => {
    // Prepare
    const { data, info } = await sharp(file('resized.jpg')).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });

    // Act
    const fromFrame = await greyFramePerceptualHash(data, info.width, info.height);

    // Assess
    expect(hammingDistance(fromFrame, await imagePerceptualHash(file('resized.jpg')))).toBeLessThanOrEqual(2);
  });
});

describe('Function: hashOf32x32', () => {
  it('splits the 64 low frequencies at their median: 32 bits set', () => {
    const gradient = Uint8Array.from({ length: 1024 }, (_, i) => ((i % 32) * 5 + Math.floor(i / 32) * 3) % 256);

    const hash = hashOf32x32(gradient);

    const ones = [...hash].reduce((sum, hex) => sum + parseInt(hex, 16).toString(2).replace(/0/g, '').length, 0);
    expect(ones).toBe(32);
  });

  it('insists on 32×32 pixels', () => {
    expect(() => hashOf32x32(new Uint8Array(10))).toThrow(RangeError);
  });
});

describe('Function: hammingDistance', () => {
  it('counts differing bits across all 64', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('F0F0F0F0F0F0F0F0', 'f0f0f0f0f0f0f0f0')).toBe(0);
  });

  it('refuses values that are not 64-bit hex hashes', () => {
    expect(isPerceptualHash('xyz')).toBe(false);
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(RangeError);
  });
});
