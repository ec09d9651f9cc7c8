import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageTooLargeError } from '../../../../../functions/core/media/errors';
import { imageThumbnail, videoPoster, videoThumbnail } from '../../../../../functions/core/media/previews';
import { makeMediaDir, sceneImage, writeBombPng, writePhotoJpeg, writeTestVideo } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writePhotoJpeg(file('portrait.jpg'), { seed: 41 }, { orientation: 6 });
  await sharp(await sceneImage({ seed: 42, width: 300, height: 200 })).png().toFile(file('small.png'));
  await writeBombPng(file('bomb.png'));
  // Black from 0.5 s to 2.5 s covers the 10% point (1 s) where the poster search starts.
  await writeTestVideo(file('video.mp4'), { seconds: 10, black: [0.5, 2.5] });
  await writeTestVideo(file('all-black.mp4'), { seconds: 3, black: [0, 3], audio: false });
}, 60_000);

afterAll(() => cleanup());

async function meanLuminance(bytes: Buffer): Promise<number> {
  const { channels } = await sharp(bytes).toColourspace('b-w').stats();
  return channels[0]?.mean ?? 0;
}

describe('Function: imageThumbnail', () => {
  it('makes an upright WebP with a longest side of 512', async () => {
    // Act: the stored pixels are 1600×1200 with EXIF orientation 6 (shown as 1200×1600).
    const thumbnail = await imageThumbnail(file('portrait.jpg'));

    // Assess
    expect(thumbnail).toMatchObject({ contentType: 'image/webp', width: 384, height: 512 });
    const decoded = await sharp(thumbnail.bytes).metadata();
    expect(decoded).toMatchObject({ format: 'webp', width: 384, height: 512 });
  });

  it('never enlarges a small image', async () => {
    const thumbnail = await imageThumbnail(file('small.png'));

    expect(thumbnail).toMatchObject({ width: 300, height: 200 });
  });

  it('refuses a decompression bomb', async () => {
    await expect(imageThumbnail(file('bomb.png'))).rejects.toBeInstanceOf(ImageTooLargeError);
  });
});

describe('Function: videoPoster', () => {
  it('picks a picture, not the black stretch at 10% of the video', async () => {
    // Act
    const poster = await videoPoster(file('video.mp4'), { durationSeconds: 10 });

    // Assess
    expect(poster).toMatchObject({ contentType: 'image/jpeg', width: 640, height: 360 });
    expect(poster.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await meanLuminance(poster.bytes)).toBeGreaterThan(40);
  });

  it('still gives a frame when every frame is black', async () => {
    const poster = await videoPoster(file('all-black.mp4'), { durationSeconds: 3 });

    expect(poster.width).toBe(640);
    expect(await meanLuminance(poster.bytes)).toBeLessThan(20);
  });
});

describe('Function: videoThumbnail', () => {
  it('makes a 512-wide WebP from the poster', async () => {
    const poster = await videoPoster(file('video.mp4'), { durationSeconds: 10 });

    const thumbnail = await videoThumbnail(poster);

    expect(thumbnail).toMatchObject({ contentType: 'image/webp', width: 512, height: 288 });
  });
});
