/**
 * Everything ingest needs from an image in one call: metadata (header and EXIF, no decoding),
 * then one shared upright decode (see `upright-pixels.ts`) feeding quality, thumbnail and
 * perceptual hash. Same results as calling `readImageMetadata`, `measureImageQuality`,
 * `imageThumbnail` and `imagePerceptualHash` one by one, at about half the cost.
 */
import type { ImageLimits } from './image-input';
import type { ImageMetadata } from './image-metadata';
import { readImageMetadata } from './image-metadata';
import type { ImageQuality } from './image-quality';
import { qualityOfUpright } from './image-quality';
import { hashOfUpright } from './perceptual-hash';
import type { Preview } from './previews';
import { thumbnailOfUpright } from './previews';
import { decodeUpright } from './upright-pixels';

export interface ImageAnalysis {
  metadata: ImageMetadata;
  quality: ImageQuality;
  /** WebP, longest side 512, upright. */
  thumbnail: Preview;
  /** 64-bit pHash, 16 hex characters. */
  perceptualHash: string;
}

/**
 * Analyses the image file. A decompression bomb is refused from its header before any decoding
 * (`ImageTooLargeError`); undecodable files give `CorruptMediaError` or `UnsupportedFormatError`.
 */
export async function analyzeImage(path: string, limits: ImageLimits = {}): Promise<ImageAnalysis> {
  const metadata = await readImageMetadata(path, limits);
  const pixels = await decodeUpright(path, limits);
  const [quality, thumbnail, perceptualHash] = await Promise.all([
    qualityOfUpright(pixels),
    thumbnailOfUpright(pixels),
    hashOfUpright(pixels),
  ]);
  return { metadata, quality, thumbnail, perceptualHash };
}
