/**
 * Makes an image acceptable to Rekognition's image operations: JPEG or PNG, at most 5 MB as raw
 * bytes ("Limits in Amazon Rekognition": https://docs.aws.amazon.com/rekognition/latest/dg/limits.html).
 * Larger images are downscaled with sharp and re-encoded as JPEG; other formats (WebP, HEIF,
 * TIFF, GIF…) are converted. Boxes come back as fractions of the image, so scaling does not
 * change them.
 */
import sharp from 'sharp';

/**
 * Rekognition's limit for image bytes passed in the request. AWS writes "5 MB"; 5,000,000 bytes
 * is safe whichever megabyte it means.
 */
export const REKOGNITION_MAX_IMAGE_BYTES = 5_000_000;

/** The image cannot be brought under the limit (or is not an image sharp can read). */
export class ImagePreparationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImagePreparationError';
  }
}

const isJpeg = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
const isPng = (bytes: Uint8Array) => bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;

/**
 * Returns the image unchanged when Rekognition accepts it, else a JPEG that fits.
 * @returns bytes to send as `Image.Bytes`
 * @throws ImagePreparationError when the bytes are not a readable image or cannot be made to fit
 */
export async function prepareRekognitionImage(image: Uint8Array, maxBytes = REKOGNITION_MAX_IMAGE_BYTES): Promise<Uint8Array> {
  const supported = isJpeg(image) || isPng(image);
  if (supported && image.length <= maxBytes) return image;
  let longestSide: number;
  try {
    const metadata = await sharp(image).metadata();
    longestSide = Math.max(metadata.width ?? 0, metadata.height ?? 0);
  } catch (error) {
    throw new ImagePreparationError('The image could not be read (not a format sharp decodes)', { cause: error });
  }
  // First guess: bytes scale roughly with area.
  let scale = image.length > maxBytes ? Math.sqrt(maxBytes / image.length) : 1;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const resized = await sharp(image)
      .rotate() // bake EXIF orientation in: the re-encoded JPEG carries no EXIF
      .resize({ width: Math.max(1, Math.round(longestSide * scale)), height: Math.max(1, Math.round(longestSide * scale)), fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 })
      .toBuffer();
    if (resized.length <= maxBytes) return new Uint8Array(resized.buffer, resized.byteOffset, resized.length);
    scale *= Math.sqrt(maxBytes / resized.length) * 0.9;
  }
  throw new ImagePreparationError(`The image could not be brought under ${maxBytes} bytes`);
}
