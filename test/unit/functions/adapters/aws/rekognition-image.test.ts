import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImagePreparationError, prepareRekognitionImage } from '../../../../../functions/adapters/aws/rekognition-image';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#aa3366' } });
const noise = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } });

describe('Function: prepareRekognitionImage', () => {
  it('passes a JPEG or PNG under the limit through untouched', async () => {
    // Prepare
    const png = await solid(200, 100).png().toBuffer();

    // Act
    const prepared = await prepareRekognitionImage(png);

    // Assess
    expect(prepared).toBe(png);
  });

  it('downscales an image over the limit into a JPEG that fits, keeping its aspect ratio', async () => {
    // Prepare: a 2:1 image of noise, ~1.2 MB as PNG, against a 200 kB limit
    const png = await noise(1000, 500).png({ compressionLevel: 0 }).toBuffer();

    // Act
    const prepared = await prepareRekognitionImage(png, 200_000);

    // Assess
    const metadata = await sharp(prepared).metadata();
    expect(prepared.length).toBeLessThanOrEqual(200_000);
    expect(metadata.format).toBe('jpeg');
    expect(metadata.width! / metadata.height!).toBeCloseTo(2, 1);
    expect(metadata.width).toBeLessThan(1000);
  });

  it('converts formats Rekognition does not accept (WebP) to JPEG at full size', async () => {
    // Prepare
    const webp = await solid(320, 240).webp().toBuffer();

    // Act
    const prepared = await prepareRekognitionImage(webp);

    // Assess
    const metadata = await sharp(prepared).metadata();
    expect(metadata.format).toBe('jpeg');
    expect([metadata.width, metadata.height]).toEqual([320, 240]);
  });

  it('bakes EXIF orientation in when it re-encodes', async () => {
    // Prepare: stored 300×100, displayed rotated (orientation 6 = 90° clockwise)
    const webp = await solid(300, 100).withMetadata({ orientation: 6 }).webp().toBuffer();

    // Act
    const prepared = await prepareRekognitionImage(webp);

    // Assess
    const metadata = await sharp(prepared).metadata();
    expect([metadata.width, metadata.height]).toEqual([100, 300]);
  });

  it('refuses bytes that are not an image', async () => {
    await expect(prepareRekognitionImage(Buffer.from('not an image at all'))).rejects.toBeInstanceOf(ImagePreparationError);
  });
});
