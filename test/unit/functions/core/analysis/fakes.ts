/**
 * In-memory stand-ins for the ports the analysis core uses: one media item with its version (the
 * ledger), the API (reports recorded, progress applied to the item as the resolver would), the tag
 * hierarchy and assignments (with the same rules as the DynamoDB adapter), and the object store.
 */
import { Readable } from 'node:stream';
import type { MediaType, ReportAnalysisInput, ReportProgressInput } from '../../../../../schema/types.generated';
import type { AnalysisSnapshot, AnalysisLedger } from '../../../../../functions/ports/analysis-ledger';
import type { ApiPublisher } from '../../../../../functions/ports/api-publisher';
import type { ObjectStore } from '../../../../../functions/ports/object-store';
import type { AutoTagChanges, StoredTag, TagRepository } from '../../../../../functions/ports/tag-repository';
import type { AnalysisDependencies } from '../../../../../functions/core/analysis/run-analysis';
import type { AnalysisRequest } from '../../../../../functions/core/analysis/parse-event';
import { analysisSettings } from '../../../../../functions/core/analysis/settings';

export interface Assignment {
  tagId: string;
  source: 'AUTO' | 'USER';
  confidence: number;
  analysisKind?: string;
}

export interface FakePlatform {
  request: AnalysisRequest;
  state: { media: NonNullable<AnalysisSnapshot['media']> | null; version: NonNullable<AnalysisSnapshot['version']> | null; progress: number };
  reports: ({ type: 'progress'; input: ReportProgressInput } | { type: 'analysis'; input: ReportAnalysisInput })[];
  tags: Map<string, StoredTag & { mediaCount: number }>;
  assignments: Map<string, Assignment>;
  objects: Map<string, Buffer>;
  deps: AnalysisDependencies;
  /** Runs before each report is recorded (to simulate another writer between reports). */
  beforeReport?: (report: FakePlatform['reports'][number]) => void;
  /** Progress reports, in order. */
  progress(): ReportProgressInput[];
  /** The last analysis report of a kind. */
  result(kind: string): ReportAnalysisInput | undefined;
  /** A tag by path (case-sensitive as stored). */
  tagAt(path: string): (StoredTag & { mediaCount: number }) | undefined;
  /** Adds a tag the user made (and its name guard). */
  userTag(path: string): StoredTag;
}

export function fakePlatform(options: { mediaType: MediaType; bytes?: Buffer; scratchDir: string; env?: Record<string, string> }): FakePlatform {
  const request: AnalysisRequest = {
    mediaId: 'm1',
    owner: 'alice',
    version: 1,
    mediaType: options.mediaType,
    mime: 'application/octet-stream',
    key: 'originals/alice/m1/v1',
    objectVersionId: 'ov1',
  };
  const state: FakePlatform['state'] = {
    media: { owner: 'alice', version: 1, status: 'READY', stage: 'ingested' },
    version: { status: 'READY', ingestKey: 'originals/alice/m1/v1@ov1', analysisKey: null, analysisStatus: null, analysisAttempts: 0 },
    progress: 100,
  };
  const reports: FakePlatform['reports'] = [];
  const tags = new Map<string, StoredTag & { mediaCount: number }>();
  const guards = new Map<string, string>();
  const assignments = new Map<string, Assignment>();
  const objects = new Map<string, Buffer>();
  if (options.bytes) objects.set(request.key, options.bytes);
  let nextId = 1;

  const guardKey = (parentId: string | null, name: string) => `${parentId ?? 'ROOT'}/${name.toLowerCase()}`;

  const platform: FakePlatform = {
    request,
    state,
    reports,
    tags,
    assignments,
    objects,
    deps: undefined as unknown as AnalysisDependencies,
    progress: () => reports.filter((r): r is { type: 'progress'; input: ReportProgressInput } => r.type === 'progress').map((r) => r.input),
    result: (kind) => reports.filter((r) => r.type === 'analysis' && r.input.kind === kind).map((r) => r.input as ReportAnalysisInput).at(-1),
    tagAt: (path) => [...tags.values()].find((tag) => tag.path === path),
    userTag(path) {
      let parent = null as StoredTag | null;
      for (const name of path.split('/')) {
        const existing = guards.get(guardKey(parent?.id ?? null, name));
        if (existing) {
          parent = tags.get(existing)!;
          continue;
        }
        const tag: StoredTag & { mediaCount: number } = { id: `user-${nextId++}`, owner: 'alice', name, path: parent ? `${parent.path}/${name}` : name, parentId: parent?.id ?? null, depth: parent ? parent.depth + 1 : 0, mediaCount: 0 };
        tags.set(tag.id, tag);
        guards.set(guardKey(tag.parentId, name), tag.id);
        parent = tag;
      }
      return parent!;
    },
  };

  const record = (report: FakePlatform['reports'][number]) => {
    platform.beforeReport?.(report);
    reports.push(report);
  };

  const api: ApiPublisher = {
    async reportProgress(input) {
      if (!state.media) throw new Error('NotFound');
      record({ type: 'progress', input });
      state.media = { ...state.media, status: input.status, stage: input.stage ?? state.media.stage };
      state.progress = input.progress;
    },
    async reportAnalysis(input) {
      if (input.status === 'FAILED' && !input.error) throw new Error('A FAILED analysis must say why');
      record({ type: 'analysis', input });
    },
  };

  const ledger: AnalysisLedger = {
    async read() {
      return structuredClone({ media: state.media, version: state.version });
    },
    async claim(_mediaId, _version, observed, runKey) {
      const current = state.version;
      if (!current || current.status !== 'READY' || current.ingestKey !== observed.ingestKey || current.analysisAttempts !== observed.analysisAttempts) return false;
      state.version = { ...current, analysisKey: runKey, analysisStatus: 'RUNNING', analysisAttempts: current.analysisAttempts + 1 };
      return true;
    },
    async complete(_mediaId, _version, runKey) {
      if (state.version?.analysisKey === runKey) state.version = { ...state.version, analysisStatus: 'DONE' };
    },
  };

  const repository: TagRepository = {
    async ensureChild(owner, parent, name) {
      const existing = guards.get(guardKey(parent?.id ?? null, name));
      if (existing) return tags.get(existing)!;
      const tag = { id: `auto-${nextId++}`, owner, name, path: parent ? `${parent.path}/${name}` : name, parentId: parent?.id ?? null, depth: parent ? parent.depth + 1 : 0, mediaCount: 0 };
      tags.set(tag.id, tag);
      guards.set(guardKey(tag.parentId, name), tag.id);
      return tag;
    },
    async syncAutoTags(_owner, _mediaId, wanted, kinds): Promise<AutoTagChanges | null> {
      if (!state.media) return null;
      const changes: AutoTagChanges = { added: [], updated: [], removed: [], keptUser: [] };
      for (const assignment of wanted) {
        const stored = assignments.get(assignment.tagId);
        if (!stored) {
          assignments.set(assignment.tagId, { tagId: assignment.tagId, source: 'AUTO', confidence: assignment.confidence, analysisKind: assignment.kind });
          tags.get(assignment.tagId)!.mediaCount += 1;
          changes.added.push(assignment.tagId);
        } else if (stored.source === 'USER') {
          changes.keptUser.push(assignment.tagId);
        } else if (stored.confidence !== assignment.confidence || stored.analysisKind !== assignment.kind) {
          assignments.set(assignment.tagId, { ...stored, confidence: assignment.confidence, analysisKind: assignment.kind });
          changes.updated.push(assignment.tagId);
        }
      }
      const wantedIds = new Set(wanted.map((a) => a.tagId));
      for (const stored of [...assignments.values()]) {
        if (stored.source === 'AUTO' && stored.analysisKind && kinds.includes(stored.analysisKind) && !wantedIds.has(stored.tagId)) {
          assignments.delete(stored.tagId);
          tags.get(stored.tagId)!.mediaCount -= 1;
          changes.removed.push(stored.tagId);
        }
      }
      return changes;
    },
  };

  const unsupported = () => {
    throw new Error('not used by the analyzers');
  };
  const store: ObjectStore = {
    bucket: 'media',
    async get(key) {
      const bytes = objects.get(key);
      return bytes ? { body: Readable.from([bytes]), size: bytes.length, contentType: null, versionId: 'ov1', etag: null } : null;
    },
    presignPut: unsupported,
    presignGet: unsupported,
    createMultipartUpload: unsupported,
    presignUploadPart: unsupported,
    completeMultipartUpload: unsupported,
    abortMultipartUpload: unsupported,
    head: unsupported,
    put: unsupported,
    delete: unsupported,
  };

  platform.deps = {
    store,
    api,
    ledger,
    tags: repository,
    settings: analysisSettings(options.env ?? {}, 'aws'),
    scratchDir: options.scratchDir,
    log: () => undefined,
  };
  return platform;
}
