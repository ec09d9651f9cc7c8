/**
 * Previews users see in the library: an image thumbnail (WebP, longest side 512, upright by EXIF
 * orientation) and, for videos, a poster frame (JPEG, longest side at most 1280) picked to be
 * representative — not black, not the first frame of a fade-in — plus a thumbnail made from it.
 * Each returns the encoded bytes; the caller stores them (`previewKey` in infra/storage.ts).
 */
import sharp from 'sharp';
import { ffmpegBinary } from './binaries';
import { CorruptMediaError } from './errors';
import type { ImageLimits } from './image-input';
import { toMediaError } from './image-input';
import { failureReason, runProcess } from './run-process';
import type { UprightPixels } from './upright-pixels';
import { UPRIGHT_SIDE, decodeUpright, pixelsPipeline } from './upright-pixels';

/** Longest side of thumbnails, px. */
export const THUMBNAIL_SIDE = UPRIGHT_SIDE;
/** Longest side of video posters, px. */
export const POSTER_SIDE = 1280;

export interface Preview {
  bytes: Buffer;
  contentType: 'image/webp' | 'image/jpeg';
  width: number;
  height: number;
}

/** A WebP thumbnail of the image file (first frame of an animation), rotated upright, never enlarged. */
export async function imageThumbnail(path: string, limits: ImageLimits = {}): Promise<Preview> {
  return thumbnailOfUpright(await decodeUpright(path, limits));
}

/** A WebP thumbnail from an already decoded image (see `decodeUpright`: already at most 512 px). */
export async function thumbnailOfUpright(pixels: UprightPixels): Promise<Preview> {
  const { data, info } = await pixelsPipeline(pixels)
    .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80, effort: 2 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType: 'image/webp', width: info.width, height: info.height };
}

export interface PosterOptions {
  /** From ffprobe; the poster is searched for from 10% of it. */
  durationSeconds: number | null;
  /** Frames considered by ffmpeg's `thumbnail` filter. @default 60 */
  candidateFrames?: number;
  /** @default 60000 */
  timeoutMs?: number;
}

/**
 * A representative JPEG frame of the video: from 10% into it (past intros and fade-ins), black
 * frames dropped (`blackframe` + `metadata` select), then ffmpeg's `thumbnail` filter picks among
 * the next frames the one closest to their average colour histogram. Falls back to the frame at 10%
 * when every candidate is black. Rotated upright and square-pixelled like a player shows it.
 */
export async function videoPoster(path: string, options: PosterOptions): Promise<Preview> {
  const start = options.durationSeconds && options.durationSeconds > 0 ? options.durationSeconds * 0.1 : 0;
  const candidates = options.candidateFrames ?? 60;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const fit = `scale=w='iw*sar':h=ih,setsar=1,scale=w='min(${POSTER_SIDE},iw)':h='min(${POSTER_SIDE},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2`;
  const chosen = await extractFrame(
    path,
    start,
    // blackframe tags every frame (amount=0) with its share of dark pixels; metadata keeps those under 90%.
    `blackframe=amount=0:threshold=24,metadata=mode=select:key=lavfi.blackframe.pblack:value=90:function=less,thumbnail=n=${candidates},${fit}`,
    timeoutMs,
  );
  const bytes =
    chosen ??
    (await extractFrame(path, start, fit, timeoutMs)) ??
    // Some streams flag every frame as unreferenced (intra-only H.264): decode everything.
    (await extractFrame(path, start, fit, timeoutMs, { skipUnreferenced: false })) ??
    (await extractFrame(path, 0, fit, timeoutMs, { skipUnreferenced: false }));
  if (!bytes) {
    throw new CorruptMediaError('the video has no decodable picture for a poster frame');
  }
  const info = await sharp(bytes).metadata();
  return { bytes, contentType: 'image/jpeg', width: info.width ?? 0, height: info.height ?? 0 };
}

/** A WebP thumbnail of a video, from its poster frame. */
export async function videoThumbnail(poster: Preview): Promise<Preview> {
  try {
    const { data, info } = await sharp(poster.bytes)
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80, effort: 2 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: 'image/webp', width: info.width, height: info.height };
  } catch (error) {
    throw toMediaError(error);
  }
}

/** One JPEG frame from `start` through `filters`, or null when the filters let no frame through. */
async function extractFrame(
  path: string,
  start: number,
  filters: string,
  timeoutMs: number,
  { skipUnreferenced = true } = {},
): Promise<Buffer | null> {
  const input = `file:${path}`;
  const result = await runProcess(
    ffmpegBinary(),
    [
      '-hide_banner', '-nostats', '-v', 'error',
      // Frames nothing refers to are skipped (faster seeking); the poster is then a reference frame, the sharper kind.
      ...(skipUnreferenced ? ['-skip_frame', 'noref'] : []),
      '-ss', String(start), '-i', input,
      '-map', '0:v:0', '-an', '-sn', '-dn',
      '-vf', filters,
      '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2pipe', '-',
    ],
    { timeoutMs, maxStdoutBytes: 32 * 1024 * 1024 },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the video cannot be decoded: ${failureReason(result.tailLines, input)}`);
  }
  return result.stdout.length > 0 ? result.stdout : null;
}
