import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegBinary } from '../../../../../functions/core/media/binaries';
import { CorruptMediaError, ImageTooLargeError } from '../../../../../functions/core/media/errors';
import { gpsOf, readImageMetadata, takenAtOf } from '../../../../../functions/core/media/image-metadata';
import { makeMediaDir, sceneImage, writeBombPng, writePhotoJpeg, writeTruncated } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writePhotoJpeg(
    file('paris.jpg'),
    { seed: 11 },
    {
      make: 'Mediagraph',
      model: 'TestCam 1',
      takenAt: '2024:05:01 12:34:56',
      offset: '+02:00',
      gps: { latitude: 48.8584, longitude: 2.2945, altitude: 35.5 },
      orientation: 6,
    },
  );
  await writePhotoJpeg(file('dead-sea.jpg'), { seed: 12, width: 800, height: 600 }, { gps: { latitude: -31.5, longitude: -70.6693, altitude: 12.25 } });
  await sharp(await sceneImage({ seed: 13, width: 400, height: 300 })).ensureAlpha(0.5).png().toFile(file('plain.png'));
  await promisify(execFile)(ffmpegBinary(), ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=10', '-t', '1', file('animated.gif')]);
  await writeBombPng(file('bomb.png'));
  await writeTruncated(file('paris.jpg'), file('cut.jpg'), 0.002);
}, 60_000);

afterAll(() => cleanup());

describe('Function: readImageMetadata', () => {
  it('reads camera, time taken and GPS written into the EXIF', async () => {
    // Act
    const metadata = await readImageMetadata(file('paris.jpg'));

    // Assess
    expect(metadata.camera).toMatchObject({ make: 'Mediagraph', model: 'TestCam 1' });
    expect(metadata.takenAt).toBe('2024-05-01T12:34:56+02:00');
    expect(metadata.gps?.latitude).toBeCloseTo(48.8584, 5);
    expect(metadata.gps?.longitude).toBeCloseTo(2.2945, 5);
    expect(metadata.gps?.altitude).toBeCloseTo(35.5, 2);
    expect(metadata.exifProblem).toBeNull();
  });

  it('applies the EXIF orientation to the displayed size only', async () => {
    const metadata = await readImageMetadata(file('paris.jpg'));

    expect(metadata).toMatchObject({ width: 1600, height: 1200, orientation: 6, displayWidth: 1200, displayHeight: 1600, megapixels: 1.92 });
  });

  it('signs southern latitudes and western longitudes', async () => {
    const metadata = await readImageMetadata(file('dead-sea.jpg'));

    expect(metadata.gps?.latitude).toBeCloseTo(-31.5, 5);
    expect(metadata.gps?.longitude).toBeCloseTo(-70.6693, 5);
    expect(metadata.gps?.altitude).toBeCloseTo(12.25, 2);
    expect(metadata.camera).toBeNull();
    expect(metadata.takenAt).toBeNull();
  });

  it('describes colour, alpha and the absence of EXIF in a PNG', async () => {
    const metadata = await readImageMetadata(file('plain.png'));

    expect(metadata).toMatchObject({
      format: 'png',
      width: 400,
      height: 300,
      orientation: 1,
      colorSpace: 'srgb',
      hasAlpha: true,
      channels: 4,
      bitsPerSample: 8,
      frames: 1,
      animated: false,
      camera: null,
      gps: null,
    });
  });

  it('counts the frames of an animated GIF', async () => {
    const metadata = await readImageMetadata(file('animated.gif'));

    expect(metadata).toMatchObject({ format: 'gif', width: 160, height: 120, frames: 10, animated: true });
  });

  it('refuses a decompression bomb from its header, before decoding, quickly', async () => {
    // Prepare
    const started = performance.now();

    // Act
    const refusal = await readImageMetadata(file('bomb.png')).catch((error: unknown) => error);

    // Assess
    const elapsedMs = performance.now() - started;
    expect(refusal).toBeInstanceOf(ImageTooLargeError);
    expect((refusal as ImageTooLargeError).message).toBe(
      'the image is 30000×30000 (900.0 megapixels), more than the limit of 100.0 megapixels',
    );
    expect(elapsedMs).toBeLessThan(500);
  });

  it('takes a configurable pixel limit', async () => {
    const refusal = await readImageMetadata(file('paris.jpg'), { maxPixels: 1_000_000 }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ImageTooLargeError);
    expect((refusal as ImageTooLargeError).permanent).toBe(true);
  });

  it('refuses a file cut inside its header as corrupt, with the decoder’s reason', async () => {
    const refusal = await readImageMetadata(file('cut.jpg')).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(CorruptMediaError);
    expect((refusal as Error).message).toMatch(/^the image cannot be decoded: .+/);
  });
});

describe('Function: takenAtOf', () => {
  it('falls back from DateTimeOriginal to CreateDate and ignores zeroed dates', () => {
    expect(takenAtOf({ DateTimeOriginal: '0000:00:00 00:00:00', CreateDate: '2020:01:02 03:04:05' })).toBe('2020-01-02T03:04:05');
    expect(takenAtOf({ DateTimeOriginal: 'garbage' })).toBeNull();
  });
});

describe('Function: gpsOf', () => {
  it('drops positions outside the globe and signs altitudes below sea level (GPSAltitudeRef 1)', () => {
    expect(gpsOf({ latitude: 91, longitude: 0 })).toBeNull();
    expect(gpsOf({ latitude: 10, longitude: 20, GPSAltitude: 5, GPSAltitudeRef: new Uint8Array([1]) })).toEqual({
      latitude: 10,
      longitude: 20,
      altitude: -5,
    });
  });
});
