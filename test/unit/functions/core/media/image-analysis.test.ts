import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageTooLargeError } from '../../../../../functions/core/media/errors';
import { analyzeImage } from '../../../../../functions/core/media/image-analysis';
import { readImageMetadata } from '../../../../../functions/core/media/image-metadata';
import { measureImageQuality } from '../../../../../functions/core/media/image-quality';
import { imagePerceptualHash } from '../../../../../functions/core/media/perceptual-hash';
import { imageThumbnail } from '../../../../../functions/core/media/previews';
import { makeMediaDir, writeBombPng, writePhotoJpeg } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writePhotoJpeg(file('photo.jpg'), { seed: 61 }, { make: 'Mediagraph', gps: { latitude: 59.3293, longitude: 18.0686 }, orientation: 8 });
  await writeBombPng(file('bomb.png'));
}, 60_000);

afterAll(() => cleanup());

describe('Function: analyzeImage', () => {
  it('gives the same metadata, quality, thumbnail size and hash as the separate steps', async () => {
    // Act
    const analysis = await analyzeImage(file('photo.jpg'));

    // Assess
    expect(analysis.metadata).toEqual(await readImageMetadata(file('photo.jpg')));
    expect(analysis.quality).toEqual(await measureImageQuality(file('photo.jpg')));
    expect(analysis.perceptualHash).toBe(await imagePerceptualHash(file('photo.jpg')));
    const thumbnail = await imageThumbnail(file('photo.jpg'));
    expect(analysis.thumbnail).toMatchObject({ contentType: 'image/webp', width: thumbnail.width, height: thumbnail.height });
    // Orientation 8 turns the stored 1600×1200 upright to 1200×1600.
    expect(analysis.thumbnail).toMatchObject({ width: 384, height: 512 });
    expect(analysis.metadata.gps?.latitude).toBeCloseTo(59.3293, 5);
    expect(analysis.quality.megapixels).toBe(1.92);
  });

  it('refuses a decompression bomb before decoding', async () => {
    const started = performance.now();

    await expect(analyzeImage(file('bomb.png'))).rejects.toBeInstanceOf(ImageTooLargeError);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
