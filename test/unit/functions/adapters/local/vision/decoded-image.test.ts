import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, UnreadableImageError } from '../../../../../../functions/adapters/local/vision/decoded-image';

const png = (width: number, height: number, colour = '#ff0000') => sharp({ create: { width, height, channels: 4, background: colour } }).png().toBuffer();

describe('Function: decodeImage', () => {
  it('gives RGB pixels without alpha', async () => {
    // Act
    const image = await decodeImage(await png(4, 3));

    // Assess
    expect([image.width, image.height, image.data.length]).toEqual([4, 3, 36]);
    expect([...image.data.slice(0, 3)]).toEqual([255, 0, 0]);
  });

  it('caps the long side without enlarging small images', async () => {
    const large = await decodeImage(await png(3000, 1500), 1000);
    const small = await decodeImage(await png(300, 150), 1000);

    expect([large.width, large.height]).toEqual([1000, 500]);
    expect([small.width, small.height]).toEqual([300, 150]);
  });

  it('turns the pixels as EXIF orientation says', async () => {
    // Prepare: stored 40 × 20, orientation 6 (rotate 90° clockwise to view)
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#00ff00' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();

    const image = await decodeImage(jpeg);

    expect([image.width, image.height]).toEqual([20, 40]);
  });

  it('decodes a Buffer once for all callers', async () => {
    const bytes = await png(8, 8);

    expect(decodeImage(bytes)).toBe(decodeImage(bytes));
    expect(decodeImage(bytes)).not.toBe(decodeImage(Buffer.from(bytes)));
  });

  it('rejects bytes that are not an image', async () => {
    await expect(decodeImage(Buffer.from('not an image'))).rejects.toBeInstanceOf(UnreadableImageError);
  });
});
