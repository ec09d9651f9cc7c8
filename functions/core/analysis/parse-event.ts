/**
 * *Media Ingested* (source `mediagraph.ingest`), parsed at the edge of the analyzers. Ingest puts it
 * once a version is processed (functions/core/ingest/run-ingest.ts); rules route it by `mediaType`
 * (infra/events.ts). Anything else, or a detail whose key does not name the version's original, is
 * refused with a reason.
 */
import { detailTypes, eventSources } from '../../../infra/events';
import { originalKey } from '../../../infra/storage';
import type { MediaType } from '../../../schema/types.generated';
import { UnexpectedEventError } from '../ingest/parse-event';

/** One version to analyse, as ingest announced it. */
export interface AnalysisRequest {
  mediaId: string;
  owner: string;
  version: number;
  mediaType: MediaType;
  /** The real content type ingest found, e.g. `image/jpeg`. */
  mime: string;
  /** The original's key (`originals/<owner>/<mediaId>/v<version>`). */
  key: string;
  /** The exact object version ingest processed, when the bucket is versioned. */
  objectVersionId: string | null;
}

const MEDIA_TYPES: readonly MediaType[] = ['IMAGE', 'VIDEO', 'AUDIO', 'TEXT'];

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * The request a *Media Ingested* event carries.
 * @param expected the media type this analyzer handles (its rule routes only that type)
 * @throws UnexpectedEventError for another event, a missing field, or another media type
 */
export function parseMediaIngestedEvent(event: unknown, expected: MediaType): AnalysisRequest {
  if (!event || typeof event !== 'object') {
    throw new UnexpectedEventError('Expected an EventBridge event object');
  }
  const e = event as { source?: unknown; 'detail-type'?: unknown; detail?: unknown };
  if (e.source !== eventSources.ingest || e['detail-type'] !== detailTypes.mediaIngested) {
    throw new UnexpectedEventError(`Analyzers handle ${eventSources.ingest} / ${detailTypes.mediaIngested}, not ${String(e.source)} / ${String(e['detail-type'])}`);
  }
  const detail = (e.detail && typeof e.detail === 'object' ? e.detail : {}) as Record<string, unknown>;
  const mediaId = text(detail.mediaId);
  const owner = text(detail.owner);
  const version = detail.version;
  const mediaType = detail.mediaType as MediaType;
  const mime = text(detail.mime);
  const key = text(detail.key);
  if (!mediaId || !owner || typeof version !== 'number' || !Number.isInteger(version) || version < 1 || !mime || !key) {
    throw new UnexpectedEventError('Media Ingested needs mediaId, owner, version (a positive integer), mime and key');
  }
  if (!MEDIA_TYPES.includes(mediaType)) {
    throw new UnexpectedEventError(`Media Ingested has an unknown mediaType ${String(detail.mediaType)}`);
  }
  if (mediaType !== expected) {
    throw new UnexpectedEventError(`This analyzer handles ${expected} media, not ${mediaType}`);
  }
  if (key !== originalKey(owner, mediaId, version)) {
    throw new UnexpectedEventError(`Media Ingested key ${key} is not the original of ${mediaId} v${version}`);
  }
  return { mediaId, owner, version, mediaType, mime, key, objectVersionId: text(detail.objectVersionId) };
}
