/**
 * Audio quality figures, from one decode with three ffmpeg filters: loudness per EBU R128
 * (`ebur128`: integrated loudness in LUFS, loudness range in LU, true peak in dBTP), silence
 * (`silencedetect`: stretches below −50 dBFS for 0.5 s or more) and clipping (`astats`: samples at
 * full scale). Works on audio files and on the first audio stream of a video.
 */
import { ffmpegBinary } from './binaries';
import { CorruptMediaError } from './errors';
import type { LoudnessSummary, TimeRange } from './ffmpeg-logs';
import { isAnalysisLine, parseAstatsOverall, parseEbur128Summary, parseSilencedetect, totalSeconds } from './ffmpeg-logs';
import { failureReason, runProcess } from './run-process';

export interface AudioQualityOptions {
  /** Duration of the audio, for closing silence that runs to the end (from ffprobe). */
  durationSeconds: number | null;
  /** @default 300000 */
  timeoutMs?: number;
}

export interface AudioQuality extends LoudnessSummary {
  silenceRanges: TimeRange[];
  /** Share of the duration that is silent. */
  silenceShare: number;
  /** Highest sample, dBFS. */
  peakLevelDb: number | null;
  /** Share of samples at full scale (the peak level, when it is within 0.1 dB of 0 dBFS); 0 when nothing reaches full scale. */
  clippedSampleShare: number;
  /** Words for what a listener would notice: clipping, very quiet or very loud, mostly silent. */
  reasons: string[];
}

/** Silence: below −50 dBFS for at least half a second. */
const SILENCEDETECT = 'silencedetect=n=-50dB:d=0.5';

/**
 * Measures loudness, silence and clipping of the file's first audio stream. Rejects with
 * `CorruptMediaError` when it cannot be decoded, `ToolTimeoutError` when slow.
 */
export async function measureAudioQuality(path: string, options: AudioQualityOptions): Promise<AudioQuality> {
  const input = `file:${path}`;
  const result = await runProcess(
    ffmpegBinary(),
    [
      '-hide_banner', '-nostats', '-v', 'info',
      '-i', input,
      '-map', '0:a:0', '-vn', '-sn', '-dn',
      // astats before ebur128: ebur128 passes audio through unchanged, but keep measurements on the decoded samples.
      '-af', `${SILENCEDETECT},astats=measure_perchannel=none,ebur128=peak=true:framelog=verbose`,
      '-f', 'null', '-',
    ],
    { timeoutMs: options.timeoutMs ?? 300_000, keepStderrLine: isAnalysisLine },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the audio cannot be decoded: ${failureReason(result.tailLines, input)}`);
  }
  return summarize(result.keptLines, options.durationSeconds);
}

/** The figures and reasons from ffmpeg's kept lines. Pure; exported for tests. */
export function summarize(lines: readonly string[], durationSeconds: number | null): AudioQuality {
  const loudness = parseEbur128Summary(lines);
  const stats = parseAstatsOverall(lines);
  const duration = durationSeconds ?? 0;
  const silenceRanges = parseSilencedetect(lines, duration).map((range) => ({ start: round(range.start, 3), end: round(range.end, 3) }));
  const silenceShare = duration > 0 ? round(Math.min(1, totalSeconds(silenceRanges) / duration), 4) : 0;
  const atFullScale = stats.peakLevelDb !== null && stats.peakLevelDb >= -0.1;
  const clippedSampleShare =
    atFullScale && stats.peakCount !== null && stats.numberOfSamples ? round(stats.peakCount / stats.numberOfSamples, 5) : 0;

  const reasons: string[] = [];
  if (clippedSampleShare >= 0.001) {
    reasons.push(`clipping: ${round(clippedSampleShare * 100, 2)}% of samples at full scale`);
  }
  if (loudness.truePeakDbtp !== null && loudness.truePeakDbtp > 0) {
    reasons.push(`true peak above full scale: ${loudness.truePeakDbtp} dBTP`);
  }
  if (loudness.integratedLufs === null) {
    reasons.push('no audible sound');
  } else if (loudness.integratedLufs < -35) {
    reasons.push(`very quiet: ${loudness.integratedLufs} LUFS`);
  } else if (loudness.integratedLufs > -8) {
    reasons.push(`very loud: ${loudness.integratedLufs} LUFS`);
  }
  if (silenceShare >= 0.5) {
    reasons.push(`mostly silent: ${Math.round(silenceShare * 100)}% of the time`);
  }
  return { ...loudness, silenceRanges, silenceShare, peakLevelDb: stats.peakLevelDb === null ? null : round(stats.peakLevelDb, 2), clippedSampleShare, reasons };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
