/**
 * Keyframes of a video as JPEG files, chosen by keyframe-plan.ts: one ffmpeg pass with the `select`
 * filter (scene score and time gaps), then a downscale of the chosen frames only, and `showinfo`
 * to learn each chosen frame's time. Long videos are first tried decoding only the stream's own
 * keyframes (`-skip_frame nokey`): encoders put those at scene cuts and every few seconds, and
 * skipping the rest makes selection many times faster than real time; when a stream has too few of
 * them (screen recordings can have one), every frame is decoded instead.
 * https://ffmpeg.org/ffmpeg-filters.html#select_002c-aselect, #showinfo
 */
import path from 'node:path';
import { readdir, rm } from 'node:fs/promises';
import { ffmpegBinary } from '../media/binaries';
import { CorruptMediaError } from '../media/errors';
import { failureReason, runProcess } from '../media/run-process';
import { selectExpression, spreadKeyframes, type KeyframePlan } from './keyframe-plan';

export interface Keyframe {
  /** Seconds from the start. */
  at: number;
  /** A JPEG file. */
  file: string;
}

export interface KeyframeOptions {
  /** Long side of the written frames, px. */
  frameSide: number;
  /** The video's duration when known (spreads the kept frames over it). */
  durationSeconds: number | null;
  /** @default 600000 */
  timeoutMs?: number;
}

/** Videos at least this long try keyframe-only decoding first. */
const KEYFRAMES_ONLY_FROM_SECONDS = 30;

/**
 * Every frame twice in a row, for the keyframe-only pass. ffmpeg's scene score is not the
 * difference from the previous frame but how much that difference changed, min(mafd, |mafd −
 * previous mafd|): in full decoding it rises only at a cut. When only keyframes are decoded, nearly
 * every decoded frame differs from the one before it (encoders put keyframes at cuts), so mafd stays
 * high and the score falls: a 60 s video of 12 photos with hard cuts scored 0.03–0.17 at its cuts,
 * and a threshold of 0.3 sampled 7 of 12 scenes. With each frame followed by its copy, the copy has
 * mafd 0 and the next frame scores its full difference from the previous keyframe — the same
 * 0.42–0.99 full decoding gives at those cuts. The copy (same time, score 0) is never selected:
 * the gap rules measure time since the frame just selected or compare the same time.
 * https://ffmpeg.org/ffmpeg-filters.html#select_002c-aselect (`scene`), libavfilter/f_select.c
 */
const DOUBLE_EACH_FRAME = 'split[original][copy];[original][copy]interleave';

/**
 * Writes the chosen keyframes into `outDir` (which must exist and be empty).
 * @returns the frames kept, in time order (at least one for any decodable video)
 * @throws CorruptMediaError when ffmpeg cannot decode the video or yields no frame
 */
export async function extractKeyframes(videoFile: string, outDir: string, plan: KeyframePlan, options: KeyframeOptions): Promise<Keyframe[]> {
  const duration = options.durationSeconds;
  if (duration !== null && duration >= KEYFRAMES_ONLY_FROM_SECONDS) {
    const fast = await runSelection(videoFile, outDir, plan, options, true);
    // Expect about one frame per gap; far fewer means the stream has few keyframes of its own.
    const expected = Math.min(plan.maxFrames, Math.floor(duration / plan.maxGapSeconds));
    if (fast.length >= Math.max(1, Math.floor(expected / 2))) {
      return spreadAndPrune(fast, plan, duration);
    }
    await clear(outDir);
  }
  return spreadAndPrune(await runSelection(videoFile, outDir, plan, options, false), plan, duration);
}

async function runSelection(videoFile: string, outDir: string, plan: KeyframePlan, options: KeyframeOptions, keyframesOnly: boolean): Promise<Keyframe[]> {
  const input = `file:${videoFile}`;
  const side = options.frameSide;
  // Square pixels, upright (ffmpeg applies the rotation itself), long side at most `side`, never enlarged.
  const fit = `scale=w='iw*sar':h=ih,setsar=1,scale=w='min(${side},iw)':h='min(${side},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2`;
  const result = await runProcess(
    ffmpegBinary(),
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'info',
      ...(keyframesOnly ? ['-skip_frame', 'nokey'] : []),
      '-i',
      input,
      '-map',
      '0:v:0',
      '-an',
      '-sn',
      '-dn',
      '-vf',
      `${keyframesOnly ? `${DOUBLE_EACH_FRAME},` : ''}select='${selectExpression(plan)}',${fit},showinfo`,
      '-fps_mode',
      'vfr',
      '-frames:v',
      String(plan.maxCandidates),
      '-q:v',
      '3',
      '-y',
      path.join(outDir, 'frame-%04d.jpg'),
    ],
    { timeoutMs: options.timeoutMs ?? 600_000, keepStderrLine: (line) => line.includes('Parsed_showinfo') && line.includes('pts_time:') },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the video cannot be decoded for keyframes: ${failureReason(result.tailLines, input)}`);
  }
  const times = result.keptLines.map((line) => Number(/pts_time:\s*(-?[\d.]+(?:e[-+]?\d+)?)/i.exec(line)?.[1] ?? Number.NaN));
  const files = (await readdir(outDir)).filter((name) => /^frame-\d{4}\.jpg$/.test(name)).sort();
  const frames: Keyframe[] = [];
  files.forEach((name, index) => {
    const at = times[index];
    if (at !== undefined && Number.isFinite(at)) {
      frames.push({ at: Math.max(0, Math.round(at * 1000) / 1000), file: path.join(outDir, name) });
    }
  });
  if (frames.length === 0) {
    throw new CorruptMediaError('the video has no decodable frame');
  }
  return frames;
}

/** Keeps at most `plan.maxFrames` spread frames and deletes the files of the others. */
async function spreadAndPrune(frames: Keyframe[], plan: KeyframePlan, durationSeconds: number | null): Promise<Keyframe[]> {
  const kept = spreadKeyframes(frames, plan.maxFrames, durationSeconds);
  const keep = new Set(kept.map((frame) => frame.file));
  await Promise.all(frames.filter((frame) => !keep.has(frame.file)).map((frame) => rm(frame.file, { force: true })));
  return kept;
}

async function clear(dir: string): Promise<void> {
  const names = await readdir(dir);
  await Promise.all(names.map((name) => rm(path.join(dir, name), { force: true, recursive: true })));
}
