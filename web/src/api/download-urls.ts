/**
 * Short-lived presigned URLs for thumbnails, posters and originals, fetched in batches: the grid
 * asks for many thumbnails at once, and they go out as one GraphQL request with an alias per file
 * (AppSync resolves aliases independently). URLs are cached until a minute before they expire.
 */
import type { MediaFile } from '../../../schema/types.generated';
import type { Api } from './client';
import type { Document } from './documents';

export interface UrlRequest {
  mediaId: string;
  file: MediaFile;
  /** The shown version (part of the cache key: a restored version has other previews). */
  version: number;
}

type Entry = { url: string; expiresAt: number };
type Pending = { request: UrlRequest; resolve: (url: string | null) => void; reject: (error: unknown) => void };

const BATCH_WINDOW_MS = 15;
const MAX_BATCH = 40;

export interface DownloadUrlLoader {
  load(request: UrlRequest): Promise<string | null>;
}

export function createDownloadUrlLoader(api: Api): DownloadUrlLoader {
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string | null>>();
  let queue: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const keyOf = (r: UrlRequest) => `${r.mediaId}:${r.file}:${r.version}`;

  const flush = async () => {
    timer = undefined;
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(MAX_BATCH);
    if (queue.length > 0) timer = setTimeout(() => void flush(), 0);
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const fields: string[] = [];
    batch.forEach(({ request }, index) => {
      declarations.push(`$m${index}: ID!`, `$f${index}: MediaFile`);
      fields.push(`u${index}: getDownloadUrl(mediaId: $m${index}, file: $f${index}) { url expiresAt }`);
      variables[`m${index}`] = request.mediaId;
      variables[`f${index}`] = request.file;
    });
    const document: Document<Record<string, { url: string; expiresAt: string } | null>, Record<string, unknown>> = {
      text: `query DownloadUrls(${declarations.join(', ')}) { ${fields.join(' ')} }`,
      operationName: 'DownloadUrls',
    };
    try {
      const data = await api.request(document, variables);
      batch.forEach(({ request, resolve }, index) => {
        const answer = data[`u${index}`];
        if (answer) cache.set(keyOf(request), { url: answer.url, expiresAt: Date.parse(answer.expiresAt) });
        resolve(answer?.url ?? null);
      });
    } catch (error) {
      // One missing preview fails the whole batch: ask for each one alone so the others still show.
      if (batch.length > 1) {
        for (const pending of batch) {
          const single: Document<Record<string, { url: string; expiresAt: string } | null>, Record<string, unknown>> = {
            text: 'query DownloadUrl($m0: ID!, $f0: MediaFile) { u0: getDownloadUrl(mediaId: $m0, file: $f0) { url expiresAt } }',
            operationName: 'DownloadUrl',
          };
          api
            .request(single, { m0: pending.request.mediaId, f0: pending.request.file })
            .then((data) => {
              const answer = data.u0;
              if (answer) cache.set(keyOf(pending.request), { url: answer.url, expiresAt: Date.parse(answer.expiresAt) });
              pending.resolve(answer?.url ?? null);
            })
            .catch(pending.reject);
        }
      } else {
        batch.forEach((pending) => pending.reject(error));
      }
    }
  };

  return {
    load(request) {
      const key = keyOf(request);
      const cached = cache.get(key);
      if (cached && cached.expiresAt - 60_000 > Date.now()) return Promise.resolve(cached.url);
      const running = inFlight.get(key);
      if (running) return running;
      const promise = new Promise<string | null>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        timer ??= setTimeout(() => void flush(), BATCH_WINDOW_MS);
      }).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
  };
}
