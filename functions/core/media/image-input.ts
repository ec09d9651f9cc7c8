/**
 * Opening images safely. Every sharp pipeline in the media core starts here, so each one carries
 * the same pixel limit (a decompression bomb is refused from its header, before any pixels are
 * decoded) and the same strictness (a truncated file fails instead of decoding as grey), and
 * sharp's errors become typed media errors.
 */
import sharp from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import { CorruptMediaError, ImageTooLargeError, MediaError, UnsupportedFormatError } from './errors';

/** Default pixel limit per image (per frame): 100 megapixels, above any camera sold today (a 61 MP full-frame is 9504×6336). */
export const DEFAULT_MAX_IMAGE_PIXELS = 100_000_000;

export interface ImageLimits {
  /** Refuse images with more pixels than this, before decoding. @default DEFAULT_MAX_IMAGE_PIXELS */
  maxPixels?: number;
}

/**
 * Reads the image header only (no pixel decoding) and refuses it when width × height exceeds the
 * limit. Returns sharp's header metadata.
 */
export async function readImageHeader(path: string, limits: ImageLimits = {}): Promise<Metadata> {
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  let header: Metadata;
  try {
    // metadata() parses the header without decoding pixels, whatever the declared dimensions.
    header = await sharp(path, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw toMediaError(error);
  }
  const width = header.width ?? 0;
  const height = header.pageHeight ?? header.height ?? 0;
  if (width * height > maxPixels) {
    throw new ImageTooLargeError(width, height, maxPixels);
  }
  return header;
}

/**
 * A sharp pipeline over the file that refuses more than `maxPixels` pixels (sharp's
 * `limitInputPixels`, checked against the header before decoding) and fails on truncated data.
 * Call `readImageHeader` first for a typed error with the dimensions; this is the second fence.
 */
export function openImage(path: string | Buffer, limits: ImageLimits = {}): Sharp {
  return sharp(path, {
    limitInputPixels: limits.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS,
    failOn: 'truncated',
    sequentialRead: true,
  });
}

/** A sharp failure as a typed media error, with sharp's (libvips') reason in the message. */
export function toMediaError(error: unknown, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): MediaError {
  if (error instanceof MediaError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported image format/i.test(message)) {
    return new UnsupportedFormatError('the image format cannot be decoded', { cause: error });
  }
  if (/exceeds pixel limit/i.test(message)) {
    return new ImageTooLargeError(0, 0, maxPixels);
  }
  return new CorruptMediaError(`the image cannot be decoded: ${firstLine(message)}`, { cause: error });
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
