/**
 * Ingest, step by step, over ports: claim the object version (exactly one outcome per object
 * version), download it to scratch space, check the bytes are what was declared, then checksum,
 * metadata, quality, previews, perceptual hash and duplicates; report each stage through the API
 * so subscribers see it; finally announce *Media Ingested*. A file that cannot be processed ends
 * FAILED with a readable reason; infrastructure faults are thrown so the delivery is retried.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { detailTypes, eventSources } from '../../../infra/events';
import { parseOriginalKey, previewKey } from '../../../infra/storage';
import type { MediaStatus, MediaType } from '../../../schema/types.generated';
import type { ApiPublisher } from '../../ports/api-publisher';
import type { EventPublisher } from '../../ports/event-publisher';
import type { DuplicateCandidate, DuplicateRelation, MediaRepository, VersionFacts } from '../../ports/media-repository';
import type { ObjectStore } from '../../ports/object-store';
import { decideClaim } from './claim';

/** What one piece of media turned out to be. */
export interface DetectedMedia {
  mime: string;
  mediaType: MediaType;
  /** Human-readable format, e.g. "JPEG image", "MP4 video (H.264/AAC)". */
  format: string;
}

/** The analysis steps, injected (functions/core/media implements them; tests may fake them). */
export interface MediaProbes {
  /**
   * The real format, checked against what was declared: throws a media error when the file is
   * empty, unsupported, or not what the uploader said (saying what was declared and what it is).
   */
  identify(file: string, declaredContentType: string): Promise<DetectedMedia>;
  checksum(file: string): Promise<{ sha256: string; size: number }>;
  metadata(file: string, detected: DetectedMedia): Promise<Record<string, unknown>>;
  quality(file: string, detected: DetectedMedia, metadata: Record<string, unknown>): Promise<Record<string, unknown>>;
  previews(file: string, detected: DetectedMedia): Promise<{ thumbnail: Buffer | null; poster: Buffer | null }>;
  /** One hash for an image, a few keyframe hashes for a video, none for audio and text. */
  perceptualHashes(file: string, detected: DetectedMedia): Promise<string[]>;
  /** The hashes' index band keys (see core/dedupe). */
  hashBands(perceptualHashes: readonly string[]): string[];
  /** Exact and near duplicates among candidates (self excluded). */
  classifyDuplicates(subject: DuplicateCandidate, candidates: readonly DuplicateCandidate[]): DuplicateRelation[];
  /** True for errors that describe the file for good (a FAILED outcome), false for faults worth a retry. */
  isMediaError(error: unknown): error is Error;
  /** Forgets what was cached about `file` (called when ingest is done with it). */
  release(file: string): void;
}

export interface IngestDependencies {
  store: ObjectStore;
  repository: MediaRepository;
  api: ApiPublisher;
  events: EventPublisher;
  probes: MediaProbes;
  scratchDir: string;
  log(event: string, fields: Record<string, unknown>): void;
}

/** One delivery: an uploaded object (S3's Object Created) or a reprocess request. */
export interface IngestRequest {
  key: string;
  /** The S3 object version (exact bytes to process), when the bucket is versioned. */
  objectVersionId: string | null;
  /** What makes this processing distinct: the object version, or the reprocess request's id. */
  ingestKey: string;
}

export type IngestOutcome =
  | { outcome: 'ingested'; mediaId: string; version: number; mediaType: MediaType; duplicates: number }
  | { outcome: 'failed'; mediaId: string; version: number; reason: string }
  | { outcome: 'skipped'; reason: string };

/** Stage names and the progress each one reaches. */
export const stages = {
  download: 5,
  detect: 15,
  checksum: 25,
  metadata: 40,
  quality: 55,
  previews: 70,
  hash: 80,
  duplicates: 90,
  ingested: 100,
} as const;

export async function runIngest(request: IngestRequest, deps: IngestDependencies): Promise<IngestOutcome> {
  const parsed = parseOriginalKey(request.key);
  if (!parsed) {
    return { outcome: 'skipped', reason: `not an original's key: ${request.key}` };
  }
  const { owner, mediaId, version } = parsed;
  const media = await deps.repository.getMedia(mediaId);
  if (!media || media.owner !== owner) {
    return { outcome: 'skipped', reason: media ? 'key names another owner' : 'media was deleted' };
  }
  const stored = await deps.repository.getVersion(mediaId, version);
  const decision = decideClaim(stored, request.ingestKey);
  if (!decision.run) {
    return { outcome: 'skipped', reason: decision.reason };
  }
  if (!(await deps.repository.claimVersion(stored!, request.ingestKey))) {
    return { outcome: 'skipped', reason: 'another delivery claimed this version' };
  }
  const report = (status: MediaStatus, stage: keyof typeof stages, extra: Record<string, unknown> = {}) =>
    deps.api.reportProgress({ mediaId, status, progress: stages[stage], stage, ...extra });

  const file = path.join(deps.scratchDir, `ingest-${mediaId}-v${version}-${process.pid}-${Date.now()}`);
  try {
    await report('PROCESSING', 'download');
    const object = await deps.store.get(request.key, request.objectVersionId ?? undefined);
    if (!object) {
      // The announced object is gone (deleted since): nothing to process, nothing to retry.
      await deps.repository.failVersion(mediaId, version, 'The uploaded object no longer exists');
      return { outcome: 'skipped', reason: 'object not found' };
    }
    await mkdir(deps.scratchDir, { recursive: true });
    await pipeline(object.body, createWriteStream(file));

    const detected = await deps.probes.identify(file, stored!.contentType);
    await report('PROCESSING', 'detect', { format: detected.format });

    const { sha256, size } = await deps.probes.checksum(file);
    await report('PROCESSING', 'checksum', { sha256, size });

    const metadata = await deps.probes.metadata(file, detected);
    await report('PROCESSING', 'metadata');

    const quality = await deps.probes.quality(file, detected, metadata);
    await report('PROCESSING', 'quality');

    const previews = await deps.probes.previews(file, detected);
    if (previews.thumbnail) {
      await deps.store.put(previewKey(owner, mediaId, version, 'thumbnail.webp'), previews.thumbnail, 'image/webp');
    }
    if (previews.poster) {
      await deps.store.put(previewKey(owner, mediaId, version, 'poster.jpg'), previews.poster, 'image/jpeg');
    }
    await report('PROCESSING', 'previews');

    const perceptualHashes = await deps.probes.perceptualHashes(file, detected);
    const perceptualHash = perceptualHashes[0] ?? null;
    await report('PROCESSING', 'hash');

    const bands = deps.probes.hashBands(perceptualHashes);
    const candidates = (await deps.repository.findDuplicateCandidates(owner, sha256, bands)).filter((c) => c.mediaId !== mediaId);
    const relations = deps.probes.classifyDuplicates({ mediaId, sha256, perceptualHashes }, candidates);
    await deps.repository.indexHashes(owner, mediaId, sha256, perceptualHashes, bands);
    if (relations.length > 0) {
      await deps.repository.saveDuplicates(owner, relations);
    }
    await report('PROCESSING', 'duplicates');

    const facts: VersionFacts = {
      format: detected.format,
      mediaType: detected.mediaType,
      size,
      sha256,
      metadata,
      quality,
      perceptualHash,
      hasThumbnail: previews.thumbnail !== null,
      hasPoster: previews.poster !== null,
      objectVersionId: object.versionId ?? request.objectVersionId,
    };
    await deps.repository.completeVersion(mediaId, version, facts);
    // A newer version may have been shown meanwhile (uploads can overtake each other): never step back.
    const current = await deps.repository.getMedia(mediaId);
    const showThis = !current || current.version === null || current.version === undefined || current.version <= version;
    await report('READY', 'ingested', {
      ...(showThis
        ? {
            version,
            format: facts.format,
            mediaType: facts.mediaType,
            size,
            sha256,
            metadata: JSON.stringify(metadata),
            quality: JSON.stringify(quality),
            perceptualHash,
            hasThumbnail: facts.hasThumbnail,
            hasPoster: facts.hasPoster,
          }
        : {}),
    });
    await deps.events.publish([
      {
        source: eventSources.ingest,
        detailType: detailTypes.mediaIngested,
        detail: { mediaId, owner, version, mediaType: detected.mediaType, mime: detected.mime, key: request.key, objectVersionId: facts.objectVersionId },
      },
    ]);
    deps.log('ingest.done', { mediaId, version, mediaType: detected.mediaType, duplicates: relations.length });
    return { outcome: 'ingested', mediaId, version, mediaType: detected.mediaType, duplicates: relations.length };
  } catch (error) {
    if (!deps.probes.isMediaError(error)) {
      throw error;
    }
    const reason = error.message;
    await deps.repository.failVersion(mediaId, version, reason);
    await report('FAILED', 'ingested', { error: reason, stage: 'failed' });
    deps.log('ingest.failed', { mediaId, version, reason });
    return { outcome: 'failed', mediaId, version, reason };
  } finally {
    deps.probes.release(file);
    await rm(file, { force: true });
  }
}
