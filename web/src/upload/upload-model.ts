/**
 * What the upload tray knows about each file, and how events move it along: queued → uploading
 * (bytes, from XHR progress) → processing (stages, from `onMediaProgress`) → done, or refused (the
 * API said no before any byte was sent) / failed (the transfer or processing failed, with the
 * reason). Pure: a reducer the React provider feeds, unit-tested on its own.
 */
import { contentTypeByExtension } from '../../../functions/core/media-types';
import type { MediaStatus } from '../../../schema/types.generated';

export type UploadPhase = 'queued' | 'uploading' | 'processing' | 'done' | 'refused' | 'failed';

export interface UploadItem {
  /** Local id (not the media id). */
  key: string;
  name: string;
  size: number;
  contentType: string;
  phase: UploadPhase;
  /** Bytes sent so far. */
  sent: number;
  mediaId: string | null;
  /** Re-upload of an existing item (a new version). */
  versionOf: string | null;
  status: MediaStatus | null;
  progress: number;
  stage: string | null;
  /** Why it was refused or failed. */
  error: string | null;
  addedAt: number;
}

export type UploadEvent =
  | { type: 'added'; items: UploadItem[] }
  | { type: 'started'; key: string; mediaId: string }
  | { type: 'sent'; key: string; bytes: number }
  | { type: 'transferred'; key: string }
  | { type: 'refused'; key: string; reason: string }
  | { type: 'failed'; key: string; reason: string }
  | { type: 'media'; mediaId: string; status: MediaStatus; progress: number; stage: string | null; error: string | null }
  | { type: 'dismissed'; keys: string[] };

/** The content type to declare for a file: the browser's, else one from the extension, else a generic one the API will refuse by name. */
export function declaredContentType(name: string, browserType: string): string {
  if (browserType.trim() !== '') return browserType;
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return contentTypeByExtension[extension] ?? 'application/octet-stream';
}

/** Processing is over when ingest failed, or analysis reported READY `analyzed` (ingest's READY `ingested` is halfway). */
export function isFinished(media: { status: MediaStatus | null; stage: string | null }): boolean {
  return media.status === 'FAILED' || (media.status === 'READY' && media.stage === 'analyzed');
}

export function newUploadItem(file: { name: string; size: number; type: string }, key: string, now: number, versionOf: string | null = null): UploadItem {
  return {
    key,
    name: file.name,
    size: file.size,
    contentType: declaredContentType(file.name, file.type),
    phase: 'queued',
    sent: 0,
    mediaId: versionOf,
    versionOf,
    status: null,
    progress: 0,
    stage: null,
    error: null,
    addedAt: now,
  };
}

const ended = (phase: UploadPhase) => phase === 'done' || phase === 'refused' || phase === 'failed';

export function reduceUploads(items: readonly UploadItem[], event: UploadEvent): UploadItem[] {
  const update = (key: string, change: (item: UploadItem) => UploadItem) => items.map((item) => (item.key === key ? change(item) : item));
  switch (event.type) {
    case 'added':
      return [...items, ...event.items];
    case 'started':
      return update(event.key, (item) => ({ ...item, phase: 'uploading', mediaId: event.mediaId }));
    case 'sent':
      return update(event.key, (item) => (ended(item.phase) ? item : { ...item, sent: Math.min(item.size, Math.max(item.sent, event.bytes)) }));
    case 'transferred':
      return update(event.key, (item) => (item.phase === 'uploading' ? { ...item, phase: 'processing', sent: item.size } : item));
    case 'refused':
      return update(event.key, (item) => ({ ...item, phase: 'refused', error: event.reason }));
    case 'failed':
      return update(event.key, (item) => (ended(item.phase) ? item : { ...item, phase: 'failed', error: event.reason }));
    case 'media':
      return items.map((item) => {
        if (item.mediaId !== event.mediaId || item.phase === 'refused' || item.phase === 'done' || item.phase === 'failed') return item;
        const next: UploadItem = { ...item, status: event.status, progress: event.progress, stage: event.stage, error: event.error ?? item.error };
        // Processing reports can arrive before XHR's load event: the bytes are all there then.
        if (next.phase === 'uploading' && event.status !== 'PENDING_UPLOAD') {
          next.phase = 'processing';
          next.sent = item.size;
        }
        if (event.status === 'FAILED') return { ...next, phase: 'failed', error: event.error ?? 'Processing failed' };
        if (isFinished(event)) return { ...next, phase: 'done' };
        return next;
      });
    case 'dismissed':
      return items.filter((item) => !event.keys.includes(item.key));
  }
}

/** Overall figures for the tray's header. */
export function summarise(items: readonly UploadItem[]): { active: number; done: number; problems: number; bytesTotal: number; bytesSent: number } {
  let active = 0;
  let done = 0;
  let problems = 0;
  let bytesTotal = 0;
  let bytesSent = 0;
  for (const item of items) {
    if (item.phase === 'done') done += 1;
    else if (item.phase === 'refused' || item.phase === 'failed') problems += 1;
    else active += 1;
    bytesTotal += item.size;
    bytesSent += item.phase === 'refused' ? 0 : item.sent;
  }
  return { active, done, problems, bytesTotal, bytesSent };
}

/** A short human description of where an item is. */
export function describeUpload(item: UploadItem): string {
  switch (item.phase) {
    case 'queued':
      return 'Waiting…';
    case 'uploading':
      return item.size > 0 ? `Uploading ${Math.floor((item.sent / item.size) * 100)}%` : 'Uploading…';
    case 'processing':
      return item.stage ? `${stageLabel(item.stage)} · ${item.progress}%` : 'Waiting for processing…';
    case 'done':
      return 'Done';
    case 'refused':
      return `Refused: ${item.error ?? 'the server did not accept the file'}`;
    case 'failed':
      return `Failed: ${item.error ?? 'unknown reason'}`;
  }
}

const STAGE_LABELS: Readonly<Record<string, string>> = {
  download: 'Reading',
  detect: 'Detecting format',
  checksum: 'Checksum',
  metadata: 'Metadata',
  quality: 'Quality',
  previews: 'Previews',
  hash: 'Fingerprint',
  duplicates: 'Duplicates',
  ingested: 'Ingested',
  analyzing: 'Analysing',
  keyframes: 'Keyframes',
  labels: 'Labels',
  faces: 'Faces',
  text: 'Text in image',
  moderation: 'Moderation',
  transcript: 'Transcript',
  'text-analysis': 'Text analysis',
  'audio-classes': 'Audio classes',
  tags: 'Tagging',
  analyzed: 'Analysed',
  failed: 'Failed',
};

/** "text-analysis" → "Text analysis". */
export function stageLabel(stage: string): string {
  return STAGE_LABELS[stage] ?? stage.charAt(0).toUpperCase() + stage.slice(1).replace(/-/g, ' ');
}
