/**
 * One *Media Ingested* delivery, analysed over ports: claim the version's ingest run (one analysis
 * per run, claim.ts), open the original, report the analysis phase starting, let the media type's
 * analyzer run its kinds (each reported RUNNING → SUCCEEDED | FAILED), turn what it found into AUTO
 * tags in the owner's hierarchy, and report the end (READY `analyzed`). A kind's failure is reported
 * and the others go on; infrastructure faults (the API, the table, the object store) are thrown so
 * the delivery is retried — every write is idempotent, so a retry repeats nothing twice.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MediaType } from '../../../schema/types.generated';
import type { AnalysisLedger } from '../../ports/analysis-ledger';
import type { ApiPublisher } from '../../ports/api-publisher';
import type { ObjectStore, StoredObject } from '../../ports/object-store';
import type { TagRepository } from '../../ports/tag-repository';
import { tagCandidates, type TaggingFindings } from '../tagging';
import { createAnalysisSession, SupersededError, type AnalysisSession, type KindStatus } from './analysis-session';
import { applyAutoTags } from './apply-tags';
import { decideAnalysisClaim, type SkipReason } from './claim';
import type { AnalysisKind } from './kinds';
import type { AnalysisRequest } from './parse-event';
import type { AnalysisSettings } from './settings';

/** What an analyzer gets for one version. */
export interface AnalyzerContext {
  request: AnalysisRequest;
  /** The original, as a stream (read it once: `saveOriginal` or directly). */
  object: StoredObject;
  /** An empty folder of this run's own, removed afterwards. */
  workDir: string;
  session: AnalysisSession;
  settings: AnalysisSettings;
  /** Writes the original into `workDir`. @returns its path */
  saveOriginal(): Promise<string>;
}

/** The analysis of one media type: which kinds it reports, and how it runs them. */
export interface Analyzer {
  mediaType: MediaType;
  kinds: readonly AnalysisKind[];
  /** Runs every kind through `context.session`. @returns what tagging should consider */
  analyze(context: AnalyzerContext): Promise<TaggingFindings>;
}

export interface AnalysisDependencies {
  store: ObjectStore;
  api: ApiPublisher;
  ledger: AnalysisLedger;
  tags: TagRepository;
  settings: AnalysisSettings;
  scratchDir: string;
  /** Per-kind time limits in milliseconds, over kinds.ts `kindTimeoutSeconds` (tests shorten them). */
  kindTimeoutsMs?: Partial<Record<AnalysisKind, number>>;
  log(event: string, fields: Record<string, unknown>): void;
}

export type AnalysisOutcome =
  | { outcome: 'analyzed'; mediaId: string; version: number; kinds: Partial<Record<AnalysisKind, KindStatus>>; tags: string[] }
  | { outcome: 'skipped'; mediaId: string; reason: SkipReason | 'claimed-by-another-delivery' | 'original-missing' }
  | { outcome: 'superseded'; mediaId: string; version: number };

export async function runAnalysis(request: AnalysisRequest, deps: AnalysisDependencies, analyzer: Analyzer): Promise<AnalysisOutcome> {
  const { mediaId, version } = request;
  const snapshot = await deps.ledger.read(mediaId, version);
  const decision = decideAnalysisClaim(snapshot, request);
  if (!decision.run) {
    return { outcome: 'skipped', mediaId, reason: decision.reason };
  }
  const { runKey } = decision;
  if (!(await deps.ledger.claim(mediaId, version, snapshot.version!, runKey))) {
    return { outcome: 'skipped', mediaId, reason: 'claimed-by-another-delivery' };
  }
  const object = await deps.store.get(request.key, request.objectVersionId ?? undefined);
  if (!object) {
    // The original is gone (the item is being deleted): nothing to analyse, nothing to retry.
    await deps.ledger.complete(mediaId, version, runKey);
    return { outcome: 'skipped', mediaId, reason: 'original-missing' };
  }

  await mkdir(deps.scratchDir, { recursive: true });
  const workDir = await mkdtemp(path.join(deps.scratchDir, `analyze-${mediaId}-v${version}-`));
  const session = createAnalysisSession({
    api: deps.api,
    ledger: deps.ledger,
    target: { mediaId, version },
    runKey,
    kinds: analyzer.kinds,
    maxResultBytes: deps.settings.maxResultBytes,
    ...(deps.kindTimeoutsMs ? { timeoutsMs: deps.kindTimeoutsMs } : {}),
    log: deps.log,
  });
  try {
    await session.start();
    const findings = await analyzer.analyze({
      request,
      object,
      workDir,
      session,
      settings: deps.settings,
      saveOriginal: async () => {
        const file = path.join(workDir, 'original');
        await pipeline(object.body, createWriteStream(file));
        return file;
      },
    });
    const statuses = session.statuses();
    const succeeded = analyzer.kinds.filter((kind) => statuses.get(kind) === 'SUCCEEDED');
    const candidates = tagCandidates(findings, deps.settings.tagging);
    await session.ensureCurrent();
    const applied = await applyAutoTags(deps.tags, { owner: request.owner, mediaId }, candidates, succeeded);
    if (applied.changes === null) {
      // Deleted while it was analysed: the item and its results are gone.
      return { outcome: 'skipped', mediaId, reason: 'media-deleted' };
    }
    await session.tagged();
    await session.finish();
    await deps.ledger.complete(mediaId, version, runKey);
    const kinds = Object.fromEntries(statuses) as Partial<Record<AnalysisKind, KindStatus>>;
    deps.log('analysis.done', { mediaId, version, kinds, tags: applied.paths, tagChanges: applied.changes, skippedTags: applied.skipped });
    return { outcome: 'analyzed', mediaId, version, kinds, tags: applied.paths };
  } catch (error) {
    if (error instanceof SupersededError) {
      deps.log('analysis.superseded', { mediaId, version });
      return { outcome: 'superseded', mediaId, version };
    }
    throw error;
  } finally {
    object.body.destroy();
    await rm(workDir, { recursive: true, force: true });
  }
}
