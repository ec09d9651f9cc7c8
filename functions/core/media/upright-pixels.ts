/**
 * The one decode every image analysis shares: the picture upright (EXIF orientation applied),
 * in sRGB, no larger than 512 px on its longest side, as raw 8-bit pixels. The thumbnail is
 * encoded from it, sharpness and exposure are measured on it, and the perceptual hash is computed
 * from it — so `analyzeImage` decodes a 12-megapixel JPEG once (with libjpeg's shrink-on-load),
 * not three times.
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { ImageLimits } from './image-input';
import { openImage, readImageHeader, toMediaError } from './image-input';

/** Longest side of the shared decode: the thumbnail size, and the analysis size. */
export const UPRIGHT_SIDE = 512;

export interface UprightPixels {
  /** Raw interleaved 8-bit samples, row-major. */
  data: Buffer;
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA). */
  channels: 3 | 4;
  /** Stored size of the original (before orientation), for resolution figures. */
  originalWidth: number;
  originalHeight: number;
}

/**
 * Decodes the image file (first frame of an animation) to upright pixels of at most 512 px,
 * never enlarging. Refuses it first from its header when above the pixel limit
 * (`ImageTooLargeError`); undecodable data gives `CorruptMediaError`.
 */
export async function decodeUpright(path: string, limits: ImageLimits = {}): Promise<UprightPixels> {
  const header = await readImageHeader(path, limits);
  try {
    const { data, info } = await openImage(path, limits)
      .rotate()
      .resize(UPRIGHT_SIDE, UPRIGHT_SIDE, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const channels = info.channels === 4 ? 4 : 3;
    if (info.channels !== channels) {
      throw new Error(`expected 3 or 4 channels after conversion to sRGB, got ${info.channels}`);
    }
    return {
      data,
      width: info.width,
      height: info.height,
      channels,
      originalWidth: header.width ?? info.width,
      originalHeight: header.pageHeight ?? header.height ?? info.height,
    };
  } catch (error) {
    throw toMediaError(error, limits.maxPixels);
  }
}

/** A sharp pipeline over decoded pixels, for the steps that follow the shared decode. */
export function pixelsPipeline(pixels: Pick<UprightPixels, 'data' | 'width' | 'height' | 'channels'>): Sharp {
  return sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } });
}

/** The pixels as 8-bit greyscale (transparent areas over white), same size. */
export async function greyscaleOf(pixels: UprightPixels): Promise<Buffer> {
  const { data } = await pixelsPipeline(pixels).flatten({ background: '#ffffff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return data;
}
