/**
 * A 64-bit perceptual hash (pHash, after Zauner, "Implementation and Benchmarking of Perceptual
 * Image Hash Functions", 2010, and phash.org's DCT hash): the image, upright (EXIF orientation
 * applied), greyscale and squashed to 32×32, goes through a 2-D DCT-II; the 8×8 lowest
 * frequencies without the DC row and column (u, v = 1…8) are compared with their median, one bit
 * each. Re-encoding, resizing and brightness changes move few bits; different pictures differ in
 * about half. Implemented on sharp's raw pixels (from the shared upright decode): no extra dependency.
 */
import sharp from 'sharp';
import type { ImageLimits } from './image-input';
import type { UprightPixels } from './upright-pixels';
import { decodeUpright, pixelsPipeline } from './upright-pixels';

const SIZE = 32;
const LOW = 8;

/** cos((2x + 1)·u·π / 64) for u = 0…8, x = 0…31: the DCT-II basis, computed once. */
const basis: Float64Array[] = Array.from({ length: LOW + 1 }, (_, u) =>
  Float64Array.from({ length: SIZE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE))),
);

/** The image file's pHash as 16 lower-case hex characters (bit 63 first). */
export async function imagePerceptualHash(path: string, limits: ImageLimits = {}): Promise<string> {
  return hashOfUpright(await decodeUpright(path, limits));
}

/** The pHash of an already decoded image (see `decodeUpright`); transparent areas count as white. */
export async function hashOfUpright(pixels: UprightPixels): Promise<string> {
  const { data } = await pixelsPipeline(pixels)
    .flatten({ background: '#ffffff' })
    .resize(SIZE, SIZE, { fit: 'fill' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return hashOf32x32(data);
}

/** The pHash of a raw 8-bit greyscale frame of any size (e.g. a video frame from ffmpeg), resized like an image file. */
export async function greyFramePerceptualHash(grey: Buffer, width: number, height: number): Promise<string> {
  const { data } = await sharp(grey, { raw: { width, height, channels: 1 } })
    .resize(SIZE, SIZE, { fit: 'fill' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return hashOf32x32(data);
}

/** The pHash of 32×32 greyscale pixels (row-major). Pure; exported for tests. */
export function hashOf32x32(pixels: Uint8Array): string {
  if (pixels.length !== SIZE * SIZE) {
    throw new RangeError(`expected ${SIZE * SIZE} pixels, got ${pixels.length}`);
  }
  // Separable DCT: rows first (only the 9 lowest horizontal frequencies are needed), then columns.
  const rows: Float64Array[] = Array.from({ length: LOW + 1 }, () => new Float64Array(SIZE));
  for (let y = 0; y < SIZE; y++) {
    for (let u = 1; u <= LOW; u++) {
      const cos = basis[u]!;
      let sum = 0;
      for (let x = 0; x < SIZE; x++) {
        sum += pixels[y * SIZE + x]! * cos[x]!;
      }
      rows[u]![y] = sum;
    }
  }
  const coefficients: number[] = [];
  for (let v = 1; v <= LOW; v++) {
    const cos = basis[v]!;
    for (let u = 1; u <= LOW; u++) {
      const row = rows[u]!;
      let sum = 0;
      for (let y = 0; y < SIZE; y++) {
        sum += row[y]! * cos[y]!;
      }
      coefficients.push(sum);
    }
  }
  const sorted = [...coefficients].sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) {
      value = (value << 1) | (coefficients[nibble * 4 + bit]! > median ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

/** Number of differing bits between two 16-hex-character hashes (0 = same picture, ~32 = unrelated). */
export function hammingDistance(a: string, b: string): number {
  if (!isPerceptualHash(a) || !isPerceptualHash(b)) {
    throw new RangeError(`perceptual hashes must be 16 hex characters, got "${a}" and "${b}"`);
  }
  let distance = 0;
  for (let i = 0; i < 16; i += 8) {
    let diff = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (diff !== 0) {
      diff &= diff - 1;
      distance++;
    }
  }
  return distance;
}

/** True for a 64-bit hash written as 16 hex characters. */
export function isPerceptualHash(value: string): boolean {
  return /^[0-9a-f]{16}$/i.test(value);
}
