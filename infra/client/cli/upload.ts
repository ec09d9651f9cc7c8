/**
 * `npm run upload -- <files or folders> [--user alice] [--endpoint http://127.0.0.1:4000/graphql]`
 * Uploads media through presigned URLs (multipart for big files) with a progress bar per file and
 * overall, then follows processing over the AppSync subscription until every file is done.
 * Token: MEDIAGRAPH_TOKEN, or one from the local issuer for --user (default: your login name).
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import WebSocket from 'ws';
import { contentTypeByExtension } from '../../../functions/core/media-types';
import { createAppSyncHttpClient } from '../appsync-http';
import { createAppSyncRealtimeClient, type WebSocketConstructor } from '../appsync-realtime';
import { createProgressDisplay } from './progress';

interface FileJob {
  file: string;
  name: string;
  size: number;
  contentType: string | null;
  uploaded: number;
  status: string;
  progress: number;
  stage: string;
  mediaId?: string;
  error?: string;
  done: boolean;
}

const CREATE_UPLOAD = /* GraphQL */ `
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      media { id status }
      version
      put { url headers }
      multipart { uploadId partSize parts { partNumber url } }
    }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation Complete($mediaId: ID!, $version: Int!, $uploadId: String!, $parts: [CompletedPart!]!) {
    completeMultipartUpload(mediaId: $mediaId, version: $version, uploadId: $uploadId, parts: $parts) { id status }
  }
`;
const FOLLOW = 'subscription Follow($mediaId: ID!) { onMediaProgress(mediaId: $mediaId) { id status progress stage error } }';
const GET = 'query Get($id: ID!) { getMedia(id: $id) { id status progress stage error } }';

/** Processing is over when ingest failed, or analysis reported READY `analyzed` (ingest's READY `ingested` is halfway). */
function isFinished(media: { status: string; stage: string | null }): boolean {
  return media.status === 'FAILED' || (media.status === 'READY' && media.stage === 'analyzed');
}

function parseArgs(argv: string[]) {
  const paths: string[] = [];
  let user = process.env.MEDIAGRAPH_USER ?? userInfo().username;
  let endpoint = process.env.MEDIAGRAPH_GRAPHQL_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '4000'}/graphql`;
  let concurrency = 3;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--user') user = argv[++i] ?? user;
    else if (arg === '--endpoint') endpoint = argv[++i] ?? endpoint;
    else if (arg === '--concurrency') concurrency = Math.max(1, Number(argv[++i] ?? 3));
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
    else paths.push(arg);
  }
  if (paths.length === 0) throw new Error('Usage: npm run upload -- <files or folders> [--user name] [--endpoint url]');
  return { paths, user, endpoint, concurrency };
}

async function collectFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input);
    if (info.isDirectory()) {
      const entries = await readdir(input, { withFileTypes: true });
      files.push(...(await collectFiles(entries.filter((e) => !e.name.startsWith('.')).map((e) => path.join(input, e.name)))));
    } else if (info.isFile()) {
      files.push(input);
    }
  }
  return files.sort();
}

async function tokenFor(endpoint: string, user: string): Promise<string> {
  if (process.env.MEDIAGRAPH_TOKEN) return process.env.MEDIAGRAPH_TOKEN;
  const response = await fetch(new URL('/auth/token', endpoint), { method: 'POST', body: JSON.stringify({ username: user }) });
  const body = (await response.json()) as { idToken?: string; message?: string };
  if (!body.idToken) throw new Error(`Could not get a token for ${user}: ${body.message ?? response.status}`);
  return body.idToken;
}

/** A stream of the byte range that counts what it passes on. */
function countingStream(file: string, start: number, end: number, onBytes: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  return createReadStream(file, { start, end: end - 1, highWaterMark: 1024 * 1024 }).pipe(counter);
}

async function putBytes(url: string, headers: Record<string, string>, body: Readable, length: number): Promise<string> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'content-length': String(length) },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!response.ok) throw new Error(`Upload refused (${response.status}): ${(await response.text()).slice(0, 200)}`);
  return response.headers.get('etag') ?? '';
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const files = await collectFiles(options.paths);
  const token = await tokenFor(options.endpoint, options.user);
  const api = createAppSyncHttpClient({ graphqlEndpoint: options.endpoint, auth: { mode: 'userPool', token: () => token } });
  const realtime = createAppSyncRealtimeClient({
    graphqlEndpoint: options.endpoint,
    auth: { mode: 'userPool', token: () => token },
    WebSocket: WebSocket as unknown as WebSocketConstructor,
  });
  const jobs: FileJob[] = [];
  for (const file of files) {
    const extension = path.extname(file).slice(1).toLowerCase();
    jobs.push({ file, name: path.basename(file), size: (await stat(file)).size, contentType: contentTypeByExtension[extension] ?? null, uploaded: 0, status: 'QUEUED', progress: 0, stage: '', done: false });
  }
  const display = createProgressDisplay(jobs, process.stdout);
  const finished: Promise<void>[] = [];

  const follow = (job: FileJob) =>
    new Promise<void>((resolve) => {
      const finish = (status: string, error?: string) => {
        if (job.done) return;
        job.status = status;
        job.error = error ?? job.error;
        job.done = true;
        display.render();
        stop();
        resolve();
      };
      const stop = realtime.subscribe(
        { query: FOLLOW, variables: { mediaId: job.mediaId } },
        {
          // Progress may have moved before the subscription started: read the item once it is live.
          started: () => {
            void api.request<{ getMedia: { status: string; progress: number; stage: string; error: string | null } | null }>({ query: GET, variables: { id: job.mediaId } }).then((r) => {
              const media = r.data?.getMedia;
              if (media && isFinished(media)) finish(media.status, media.error ?? undefined);
            });
          },
          next: (payload) => {
            const media = (payload.data as { onMediaProgress?: { status: string; progress: number; stage: string; error: string | null } }).onMediaProgress;
            if (!media) return;
            Object.assign(job, { status: media.status, progress: media.progress, stage: media.stage ?? '' });
            display.render();
            if (isFinished(media)) finish(media.status, media.error ?? undefined);
          },
          error: (error) => finish('FAILED', `subscription: ${error.message}`),
          complete: () => finish(job.status === 'READY' ? 'READY' : 'FAILED', job.error ?? 'subscription ended'),
        },
      );
    });

  const upload = async (job: FileJob) => {
    if (!job.contentType) {
      Object.assign(job, { status: 'REFUSED', error: 'unknown file type', done: true });
      return;
    }
    job.status = 'UPLOADING';
    const created = await api.request<{
      createUpload: { media: { id: string }; version: number; put: { url: string; headers: string } | null; multipart: { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[] } | null } | null;
    }>({ query: CREATE_UPLOAD, variables: { input: { name: job.name, contentType: job.contentType, size: job.size } } });
    const target = created.data?.createUpload;
    if (!target) {
      Object.assign(job, { status: 'REFUSED', error: created.errors?.[0]?.message ?? 'refused', done: true });
      return;
    }
    job.mediaId = target.media.id;
    finished.push(follow(job));
    const onBytes = (n: number) => {
      job.uploaded += n;
      display.render();
    };
    if (target.put) {
      await putBytes(target.put.url, JSON.parse(target.put.headers) as Record<string, string>, countingStream(job.file, 0, job.size, onBytes), job.size);
    } else if (target.multipart) {
      const parts: { partNumber: number; etag: string }[] = [];
      for (const part of target.multipart.parts) {
        const start = (part.partNumber - 1) * target.multipart.partSize;
        const end = Math.min(job.size, start + target.multipart.partSize);
        parts.push({ partNumber: part.partNumber, etag: await putBytes(part.url, {}, countingStream(job.file, start, end, onBytes), end - start) });
      }
      const completed = await api.request({ query: COMPLETE, variables: { mediaId: job.mediaId, version: target.version, uploadId: target.multipart.uploadId, parts } });
      if (completed.errors?.length) throw new Error(completed.errors[0]!.message);
    }
    if (!job.done) {
      job.status = 'UPLOADED';
    }
    display.render();
  };

  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        await upload(job).catch((error: unknown) => Object.assign(job!, { status: 'FAILED', error: String((error as Error).message ?? error), done: true }));
        display.render();
      }
    }),
  );
  await Promise.all(finished);
  realtime.close();
  display.finish();
  const failed = jobs.filter((j) => j.status !== 'READY');
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`upload: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
