/**
 * Exactly one analysis per ingest run: whether a *Media Ingested* delivery should be analysed, and
 * whether a running analysis is still wanted. Pure; the ledger then claims with a condition on what
 * was observed (functions/ports/analysis-ledger.ts).
 *
 * Idempotency key: the version's ingest run (`ingestKey`: the object version, or the reprocess
 * request). A redelivered event finds its run DONE and is skipped; a reprocess is a new run and is
 * analysed again; a delivery retried after a crash finds its run RUNNING and runs it again (every
 * write it makes is idempotent: results replace results, tags are assigned only when missing).
 */
import type { AnalysisSnapshot } from '../../ports/analysis-ledger';
import { isAnalysisStage } from './progress';

export type SkipReason =
  | 'media-deleted'
  | 'owner-mismatch'
  | 'unknown-version'
  | 'version-not-ingested'
  | 'not-shown-version'
  | 'ingest-running'
  | 'item-failed'
  | 'already-analyzed';

export type AnalysisClaimDecision = { run: true; runKey: string } | { run: false; reason: SkipReason };

/** The run key of a version: its ingest run, or the version number for versions ingested before keys existed. */
export function analysisRunKey(version: number, stored: NonNullable<AnalysisSnapshot['version']>): string {
  return stored.ingestKey ?? `version-${version}`;
}

/**
 * Whether to analyse `request.version` of the item.
 * - the item was deleted, belongs to someone else, or the version is unknown: skip;
 * - the version is not (or no longer) ingested, another version is shown, or ingest is running
 *   for the item again: skip — the ingest that is running announces its own *Media Ingested*;
 * - the item shows a failed upload: skip (a report would hide the failure);
 * - this ingest run was already analysed to the end: skip (a redelivered event);
 * - otherwise run (first delivery, a reprocessed version, or a retry after a crash).
 */
export function decideAnalysisClaim(snapshot: AnalysisSnapshot, request: { owner: string; version: number }): AnalysisClaimDecision {
  const { media, version } = snapshot;
  if (!media) {
    return { run: false, reason: 'media-deleted' };
  }
  if (media.owner !== request.owner) {
    return { run: false, reason: 'owner-mismatch' };
  }
  if (!version) {
    return { run: false, reason: 'unknown-version' };
  }
  if (version.status !== 'READY') {
    return { run: false, reason: 'version-not-ingested' };
  }
  if (media.version !== request.version) {
    return { run: false, reason: 'not-shown-version' };
  }
  if (media.status === 'FAILED') {
    return { run: false, reason: 'item-failed' };
  }
  if (media.status !== 'READY' && !(media.status === 'PROCESSING' && isAnalysisStage(media.stage))) {
    return { run: false, reason: 'ingest-running' };
  }
  const runKey = analysisRunKey(request.version, version);
  if (version.analysisKey === runKey && version.analysisStatus === 'DONE') {
    return { run: false, reason: 'already-analyzed' };
  }
  return { run: true, runKey };
}

/**
 * Whether a running analysis may still report: the item still shows this version, ingest has not
 * started again for it (its stage is an analysis stage or it is READY), and the version is still
 * claimed by this run. False means a newer upload or a reprocess took over: stop quietly.
 */
export function isStillCurrent(snapshot: AnalysisSnapshot, request: { version: number }, runKey: string): boolean {
  const { media, version } = snapshot;
  if (!media || !version || media.version !== request.version) {
    return false;
  }
  if (version.status !== 'READY' || analysisRunKey(request.version, version) !== runKey || version.analysisKey !== runKey) {
    return false;
  }
  return media.status === 'READY' || (media.status === 'PROCESSING' && isAnalysisStage(media.stage));
}
