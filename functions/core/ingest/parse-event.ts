/**
 * The events that start ingest, parsed at the edge: S3's *Object Created* (via EventBridge) and
 * Mediagraph's *Reprocess Requested*. Anything else is refused with a reason.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 */
import { detailTypes, eventSources } from '../../../infra/events';
import type { IngestRequest } from './run-ingest';

export class UnexpectedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedEventError';
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** The ingest request an event asks for; `bucket` must be the media bucket. */
export function parseIngestEvent(event: unknown, bucket: string): IngestRequest {
  if (!event || typeof event !== 'object') {
    throw new UnexpectedEventError('Expected an EventBridge event object');
  }
  const e = event as { source?: unknown; 'detail-type'?: unknown; detail?: Record<string, unknown> };
  const detail = e.detail ?? {};
  if (e.source === eventSources.objectStore && e['detail-type'] === detailTypes.objectCreated) {
    const bucketName = text((detail.bucket as Record<string, unknown> | undefined)?.name);
    const object = (detail.object ?? {}) as Record<string, unknown>;
    const key = text(object.key);
    if (bucketName !== bucket || !key) {
      throw new UnexpectedEventError(`Object Created for ${bucketName ?? '?'}/${key ?? '?'} is not in the media bucket`);
    }
    const versionId = text(object['version-id']);
    const etag = text(object.etag);
    // Processing is keyed by object key and version: a redelivered event carries the same pair.
    return { key, objectVersionId: versionId, ingestKey: `${key}@${versionId ?? etag ?? 'unversioned'}` };
  }
  if (e.source === eventSources.library && e['detail-type'] === detailTypes.reprocessRequested) {
    const key = text(detail.key);
    const requestId = text(detail.requestId);
    if (!key || !requestId) {
      throw new UnexpectedEventError('Reprocess Requested needs key and requestId');
    }
    return { key, objectVersionId: null, ingestKey: `reprocess:${requestId}` };
  }
  throw new UnexpectedEventError(`Ingest does not handle ${String(e.source)} / ${String(e['detail-type'])}`);
}
