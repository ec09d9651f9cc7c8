/**
 * Video quality figures: resolution, frame rate, bits per pixel per frame, and the black and
 * frozen stretches (ffmpeg's blackdetect and freezedetect) as time ranges and shares of the time
 * analysed. Long videos are sampled: at most `maxAnalyzedSeconds`, spread over a few evenly spaced
 * windows, so a two-hour film costs about as much as a two-minute clip.
 */
import { ffmpegBinary } from './binaries';
import type { AvMetadata } from './av-metadata';
import { primaryVideoStream } from './av-metadata';
import { CorruptMediaError } from './errors';
import type { TimeRange } from './ffmpeg-logs';
import { isAnalysisLine, parseBlackdetect, parseFreezedetect, subtractRanges, totalSeconds } from './ffmpeg-logs';
import { failureReason, runProcess } from './run-process';

export interface VideoQualityOptions {
  /** Analyse at most this many seconds of footage. @default 120 */
  maxAnalyzedSeconds?: number;
  /** Windows a long video's sample is split into. @default 4 */
  sampleWindows?: number;
  /** Per ffmpeg run. @default 120000 */
  timeoutMs?: number;
}

export interface VideoQuality {
  width: number | null;
  height: number | null;
  megapixels: number | null;
  frameRate: number | null;
  /** Video bitrate / (width × height × frame rate): ~0.1 is typical H.264 at good quality; below ~0.02 shows blocking. */
  bitsPerPixelPerFrame: number | null;
  videoBitRate: number | null;
  durationSeconds: number | null;
  /** The stretches of the timeline that were analysed. */
  analyzedRanges: TimeRange[];
  analyzedSeconds: number;
  /** Picture black for at least 0.1 s (blackdetect, 98% of pixels below 10% luminance). */
  blackRanges: TimeRange[];
  blackShare: number;
  /** Picture unchanged for at least 0.5 s (freezedetect, −60 dB), excluding black stretches. */
  frozenRanges: TimeRange[];
  frozenShare: number;
}

/** Black: a frame with 98% of pixels darker than 10% counts, for at least 0.1 s. */
const BLACKDETECT = 'blackdetect=d=0.1:pix_th=0.10:pic_th=0.98';
/** Frozen: frames differing by less than −60 dB noise, for at least 0.5 s. */
const FREEZEDETECT = 'freezedetect=n=-60dB:d=0.5';

/**
 * Measures the video's quality from its ffprobe metadata and a decode of (a sample of) its
 * pictures. Rejects with `CorruptMediaError` when ffmpeg cannot decode it, `ToolTimeoutError` when slow.
 */
export async function measureVideoQuality(path: string, metadata: AvMetadata, options: VideoQualityOptions = {}): Promise<VideoQuality> {
  const stream = primaryVideoStream(metadata);
  const width = stream?.width ?? null;
  const height = stream?.height ?? null;
  const frameRate = stream?.frameRate ?? null;
  const videoBitRate = stream?.bitRate ?? estimateVideoBitRate(metadata);
  const duration = metadata.durationSeconds ?? stream?.durationSeconds ?? null;
  const windows = sampleWindows(duration, options.maxAnalyzedSeconds ?? 120, options.sampleWindows ?? 4);

  const black: TimeRange[] = [];
  const frozen: TimeRange[] = [];
  for (const window of windows) {
    const found = await analyzeWindow(path, window, options.timeoutMs ?? 120_000);
    black.push(...found.black);
    frozen.push(...found.frozen);
  }
  const analyzedSeconds = round(totalSeconds(windows), 3);
  const frozenNotBlack = subtractRanges(frozen, black);
  const pixels = width && height ? width * height : null;
  return {
    width,
    height,
    megapixels: pixels ? round(pixels / 1e6, 3) : null,
    frameRate,
    bitsPerPixelPerFrame: pixels && frameRate && videoBitRate ? round(videoBitRate / (pixels * frameRate), 4) : null,
    videoBitRate,
    durationSeconds: duration,
    analyzedRanges: windows,
    analyzedSeconds,
    blackRanges: black.map(roundRange),
    blackShare: analyzedSeconds > 0 ? round(totalSeconds(black) / analyzedSeconds, 4) : 0,
    frozenRanges: frozenNotBlack.map(roundRange),
    frozenShare: analyzedSeconds > 0 ? round(totalSeconds(frozenNotBlack) / analyzedSeconds, 4) : 0,
  };
}

/**
 * The windows to analyse: the whole video when it is short enough, else `count` windows of equal
 * length centred on evenly spaced points. Unknown duration: the first `maxSeconds`. Pure; exported for tests.
 */
export function sampleWindows(durationSeconds: number | null, maxSeconds: number, count: number): TimeRange[] {
  if (durationSeconds === null || durationSeconds <= 0) {
    return [{ start: 0, end: maxSeconds }];
  }
  if (durationSeconds <= maxSeconds) {
    return [{ start: 0, end: durationSeconds }];
  }
  const length = maxSeconds / count;
  return Array.from({ length: count }, (_, i) => {
    const centre = (durationSeconds * (i + 0.5)) / count;
    const start = Math.min(Math.max(0, centre - length / 2), durationSeconds - length);
    return { start: round(start, 3), end: round(start + length, 3) };
  });
}

async function analyzeWindow(path: string, window: TimeRange, timeoutMs: number): Promise<{ black: TimeRange[]; frozen: TimeRange[] }> {
  const first = await decodeWindow(path, window, timeoutMs, true);
  // Some streams flag every frame as unreferenced (intra-only H.264): then decode everything.
  return first.frames === 0 ? (await decodeWindow(path, window, timeoutMs, false)).found : first.found;
}

async function decodeWindow(
  path: string,
  window: TimeRange,
  timeoutMs: number,
  skipUnreferenced: boolean,
): Promise<{ frames: number | null; found: { black: TimeRange[]; frozen: TimeRange[] } }> {
  const input = `file:${path}`;
  const length = window.end - window.start;
  const result = await runProcess(
    ffmpegBinary(),
    [
      '-hide_banner', '-nostats', '-v', 'info',
      // Decode only what the detectors need: no deblocking, and no frames that no other frame
      // refers to (a 1080p H.264 minute: 10.4 s → 4.2 s here). Black and frozen stretches of 0.1 s
      // and more still show in the frames that remain; timestamps stay true.
      '-skip_loop_filter', 'all',
      ...(skipUnreferenced ? ['-skip_frame', 'noref'] : []),
      '-ss', String(window.start), '-t', String(length), '-i', input,
      '-map', '0:v:0', '-an', '-sn', '-dn',
      '-vf', `scale=w='min(320,iw)':h=-2:flags=fast_bilinear,${BLACKDETECT},${FREEZEDETECT}`,
      '-f', 'null', '-',
    ],
    { timeoutMs, keepStderrLine: isAnalysisLine },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the video cannot be decoded: ${failureReason(result.tailLines, input)}`);
  }
  // With input seeking, filter timestamps start at 0 for the window: shift them back onto the timeline.
  const shift = (range: TimeRange): TimeRange => ({ start: range.start + window.start, end: Math.min(range.end + window.start, window.end) });
  return {
    frames: framesWritten(result.tailLines),
    found: {
      black: parseBlackdetect(result.keptLines).map(shift),
      frozen: parseFreezedetect(result.keptLines, length).map(shift),
    },
  };
}

/** Frames ffmpeg passed on, from its final `frame=  1015 fps=…` line (printed even with -nostats); null when absent. */
function framesWritten(tailLines: readonly string[]): number | null {
  for (const line of [...tailLines].reverse()) {
    const match = /^frame=\s*(\d+)/.exec(line.trim());
    if (match) {
      return Number(match[1]);
    }
  }
  return null;
}

/** Container bitrate minus the audio streams', when the video stream does not state its own (WebM, MKV). */
function estimateVideoBitRate(metadata: AvMetadata): number | null {
  if (metadata.bitRate === null) {
    return null;
  }
  const audio = metadata.streams.filter((stream) => stream.kind === 'audio').reduce((sum, stream) => sum + (stream.bitRate ?? 0), 0);
  return Math.max(0, metadata.bitRate - audio);
}

function roundRange(range: TimeRange): TimeRange {
  return { start: round(range.start, 3), end: round(range.end, 3) };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
