/**
 * Which frames of a video to analyse: scene changes (ffmpeg's `select` scene score), at least one
 * frame every so often so long shots are not skipped, never two scene frames too close together,
 * and at most `maxFrames` spread over the whole video. Pure; video-keyframes.ts runs ffmpeg with it.
 *
 * Bounds: with duration D and at most M frames, scene frames are at least D / 2M apart and a frame
 * is forced after max(gap, D / M) seconds without one, so ffmpeg yields at most about 2M + 1
 * candidates, evenly enough spread; `spreadKeyframes` then keeps at most M, one per D / M slice.
 * The "one per gap seconds" promise yields to the maximum: a 20-minute video with M = 32 gets a
 * frame at least every 37.5 s, not every 10 s.
 */

export interface KeyframePlan {
  /** At most this many frames are analysed. */
  maxFrames: number;
  /** A frame is taken when none was for this long (seconds). */
  maxGapSeconds: number;
  /** Scene changes closer than this to the previous frame are ignored (seconds). */
  minSceneGapSeconds: number;
  /** Scene score (0–1) above which a frame is a scene change. */
  sceneThreshold: number;
  /** Frames ffmpeg may write before it stops (a safety bound). */
  maxCandidates: number;
}

const MIN_SCENE_GAP_SECONDS = 0.5;

/** The plan for a video of `durationSeconds` (null when unknown: the gap bounds alone apply). */
export function planKeyframes(
  durationSeconds: number | null,
  options: { maxFrames: number; gapSeconds: number; sceneThreshold: number },
): KeyframePlan {
  const maxFrames = Math.max(1, Math.floor(options.maxFrames));
  const duration = durationSeconds !== null && Number.isFinite(durationSeconds) && durationSeconds > 0 ? durationSeconds : null;
  const maxGapSeconds = duration ? Math.max(options.gapSeconds, duration / maxFrames) : options.gapSeconds;
  const minSceneGapSeconds = duration ? Math.max(MIN_SCENE_GAP_SECONDS, duration / (2 * maxFrames)) : MIN_SCENE_GAP_SECONDS;
  return { maxFrames, maxGapSeconds, minSceneGapSeconds, sceneThreshold: options.sceneThreshold, maxCandidates: 2 * maxFrames + 2 };
}

/**
 * ffmpeg's `select` expression for the plan: the first frame, a frame after `maxGapSeconds`
 * without one, and scene changes at least `minSceneGapSeconds` after the previous frame.
 * https://ffmpeg.org/ffmpeg-filters.html#select_002c-aselect
 */
export function selectExpression(plan: KeyframePlan): string {
  const seconds = (value: number) => Number(value.toFixed(3));
  return (
    `isnan(prev_selected_t)` +
    `+gte(t-prev_selected_t,${seconds(plan.maxGapSeconds)})` +
    `+gt(scene,${plan.sceneThreshold})*gte(t-prev_selected_t,${seconds(plan.minSceneGapSeconds)})`
  );
}

/**
 * At most `maxFrames` of the candidates (sorted by time), spread over the video: the span is cut
 * into `maxFrames` equal slices and the first candidate of each slice is kept.
 */
export function spreadKeyframes<T extends { at: number }>(candidates: readonly T[], maxFrames: number, durationSeconds: number | null): T[] {
  const sorted = [...candidates].sort((a, b) => a.at - b.at);
  if (sorted.length <= maxFrames) {
    return sorted;
  }
  const last = sorted[sorted.length - 1]!.at;
  const span = durationSeconds && durationSeconds > last ? durationSeconds : last + 1e-6;
  const slice = span / maxFrames;
  const kept: T[] = [];
  let lastSlice = -1;
  for (const candidate of sorted) {
    const index = Math.min(maxFrames - 1, Math.floor(candidate.at / slice));
    if (index !== lastSlice) {
      kept.push(candidate);
      lastSlice = index;
    }
  }
  return kept;
}
