/**
 * One analysis run as subscribers see it: each kind goes RUNNING → SUCCEEDED (with its result) or
 * FAILED (with the reason) through `reportAnalysis`, and the item's progress moves through the
 * analysis stages (progress.ts). A kind's own failure — a model that throws, a corrupt stream — is
 * caught here and reported; the other kinds go on. Reports are sent one at a time, in order, and
 * each finished kind first checks the run is still wanted (claim.ts `isStillCurrent`): when a newer
 * upload or a reprocess has taken over, the run stops with `SupersededError` and reports nothing more.
 */
import type { ApiPublisher } from '../../ports/api-publisher';
import type { AnalysisLedger } from '../../ports/analysis-ledger';
import { isStillCurrent } from './claim';
import { kindTimeoutSeconds, type AnalysisKind } from './kinds';
import { ANALYSIS_DONE_STAGE, ANALYSIS_STARTED_STAGE, TAGS_PROGRESS, TAGS_STAGE, kindsProgress } from './progress';
import { fitResult } from './result-size';

/** A newer upload or a reprocess took the item over: this run must stop without reporting. */
export class SupersededError extends Error {
  constructor(readonly mediaId: string, readonly version: number) {
    super(`Analysis of ${mediaId} v${version} was superseded by a newer ingest`);
    this.name = 'SupersededError';
  }
}

/** A kind ran longer than it may (kinds.ts `kindTimeoutSeconds`). */
export class KindTimeoutError extends Error {
  constructor(readonly kind: AnalysisKind, readonly timeoutMs: number) {
    super(`the ${kind} analysis did not finish within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`);
    this.name = 'KindTimeoutError';
  }
}

/** Resolves or rejects as `work` does, or rejects with KindTimeoutError after `timeoutMs`. */
function withDeadline<T>(kind: AnalysisKind, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KindTimeoutError(kind, timeoutMs)), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** What a kind's work returns: the result to store, and a value for the next steps. */
export interface KindOutput<T> {
  result: Record<string, unknown>;
  value: T;
}

export type KindStatus = 'SUCCEEDED' | 'FAILED';

export interface AnalysisSession {
  /** Reports the start of the analysis phase (progress 0). */
  start(): Promise<void>;
  /**
   * Runs one kind: RUNNING, then SUCCEEDED with `work`'s result or FAILED with its error's message.
   * @returns the work's value, or null when it failed
   */
  run<T>(kind: AnalysisKind, work: () => Promise<KindOutput<T>>): Promise<T | null>;
  /** Reports a kind FAILED without running it (a step it needs failed). */
  fail(kind: AnalysisKind, reason: string): Promise<void>;
  /** Throws SupersededError when the run is no longer wanted. */
  ensureCurrent(): Promise<void>;
  /** Reports that tags were written (progress 95). */
  tagged(): Promise<void>;
  /** Reports the end: READY 100 `analyzed`. */
  finish(): Promise<void>;
  /** How each kind ended so far. */
  statuses(): ReadonlyMap<AnalysisKind, KindStatus>;
}

export interface AnalysisSessionOptions {
  api: ApiPublisher;
  ledger: AnalysisLedger;
  target: { mediaId: string; version: number };
  runKey: string;
  kinds: readonly AnalysisKind[];
  maxResultBytes: number;
  /** Per-kind time limits. @default kindTimeoutSeconds (kinds.ts), in milliseconds */
  timeoutsMs?: Partial<Record<AnalysisKind, number>>;
  log(event: string, fields: Record<string, unknown>): void;
}

const MAX_REASON_LENGTH = 500;

/** Why a kind failed, for its owner to read: the error's message (its name when it has none), bounded. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message.trim() || error.name : String(error);
  return message.length > MAX_REASON_LENGTH ? `${message.slice(0, MAX_REASON_LENGTH - 1)}…` : message;
}

export function createAnalysisSession(options: AnalysisSessionOptions): AnalysisSession {
  const { api, ledger, target, runKey, kinds } = options;
  const { mediaId } = target;
  const statuses = new Map<AnalysisKind, KindStatus>();
  let tail: Promise<unknown> = Promise.resolve();
  /** Runs report steps one after another, so progress never steps back on the wire. */
  const inOrder = <T>(step: () => Promise<T>): Promise<T> => {
    const next = tail.then(step);
    tail = next.catch(() => undefined);
    return next;
  };
  const ensureCurrent = async () => {
    const snapshot = await ledger.read(mediaId, target.version);
    if (!isStillCurrent(snapshot, target, runKey)) {
      throw new SupersededError(mediaId, target.version);
    }
  };
  const finishKind = (kind: AnalysisKind, status: KindStatus, report: { result?: string; error?: string }) =>
    inOrder(async () => {
      await ensureCurrent();
      await api.reportAnalysis({ mediaId, kind, status, ...report });
      statuses.set(kind, status);
      await api.reportProgress({ mediaId, status: 'PROCESSING', progress: kindsProgress(statuses.size, kinds.length), stage: kind });
    });

  return {
    start: () => inOrder(() => api.reportProgress({ mediaId, status: 'PROCESSING', progress: 0, stage: ANALYSIS_STARTED_STAGE })),

    async run<T>(kind: AnalysisKind, work: () => Promise<KindOutput<T>>): Promise<T | null> {
      await inOrder(() => api.reportAnalysis({ mediaId, kind, status: 'RUNNING' }));
      const started = Date.now();
      let output: KindOutput<T>;
      try {
        output = await withDeadline(kind, options.timeoutsMs?.[kind] ?? kindTimeoutSeconds[kind] * 1000, work());
      } catch (error) {
        const reason = failureReason(error);
        options.log('analysis.kind-failed', { mediaId, kind, reason, error: error instanceof Error ? error.name : typeof error, ms: Date.now() - started });
        await finishKind(kind, 'FAILED', { error: reason });
        return null;
      }
      options.log('analysis.kind-done', { mediaId, kind, ms: Date.now() - started });
      await finishKind(kind, 'SUCCEEDED', { result: fitResult(output.result, options.maxResultBytes) });
      return output.value;
    },

    async fail(kind, reason) {
      options.log('analysis.kind-failed', { mediaId, kind, reason });
      await finishKind(kind, 'FAILED', { error: reason });
    },

    ensureCurrent: () => inOrder(ensureCurrent),

    tagged: () =>
      inOrder(async () => {
        await ensureCurrent();
        await api.reportProgress({ mediaId, status: 'PROCESSING', progress: TAGS_PROGRESS, stage: TAGS_STAGE });
      }),

    finish: () =>
      inOrder(async () => {
        await ensureCurrent();
        await api.reportProgress({ mediaId, status: 'READY', progress: 100, stage: ANALYSIS_DONE_STAGE });
      }),

    statuses: () => statuses,
  };
}
