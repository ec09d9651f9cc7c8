/**
 * Exactly one analysis per ingest run of a version: what the analyzers read of the media item and
 * its version before they start (and between stages, to stop when a newer version or a reprocess
 * takes over), and the claim that keeps redelivered *Media Ingested* events from analysing twice.
 * Adapter: `adapters/aws/dynamodb-analysis-ledger.ts` (the claim lives on the version item).
 */
import type { MediaStatus } from '../../schema/types.generated';

/** Where an analysis run of a version stands, as stored on the version. */
export type AnalysisRunStatus = 'RUNNING' | 'DONE';

export interface AnalysisSnapshot {
  /** The media item, or null when it was deleted. */
  media: { owner: string; version: number | null; status: MediaStatus; stage: string | null } | null;
  /** The version the event names, or null when it does not exist. */
  version: {
    status: MediaStatus;
    /** The ingest run that produced this version's facts (object version or reprocess request). */
    ingestKey: string | null;
    /** The ingest run the last analysis was for. */
    analysisKey: string | null;
    analysisStatus: AnalysisRunStatus | null;
    analysisAttempts: number;
  } | null;
}

export interface AnalysisLedger {
  /** A consistent read of the media item and the version. */
  read(mediaId: string, version: number): Promise<AnalysisSnapshot>;
  /**
   * Marks the analysis of `runKey` RUNNING if the version is still as observed (status, ingest run,
   * analysis attempts); false when another delivery changed it meanwhile.
   */
  claim(mediaId: string, version: number, observed: NonNullable<AnalysisSnapshot['version']>, runKey: string): Promise<boolean>;
  /** Marks the analysis of `runKey` DONE (a no-op when another run has claimed the version since). */
  complete(mediaId: string, version: number, runKey: string): Promise<void>;
}
