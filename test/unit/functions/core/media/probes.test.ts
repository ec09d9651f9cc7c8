import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentTypeMismatchError, ToolTimeoutError } from '../../../../../functions/core/media/errors';
import { mediaProbes } from '../../../../../functions/core/media/probes';
import { makeMediaDir, textSamples, writeClip, writePhotoJpeg, writeTestVideo, writeText, writeVariant } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writePhotoJpeg(file('photo.jpg'), { seed: 71 }, { gps: { latitude: 40.4168, longitude: -3.7038 } });
  await writeVariant(file('photo.jpg'), 'jpegQ50', file('photo-q50.jpg'));
  await writeTestVideo(file('video.mp4'), { seconds: 4, black: [0, 1] });
  await writeClip(file('sound.m4a'), { video: false, codecArgs: ['-c:a', 'aac'] });
  await writeText(file('notes.md'), textSamples.markdown);
}, 60_000);

afterAll(() => cleanup());

describe('Object: mediaProbes', () => {
  it('identifies an image and analyses it: EXIF, quality, thumbnail, one hash', async () => {
    // Act
    const detected = await mediaProbes.identify(file('photo.jpg'), 'image/jpeg');
    const metadata = await mediaProbes.metadata(file('photo.jpg'), detected);
    const quality = await mediaProbes.quality(file('photo.jpg'), detected, metadata);
    const previews = await mediaProbes.previews(file('photo.jpg'), detected);
    const hashes = await mediaProbes.perceptualHashes(file('photo.jpg'), detected);
    mediaProbes.release(file('photo.jpg'));

    // Assess
    expect(detected).toEqual({ mime: 'image/jpeg', mediaType: 'IMAGE', format: 'a JPEG image' });
    expect(metadata).toMatchObject({ width: 1600, height: 1200, gps: { latitude: 40.4168, longitude: -3.7038 } });
    expect(quality).toMatchObject({ megapixels: 1.92 });
    expect(previews.poster).toBeNull();
    expect((await sharp(previews.thumbnail!).metadata()).format).toBe('webp');
    expect(hashes).toHaveLength(1);
    expect(mediaProbes.hashBands(hashes)).toHaveLength(8);
  });

  it('decides audio from the streams of an MP4-family file', async () => {
    const detected = await mediaProbes.identify(file('sound.m4a'), 'audio/mp4');
    const quality = await mediaProbes.quality(file('sound.m4a'), detected, {});
    mediaProbes.release(file('sound.m4a'));

    expect(detected.mediaType).toBe('AUDIO');
    expect(quality).toHaveProperty('integratedLufs');
  });

  it('analyses a video: streams, black stretch, sound, poster and keyframe hashes', async () => {
    const detected = await mediaProbes.identify(file('video.mp4'), 'video/mp4');
    const metadata = await mediaProbes.metadata(file('video.mp4'), detected);
    const quality = await mediaProbes.quality(file('video.mp4'), detected, metadata);
    const previews = await mediaProbes.previews(file('video.mp4'), detected);
    const hashes = await mediaProbes.perceptualHashes(file('video.mp4'), detected);
    mediaProbes.release(file('video.mp4'));

    expect(detected.mediaType).toBe('VIDEO');
    expect(metadata).toMatchObject({ durationSeconds: 4 });
    expect((quality.video as { blackRanges: unknown[] }).blackRanges).toHaveLength(1);
    expect(quality.audio).toHaveProperty('integratedLufs');
    expect(previews.poster!.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(previews.thumbnail).not.toBeNull();
    // Five points at 0.4, 1.2, 2, 2.8, 3.6 s; the first is in the black second.
    expect(hashes).toHaveLength(4);
  });

  it('counts text by streaming it', async () => {
    const detected = await mediaProbes.identify(file('notes.md'), 'text/markdown');
    const metadata = await mediaProbes.metadata(file('notes.md'), detected);
    mediaProbes.release(file('notes.md'));

    expect(detected).toMatchObject({ mime: 'text/markdown', mediaType: 'TEXT' });
    expect(metadata).toMatchObject({ lines: 8, words: 14, charset: 'utf-8', mime: 'text/markdown' });
  });

  it('refuses a file that lies about its type, as a permanent media error', async () => {
    const refusal = await mediaProbes.identify(file('photo.jpg'), 'image/png').catch((error: unknown) => error);
    mediaProbes.release(file('photo.jpg'));

    expect(refusal).toBeInstanceOf(ContentTypeMismatchError);
    expect((refusal as Error).message).toBe('declared image/png but the file is a JPEG image');
    expect(mediaProbes.isMediaError(refusal)).toBe(true);
    expect(mediaProbes.isMediaError(new ToolTimeoutError('ffmpeg', 10))).toBe(false);
    expect(mediaProbes.isMediaError(new Error('network'))).toBe(false);
  });

  it('forgets a file on release, so a new file at the same path is looked at afresh', async () => {
    // Prepare
    const path = file('reused.bin');
    await writeFile(path, textSamples.plain);
    expect((await mediaProbes.identify(path, 'text/plain')).mediaType).toBe('TEXT');

    // Act
    mediaProbes.release(path);
    await sharp(file('photo.jpg')).png().toFile(path);

    // Assess
    expect((await mediaProbes.identify(path, 'image/png')).mediaType).toBe('IMAGE');
    mediaProbes.release(path);
  });

  it('classifies duplicates as relations from the subject', async () => {
    const photo = await mediaProbes.perceptualHashes(file('photo.jpg'), { mime: 'image/jpeg', mediaType: 'IMAGE', format: 'a JPEG image' });
    const copy = await mediaProbes.perceptualHashes(file('photo-q50.jpg'), { mime: 'image/jpeg', mediaType: 'IMAGE', format: 'a JPEG image' });
    mediaProbes.release(file('photo.jpg'));
    mediaProbes.release(file('photo-q50.jpg'));

    const relations = mediaProbes.classifyDuplicates({ mediaId: 'a', sha256: 's1', perceptualHashes: photo }, [
      { mediaId: 'b', sha256: 's2', perceptualHashes: copy },
      { mediaId: 'c', sha256: 's1', perceptualHashes: [] },
    ]);

    expect(relations).toEqual([
      { mediaId: 'a', otherId: 'c', kind: 'EXACT', distance: 0 },
      { mediaId: 'a', otherId: 'b', kind: 'NEAR', distance: expect.any(Number) },
    ]);
  });
});
