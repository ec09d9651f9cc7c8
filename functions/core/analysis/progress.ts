/**
 * How analysis shows on the media item (Media.status / progress / stage), after ingest:
 *
 * ingest      PROCESSING 5…90 (download … duplicates) → READY 100 `ingested`, then *Media Ingested*
 * analysis    PROCESSING 0 `analyzing` → PROCESSING 1…90 `<kind>` as each kind finishes →
 *             PROCESSING 95 `tags` → READY 100 `analyzed`
 *
 * The analysis phase counts its own 0–100; its stage names (below) never collide with ingest's, so a
 * client knows which phase a report belongs to, and the end of all processing is READY with stage
 * `analyzed` (or FAILED, from ingest). A kind that fails does not fail the item: its result says
 * FAILED with the reason, and the item still ends READY `analyzed`. Ingest's final report always
 * precedes the analyzer's first (ingest reports, then publishes the event), and an analyzer stops
 * reporting as soon as ingest runs again for the item (see claim.ts `isStillCurrent`).
 */
import { analysisKinds } from './kinds';

export const ANALYSIS_STARTED_STAGE = 'analyzing';
export const TAGS_STAGE = 'tags';
export const ANALYSIS_DONE_STAGE = 'analyzed';

/** Progress when tags have been written. */
export const TAGS_PROGRESS = 95;
/** Progress when the last kind has finished. */
const KINDS_PROGRESS_SPAN = 90;

/** Every stage name the analyzers report. */
export const analysisStages: ReadonlySet<string> = new Set<string>([ANALYSIS_STARTED_STAGE, ...analysisKinds, TAGS_STAGE, ANALYSIS_DONE_STAGE]);

/** True when `stage` belongs to the analysis phase (false for ingest's stages and for none). */
export function isAnalysisStage(stage: string | null | undefined): boolean {
  return typeof stage === 'string' && analysisStages.has(stage);
}

/**
 * Progress once `done` of `total` kinds have finished (in any order).
 * @returns 0 when nothing is done, up to 90 when every kind is
 */
export function kindsProgress(done: number, total: number): number {
  if (total <= 0) {
    return KINDS_PROGRESS_SPAN;
  }
  return Math.round((KINDS_PROGRESS_SPAN * Math.min(done, total)) / total);
}
