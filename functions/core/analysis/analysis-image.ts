/**
 * The picture the vision models see: the original decoded once (pixel limit and strictness as
 * ingest's, see media/image-input.ts), turned upright by its EXIF orientation, the long side at
 * most `maxSide`, as a JPEG. One Buffer for labels, faces, text and moderation (the local adapters
 * decode it once for all four; Rekognition takes up to 5 MB of JPEG bytes).
 */
import { openImage, readImageHeader, toMediaError } from '../media/image-input';

/**
 * @returns JPEG bytes of the first frame, upright, never enlarged
 * @throws a MediaError (CorruptMediaError, ImageTooLargeError, UnsupportedFormatError) when it cannot be decoded
 */
export async function prepareAnalysisImage(file: string, maxSide: number): Promise<Buffer> {
  await readImageHeader(file);
  try {
    return await openImage(file)
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
  } catch (error) {
    throw toMediaError(error);
  }
}
