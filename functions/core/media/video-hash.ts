/**
 * Perceptual hashes of a video: the pHash of a few frames at evenly spaced points, so a
 * re-encoded or resized copy of a video can be found like a copy of a photo (see
 * `perceptualDistance` in functions/core/dedupe.ts). The count is bounded whatever the length, and
 * each frame costs one seek plus the decoding from the keyframe before it, never a pass over the
 * whole file. Seeks are exact (not to the nearest keyframe): another encoding of the same video
 * puts its keyframes elsewhere, and the frames compared must show the same moment.
 */
import { ffmpegBinary } from './binaries';
import { CorruptMediaError } from './errors';
import { greyFramePerceptualHash } from './perceptual-hash';
import { failureReason, runProcess } from './run-process';

export interface KeyframeHash {
  /** Where the frame was sought (seconds); the keyframe used is at or just before it. */
  timeSeconds: number;
  hash: string;
}

export interface KeyframeHashOptions {
  durationSeconds: number | null;
  /** @default 5 */
  count?: number;
  /** Per frame. @default 30000 */
  timeoutMs?: number;
}

/** Side of the square greyscale frame ffmpeg hands over (then resized to 32×32 like an image). */
const FRAME_SIDE = 128;
/** A frame whose pixels vary less than this (standard deviation, 0–255) is flat (black, a fade): no information to hash. */
const FLAT_FRAME_STDDEV = 4;

/**
 * pHashes of up to `count` frames at (i + ½)/count of the duration, skipping flat frames (black
 * screens would match every other video's black screens). Empty when every frame is flat.
 */
export async function videoKeyframeHashes(path: string, options: KeyframeHashOptions): Promise<KeyframeHash[]> {
  const count = Math.max(1, Math.min(options.count ?? 5, 16));
  const duration = options.durationSeconds && options.durationSeconds > 0 ? options.durationSeconds : null;
  const times = duration ? Array.from({ length: count }, (_, i) => round((duration * (i + 0.5)) / count)) : [0];
  const hashes: KeyframeHash[] = [];
  for (const timeSeconds of times) {
    const timeoutMs = options.timeoutMs ?? 30_000;
    // Some streams flag every frame as unreferenced (intra-only H.264): then decode everything.
    const frame = (await greyFrameAt(path, timeSeconds, timeoutMs, true)) ?? (await greyFrameAt(path, timeSeconds, timeoutMs, false));
    if (frame && standardDeviation(frame) >= FLAT_FRAME_STDDEV) {
      hashes.push({ timeSeconds, hash: await greyFramePerceptualHash(frame, FRAME_SIDE, FRAME_SIDE) });
    }
  }
  return hashes;
}

async function greyFrameAt(path: string, timeSeconds: number, timeoutMs: number, skipUnreferenced: boolean): Promise<Buffer | null> {
  const input = `file:${path}`;
  const result = await runProcess(
    ffmpegBinary(),
    [
      '-hide_banner', '-nostats', '-v', 'error',
      // Seeking decodes from the previous keyframe: skip deblocking and frames nothing refers to
      // (the hashed frame is then the first reference frame at or after the point).
      '-skip_loop_filter', 'all',
      ...(skipUnreferenced ? ['-skip_frame', 'noref'] : []),
      '-ss', String(timeSeconds), '-i', input,
      '-map', '0:v:0', '-an', '-sn', '-dn',
      '-vf', `scale=w='iw*sar':h=ih,scale=${FRAME_SIDE}:${FRAME_SIDE},format=gray`,
      '-frames:v', '1', '-f', 'rawvideo', '-',
    ],
    { timeoutMs, maxStdoutBytes: FRAME_SIDE * FRAME_SIDE },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the video cannot be decoded: ${failureReason(result.tailLines, input)}`);
  }
  return result.stdout.length === FRAME_SIDE * FRAME_SIDE ? result.stdout : null;
}

function standardDeviation(pixels: Uint8Array): number {
  let sum = 0;
  let sumOfSquares = 0;
  for (const value of pixels) {
    sum += value;
    sumOfSquares += value * value;
  }
  const mean = sum / pixels.length;
  return Math.sqrt(Math.max(0, sumOfSquares / pixels.length - mean * mean));
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
