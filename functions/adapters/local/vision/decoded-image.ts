/**
 * Turns an encoded image (JPEG, PNG, WebP, ...) into RGB pixels once for all local vision adapters:
 * the image analyzer hands the same Buffer to labels, faces, text and moderation, and decoding a
 * 12-megapixel JPEG costs more than some of the models. Decodes are cached per Buffer object (a
 * WeakMap: they go when the Buffer goes). EXIF orientation is applied, as a viewer shows the photo,
 * and the long side is capped: every model resizes to ≤ 960 px anyway.
 */
import sharp from 'sharp';

/** RGB pixels, 3 bytes each, row by row. */
export interface DecodedImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** The bytes are not an image sharp can decode. */
export class UnreadableImageError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The file is not an image that can be decoded (JPEG, PNG, WebP, GIF, TIFF, AVIF, SVG)', options);
    this.name = 'UnreadableImageError';
  }
}

/** Long side of decoded images, in pixels. @default 1280 */
export const DEFAULT_MAX_SIDE = 1280;

const decodes = new WeakMap<Buffer, Map<number, Promise<DecodedImage>>>();

/**
 * The image's RGB pixels, the long side at most `maxSide` (never enlarged). Concurrent callers with
 * the same Buffer share one decode.
 * @throws UnreadableImageError when the bytes cannot be decoded
 */
export function decodeImage(image: Buffer, maxSide: number = DEFAULT_MAX_SIDE): Promise<DecodedImage> {
  let bySize = decodes.get(image);
  if (!bySize) {
    bySize = new Map();
    decodes.set(image, bySize);
  }
  const cached = bySize.get(maxSide);
  if (cached) return cached;
  const decoding = decode(image, maxSide);
  bySize.set(maxSide, decoding);
  decoding.catch(() => bySize.delete(maxSide));
  return decoding;
}

async function decode(image: Buffer, maxSide: number): Promise<DecodedImage> {
  try {
    const { data, info } = await sharp(image, { failOn: 'error' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (error) {
    throw new UnreadableImageError({ cause: error });
  }
}
