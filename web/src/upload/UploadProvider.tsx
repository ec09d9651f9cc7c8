/**
 * The upload queue for the whole app: files dropped or picked anywhere go here, upload three at a
 * time (createUpload → presigned PUT or multipart → completeMultipartUpload), and are followed over
 * `onMediaProgress` until processing ends. Pages read the state with `useUploads()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { COMPLETE_MULTIPART, CREATE_UPLOAD, GET_MEDIA, ON_MEDIA_PROGRESS } from '../api/documents';
import { useApi } from '../app/context';
import { isFinished, newUploadItem, reduceUploads, type UploadEvent, type UploadItem } from './upload-model';
import { putParts, putWithProgress } from './transfer';

const CONCURRENCY = 3;

export interface UploadsValue {
  items: UploadItem[];
  /** Queues files; `versionOf` uploads one file as a new version of that media item. */
  add(files: readonly File[], versionOf?: string): void;
  dismissFinished(): void;
}

const UploadsContext = createContext<UploadsValue | null>(null);

export function useUploads(): UploadsValue {
  const value = useContext(UploadsContext);
  if (!value) throw new Error('useUploads outside UploadProvider');
  return value;
}

export function UploadProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [items, dispatch] = useReducer((state: UploadItem[], event: UploadEvent) => reduceUploads(state, event), []);
  const files = useRef(new Map<string, File>());
  const queue = useRef<string[]>([]);
  const running = useRef(0);
  const stops = useRef(new Map<string, () => void>());
  const counter = useRef(0);

  useEffect(
    () => () => {
      for (const stop of stops.current.values()) stop();
    },
    [],
  );

  /** Follows processing from before the bytes are sent, and reads the item once live (events may have passed). */
  const follow = useCallback(
    (mediaId: string) =>
      new Promise<void>((resolve) => {
        let stop = () => {};
        const check = (media: { status: UploadItem['status']; progress: number; stage: string | null; error: string | null } | null) => {
          if (!media || !media.status) return;
          dispatch({ type: 'media', mediaId, status: media.status, progress: media.progress, stage: media.stage, error: media.error });
          if (isFinished(media)) {
            stop();
            stops.current.delete(mediaId);
          }
        };
        stop = api.subscribe(
          ON_MEDIA_PROGRESS,
          { mediaId },
          {
            started: () => {
              resolve();
              api
                .request(GET_MEDIA, { id: mediaId })
                .then((data) => data.getMedia && data.getMedia.status !== 'PENDING_UPLOAD' && check(data.getMedia))
                .catch(() => undefined);
            },
            next: (data) => check(data.onMediaProgress),
            error: () => resolve(),
          },
        );
        stops.current.set(mediaId, stop);
      }),
    [api],
  );

  const upload = useCallback(
    async (key: string) => {
      const file = files.current.get(key);
      if (!file) return;
      const item = newUploadItem(file, key, 0);
      let created;
      try {
        created = (
          await api.request(CREATE_UPLOAD, {
            input: { name: file.name, contentType: item.contentType, size: file.size, ...(itemVersionOf(key) ? { mediaId: itemVersionOf(key)! } : {}) },
          })
        ).createUpload;
      } catch (error) {
        dispatch({ type: 'refused', key, reason: refusalReason(error, item.contentType) });
        return;
      }
      if (!created) {
        dispatch({ type: 'refused', key, reason: 'The API did not accept the file.' });
        return;
      }
      const mediaId = created.media.id;
      dispatch({ type: 'started', key, mediaId });
      await follow(mediaId);
      const onProgress = (bytes: number) => dispatch({ type: 'sent', key, bytes });
      try {
        if (created.put) {
          await putWithProgress({ url: created.put.url, headers: JSON.parse(created.put.headers) as Record<string, string> }, file, onProgress);
        } else if (created.multipart) {
          const parts = await putParts(file, created.multipart.partSize, created.multipart.parts, onProgress);
          await api.request(COMPLETE_MULTIPART, { mediaId, version: created.version, uploadId: created.multipart.uploadId, parts });
        }
        dispatch({ type: 'transferred', key });
      } catch (error) {
        stops.current.get(mediaId)?.();
        stops.current.delete(mediaId);
        dispatch({ type: 'failed', key, reason: error instanceof Error ? error.message : String(error) });
      } finally {
        files.current.delete(key);
      }
    },
    [api, follow],
  );

  const versionTargets = useRef(new Map<string, string>());
  const itemVersionOf = (key: string) => versionTargets.current.get(key) ?? null;

  const pump = useCallback(() => {
    while (running.current < CONCURRENCY && queue.current.length > 0) {
      const key = queue.current.shift()!;
      running.current += 1;
      void upload(key).finally(() => {
        running.current -= 1;
        pump();
      });
    }
  }, [upload]);

  const add = useCallback(
    (picked: readonly File[], versionOf?: string) => {
      const now = Date.now();
      const added = picked.map((file) => {
        counter.current += 1;
        const key = `u${now}-${counter.current}`;
        files.current.set(key, file);
        if (versionOf) versionTargets.current.set(key, versionOf);
        queue.current.push(key);
        return newUploadItem(file, key, now, versionOf ?? null);
      });
      dispatch({ type: 'added', items: added });
      pump();
    },
    [pump],
  );

  const dismissFinished = useCallback(() => {
    dispatch({ type: 'dismissed', keys: items.filter((i) => i.phase === 'done' || i.phase === 'refused' || i.phase === 'failed').map((i) => i.key) });
  }, [items]);

  const value = useMemo(() => ({ items, add, dismissFinished }), [items, add, dismissFinished]);
  return <UploadsContext.Provider value={value}>{children}</UploadsContext.Provider>;
}

/** The API's refusal in words a person acts on. */
function refusalReason(error: unknown, contentType: string): string {
  if (error instanceof ApiError) {
    switch (error.errorType) {
      case 'UnsupportedMediaType':
        return `${contentType === 'application/octet-stream' ? 'Unknown file type' : `${contentType} is not supported`} — ${error.message}`;
      case 'PayloadTooLarge':
        return `Too large — ${error.message}`;
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
