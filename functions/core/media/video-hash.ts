/**
 * Perceptual hashes of a video: the pHash of a few frames at evenly spaced points, so a
 * re-encoded or resized copy of a video can be found like a copy of a photo (see
 * `perceptualDistance` in functions/core/dedupe.ts). The count is bounded whatever the length, and
 * each frame costs one seek plus the decoding from the keyframe before it, never a pass over the
 * whole file. Seeks are exact (not to the nearest keyframe): another encoding of the same video
 * puts its keyframes elsewhere, and the frames compared must show the same moment.
 *
 * All the frames come from ONE ffmpeg process: the file is opened once per point (each input seeks
 * on its own) and each input feeds its own one-frame output. Starting ffmpeg costs about 0.1 CPU-s
 * (Debian's build loads some 200 shared libraries), more than decoding a short video's frames:
 * five points of a 10 s 640×360 H.264 video took 1.22 CPU-s as five processes, 0.67 as one. The
 * frames are byte for byte those of one process per point (same seek, same filters; the hashes of
 * the 640×360 bench videos and the unit test's video were identical before and after).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** For the ffmpeg run (one for every frame; a second only for streams of unreferenced frames). @default 60000 */
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
  const timeoutMs = options.timeoutMs ?? 60_000;
  const frames = await greyFramesAt(path, times, timeoutMs, true);
  // Some streams flag every frame as unreferenced (intra-only H.264): then decode everything, for the points still without a frame.
  const missing = times.filter((_, i) => frames[i] === null);
  if (missing.length > 0) {
    const retried = await greyFramesAt(path, missing, timeoutMs, false);
    let next = 0;
    frames.forEach((frame, i) => {
      frames[i] = frame ?? retried[next++] ?? null;
    });
  }
  const hashes: KeyframeHash[] = [];
  for (const [i, frame] of frames.entries()) {
    if (frame && standardDeviation(frame) >= FLAT_FRAME_STDDEV) {
      hashes.push({ timeSeconds: times[i]!, hash: await greyFramePerceptualHash(frame, FRAME_SIDE, FRAME_SIDE) });
    }
  }
  return hashes;
}

/**
 * The first frame at or after each of `times` (null where there is none), as FRAME_SIDE² grey
 * bytes, from one ffmpeg run: input i seeks to times[i] and output i (a raw file in a temporary
 * folder) takes its first frame. ffmpeg reads an input only while its output still wants a frame.
 */
async function greyFramesAt(path: string, times: readonly number[], timeoutMs: number, skipUnreferenced: boolean): Promise<(Buffer | null)[]> {
  const input = `file:${path}`;
  const dir = await mkdtemp(join(tmpdir(), 'mediagraph-video-hash-'));
  const output = (i: number) => join(dir, `frame-${i}.gray`);
  try {
    const inputs = times.flatMap((timeSeconds) => [
      // Seeking decodes from the previous keyframe: skip deblocking and frames nothing refers to
      // (the hashed frame is then the first reference frame at or after the point).
      '-skip_loop_filter', 'all',
      ...(skipUnreferenced ? ['-skip_frame', 'noref'] : []),
      '-ss', String(timeSeconds), '-i', input,
    ]);
    const outputs = times.flatMap((_, i) => [
      '-map', `${i}:v:0`, '-an', '-sn', '-dn',
      '-vf', `scale=w='iw*sar':h=ih,scale=${FRAME_SIDE}:${FRAME_SIDE},format=gray`,
      '-frames:v', '1', '-f', 'rawvideo', `file:${output(i)}`,
    ]);
    const result = await runProcess(ffmpegBinary(), ['-hide_banner', '-nostdin', '-nostats', '-v', 'error', ...inputs, ...outputs], { timeoutMs });
    if (result.exitCode !== 0) {
      throw new CorruptMediaError(`the video cannot be decoded: ${failureReason(result.tailLines, input)}`);
    }
    return await Promise.all(
      times.map(async (_, i) => {
        // ffmpeg may leave no file for an output that got no frame.
        const frame = await readFile(output(i)).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') {
            return Buffer.alloc(0);
          }
          throw error;
        });
        return frame.length === FRAME_SIDE * FRAME_SIDE ? frame : null;
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
