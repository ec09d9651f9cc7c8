/**
 * Splits long audio into utterances a batch recogniser can take. pocketsphinx decodes an utterance
 * as one search (its cepstral mean and language-model history span the whole of it), which is
 * more accurate than its live voice-activity mode on read speech, but a long utterance grows the
 * search without bound. So audio is cut into pieces of at most `maxSeconds`, each cut placed at
 * the quietest moment (most likely a pause between words) of the last part of the window, and
 * pieces with nothing above the noise floor are not decoded at all. Audio is first cut at long
 * pauses, which on the bench's long file of sentences took the word error rate from 10.5% (pieces
 * of up to 20 s) to 6.7%, the same as one file per sentence.
 *
 * Works on 10 ms frames, pocketsphinx's own frame rate (`-frate 100`), so a piece's frames go
 * straight into a `-ctl` line.
 */

/** Frames per second (pocketsphinx's `-frate`). */
export const FRAMES_PER_SECOND = 100;

/** A span of frames, end exclusive. */
export interface FrameRange {
  readonly startFrame: number;
  readonly endFrame: number;
}

export interface SegmentPlanOptions {
  /** @default 20 */
  readonly maxSeconds?: number;
  /** Cuts are sought in the window's last part, from this many seconds on. @default 8 */
  readonly minSeconds?: number;
  /** A pause this long or longer separates utterances. @default 0.5 */
  readonly pauseSeconds?: number;
  /**
   * Pauses are frames at most this many dB above the noise floor (the 10th percentile), and at
   * least 20 dB below the loud frames (the 90th percentile); never below −60 dBFS. @default 12
   */
  readonly speechAboveFloorDb?: number;
  /** A piece is decoded when a frame is louder than a pause and than this, dBFS (faint hiss is skipped). @default -50 */
  readonly speechMinimumDb?: number;
}

/**
 * The level of each 10 ms frame of 16-bit PCM, in dB relative to full scale (−100 for digital
 * silence). Frames are `sampleRate / 100` samples; a last partial frame is dropped.
 * @returns one level per whole frame
 */
export function frameLevelsDb(samples: Int16Array, sampleRate: number): Float32Array {
  const frameSize = Math.round(sampleRate / FRAMES_PER_SECOND);
  const frames = Math.floor(samples.length / frameSize);
  const levels = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let i = frame * frameSize; i < (frame + 1) * frameSize; i++) {
      const value = samples[i]! / 32768;
      sum += value * value;
    }
    levels[frame] = Math.max(-100, 10 * Math.log10(sum / frameSize + 1e-12));
  }
  return levels;
}

/**
 * Plans the pieces to decode for audio with these frame levels: cut in the middle of every pause
 * of `pauseSeconds` or more (a sentence boundary, so the language model starts afresh there), then
 * pieces longer than `maxSeconds` cut again at their quietest moment.
 * @returns frame ranges in order, covering the audio except pieces with no speech-level frame
 */
export function planSpeechSegments(levelsDb: Float32Array, options: SegmentPlanOptions = {}): FrameRange[] {
  const maxFrames = Math.round((options.maxSeconds ?? 20) * FRAMES_PER_SECOND);
  const minFrames = Math.min(maxFrames, Math.round((options.minSeconds ?? 8) * FRAMES_PER_SECOND));
  const pauseFrames = Math.round((options.pauseSeconds ?? 0.5) * FRAMES_PER_SECOND);
  // A pause is well above the noise floor only if it is also well below the loud parts, so audio
  // at one steady level (speech over music, no gaps) has no pauses rather than nothing but pauses.
  const pauseThreshold = Math.max(Math.min(noiseFloorDb(levelsDb) + (options.speechAboveFloorDb ?? 12), percentile(levelsDb, 0.9) - 20), -60);
  const threshold = Math.max(pauseThreshold, options.speechMinimumDb ?? -50);
  const smoothed = movingAverage(levelsDb, 15);

  const pieces: FrameRange[] = [];
  for (const stretch of splitAtPauses(levelsDb, pauseThreshold, pauseFrames)) {
    let start = stretch.startFrame;
    while (start < stretch.endFrame) {
      let end = stretch.endFrame;
      if (end - start > maxFrames) {
        end = quietestFrame(smoothed, start + minFrames, start + maxFrames);
      }
      if (hasFrameAbove(levelsDb, start, end, threshold)) {
        pieces.push({ startFrame: start, endFrame: end });
      }
      start = end;
    }
  }
  return pieces;
}

/** The audio cut in the middle of each run of at least `pauseFrames` frames at or below `threshold`. */
function splitAtPauses(levelsDb: Float32Array, threshold: number, pauseFrames: number): FrameRange[] {
  const stretches: FrameRange[] = [];
  let start = 0;
  let quietFrom = -1;
  for (let frame = 0; frame <= levelsDb.length; frame++) {
    const quiet = frame < levelsDb.length && levelsDb[frame]! <= threshold;
    if (quiet) {
      if (quietFrom < 0) quietFrom = frame;
      continue;
    }
    if (quietFrom >= 0 && frame - quietFrom >= pauseFrames) {
      const cut = Math.floor((quietFrom + frame) / 2);
      if (cut > start) stretches.push({ startFrame: start, endFrame: cut });
      start = cut;
    }
    quietFrom = -1;
  }
  if (start < levelsDb.length) stretches.push({ startFrame: start, endFrame: levelsDb.length });
  return stretches;
}

/** The 10th percentile of the levels: the background when something is heard most of the time. */
export function noiseFloorDb(levelsDb: Float32Array): number {
  return percentile(levelsDb, 0.1);
}

function percentile(levelsDb: Float32Array, fraction: number): number {
  if (levelsDb.length === 0) return -100;
  const sorted = Float32Array.from(levelsDb).sort();
  return sorted[Math.floor((sorted.length - 1) * fraction)]!;
}

function movingAverage(values: Float32Array, width: number): Float32Array {
  const out = new Float32Array(values.length);
  const half = Math.floor(width / 2);
  let sum = 0;
  let count = 0;
  let left = 0;
  let right = 0;
  for (let i = 0; i < values.length; i++) {
    while (right < values.length && right <= i + half) {
      sum += values[right++]!;
      count++;
    }
    while (left < i - half) {
      sum -= values[left++]!;
      count--;
    }
    out[i] = sum / count;
  }
  return out;
}

/** The frame in [from, to) with the lowest smoothed level; the later one on ties (longer pieces). */
function quietestFrame(smoothed: Float32Array, from: number, to: number): number {
  let best = to - 1;
  for (let i = to - 1; i >= from; i--) {
    if (smoothed[i]! < smoothed[best]!) best = i;
  }
  return Math.max(from, best);
}

function hasFrameAbove(levels: Float32Array, from: number, to: number, threshold: number): boolean {
  for (let i = from; i < to; i++) {
    if (levels[i]! > threshold) return true;
  }
  return false;
}
