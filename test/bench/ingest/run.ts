/**
 * Ingest benchmark (`npm run bench:ingest`): 100 photos and 10 one-minute videos, generated here,
 * uploaded concurrently through presigned URLs to the platform running as `npm start` runs it (a
 * child process); each file followed over the subscription until ingested (READY, stage `ingested`)
 * and then until its content analysis ends (READY `analyzed`) or FAILED. Prints files/s, p50/p99 from
 * the start of its upload to ingested and to analysed, per type, and the platform's peak memory (its
 * process plus workers, DynamoDB Local and ffmpeg children). A file that shows no progress for
 * BENCH_STALL_SECONDS (300) is reported as stalled with its last status instead of hanging the run.
 * Prints figures; asserts nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import { createAppSyncHttpClient } from '../../../infra/client/appsync-http';
import { createAppSyncRealtimeClient, type WebSocketConstructor } from '../../../infra/client/appsync-realtime';
import { makeMediaDir, writePhotoJpeg, writeTestVideo } from '../../support/media';
import { startBenchPlatform } from '../platform';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 100);
const VIDEOS = Number(process.env.BENCH_VIDEOS ?? 10);
const VIDEO_SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 60);
const UPLOAD_CONCURRENCY = 16;
const STALL_MS = Number(process.env.BENCH_STALL_SECONDS ?? 300) * 1000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Job {
  file: string;
  contentType: string;
  kind: 'photo' | 'video';
  startedAt?: number;
  /** READY with stage `ingested` (or READY before analysis, if analysis is off). */
  ingestedAt?: number;
  doneAt?: number;
  lastSeenAt?: number;
  status?: string;
  stage?: string;
  error?: string;
  release?: () => void;
  subscriptionError?: string;
  progress?: number;
}

interface Progress {
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
}

async function main(): Promise<void> {
  const media = await makeMediaDir('mediagraph-bench-ingest-');
  console.log(`Mediagraph ingest benchmark — ${new Date().toISOString()} — ${PHOTOS} photos (1600×1200 JPEG) + ${VIDEOS} videos (${VIDEO_SECONDS} s, 640×360 H.264/AAC)`);
  const generation = performance.now();
  const jobs: Job[] = [];
  for (let i = 0; i < PHOTOS; i += 1) {
    const file = path.join(media.dir, `photo-${i}.jpg`);
    await writePhotoJpeg(file, { seed: 1000 + i });
    jobs.push({ file, contentType: 'image/jpeg', kind: 'photo' });
  }
  for (let i = 0; i < VIDEOS; i += 1) {
    const file = path.join(media.dir, `video-${i}.mp4`);
    await writeTestVideo(file, { seconds: VIDEO_SECONDS, pattern: (i % 2) as 0 | 1 });
    jobs.push({ file, contentType: 'video/mp4', kind: 'video' });
  }
  console.log(`  generated in ${seconds(performance.now() - generation)}`);

  const platform = await startBenchPlatform();
  let peakRss = 0;
  const sampler = setInterval(() => {
    void platform.rssBytes().then((rss) => (peakRss = Math.max(peakRss, rss)));
  }, 250);
  try {
    const { idToken } = await platform.token('bench-ingest');
    const auth = { mode: 'userPool' as const, token: () => idToken };
    const api = createAppSyncHttpClient({ graphqlEndpoint: platform.graphqlUrl, auth });
    // AppSync allows 100 subscriptions per WebSocket connection (and so does the local runtime):
    // one client (one socket) per 50 files, as a real uploader of many files would.
    const sockets = Array.from({ length: Math.ceil(jobs.length / 50) }, () =>
      createAppSyncRealtimeClient({ graphqlEndpoint: platform.graphqlUrl, auth, WebSocket: WebSocket as unknown as WebSocketConstructor }),
    );
    let subscriptions = 0;
    const idleRss = await platform.rssBytes();
    const started = performance.now();
    const finished: Promise<void>[] = [];
    const queue = [...jobs];
    await Promise.all(
      Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const bytes = await readFile(job.file);
          const created = await api.request<{ createUpload: { media: { id: string }; put: { url: string; headers: string } } }>({
            query: 'mutation U($input: CreateUploadInput!) { createUpload(input: $input) { media { id } put { url headers } } }',
            variables: { input: { name: path.basename(job.file), contentType: job.contentType, size: bytes.length } },
          });
          const target = created.data!.createUpload;
          const current = job;
          let markStarted!: () => void;
          const subscribed = new Promise<void>((resolve) => (markStarted = resolve));
          finished.push(
            new Promise<void>((resolve) => {
              /** Records what an update says; true once the item is done (analysed or failed). */
              const see = (item: Progress): boolean => {
                const now = performance.now();
                if (current.status !== item.status || current.stage !== (item.stage ?? undefined) || current.progress !== item.progress) current.lastSeenAt = now;
                Object.assign(current, { status: item.status, stage: item.stage ?? undefined, progress: item.progress });
                if (item.status === 'READY' && current.ingestedAt === undefined) current.ingestedAt = now;
                if (item.status === 'FAILED' || (item.status === 'READY' && item.stage === 'analyzed')) {
                  Object.assign(current, { doneAt: now, error: item.error ?? undefined });
                  return true;
                }
                return false;
              };
              const realtime = sockets[Math.floor(subscriptions++ / 50) % sockets.length]!;
              const stop = realtime.subscribe(
                { query: 'subscription F($id: ID!) { onMediaProgress(mediaId: $id) { id status stage progress error } }', variables: { id: target.media.id } },
                {
                  started: markStarted,
                  next: (payload) => {
                    const item = (payload.data as { onMediaProgress: Progress }).onMediaProgress;
                    if (see(item)) {
                      stop();
                      resolve();
                    }
                  },
                  // The subscription failed (e.g. the socket closed under load): follow the item by polling instead.
                  error: (error) => {
                    current.subscriptionError = error.message;
                    markStarted();
                    void (async () => {
                      while (current.doneAt === undefined) {
                        await new Promise((wait) => setTimeout(wait, 2000));
                        const polled = await api
                          .request<{ getMedia: Progress | null }>({ query: 'query G($id: ID!) { getMedia(id: $id) { id status stage progress error } }', variables: { id: target.media.id } })
                          .catch(() => null);
                        const item = polled?.data?.getMedia;
                        if (item && see(item)) break;
                      }
                      resolve();
                    })();
                  },
                  complete: () => resolve(),
                },
              );
              current.release = () => {
                stop();
                resolve();
              };
            }),
          );
          await subscribed;
          job.startedAt = performance.now();
          const response = await fetch(target.put.url, { method: 'PUT', headers: JSON.parse(target.put.headers), body: bytes });
          if (!response.ok) {
            Object.assign(job, { doneAt: performance.now(), status: 'UPLOAD FAILED', error: String(response.status) });
          }
        }
      }),
    );
    const uploadedAt = performance.now();
    const watchdog = setInterval(() => {
      const now = performance.now();
      for (const job of jobs) {
        if (job.doneAt === undefined && now - (job.lastSeenAt ?? job.startedAt ?? now) > STALL_MS) {
          Object.assign(job, { doneAt: now, error: `stalled at ${job.status ?? 'no event'} ${job.stage ?? ''}` });
          job.release?.();
        }
      }
    }, 1000);
    await Promise.all(finished);
    clearInterval(watchdog);
    const ingestedWall = Math.max(...jobs.map((j) => j.ingestedAt ?? 0)) - started;
    const wall = performance.now() - started;
    for (const socket of sockets) socket.close();

    const ingested = jobs.filter((j) => j.ingestedAt !== undefined);
    const analysed = jobs.filter((j) => j.status === 'READY' && j.stage === 'analyzed');
    console.log(`\n  all ${jobs.length} files uploaded in ${seconds(uploadedAt - started)}; last ingested after ${seconds(ingestedWall)}; last analysed after ${seconds(wall)}`);
    console.log(`  ingest throughput: ${(ingested.length / (ingestedWall / 1000)).toFixed(2)} files/s (${ingested.length} of ${jobs.length} ingested)`);
    console.log(`  end-to-end throughput (ingest + analysis): ${(analysed.length / (wall / 1000)).toFixed(2)} files/s (${analysed.length} analysed)`);
    for (const kind of ['photo', 'video'] as const) {
      const toIngested = jobs.filter((j) => j.kind === kind && j.ingestedAt && j.startedAt).map((j) => j.ingestedAt! - j.startedAt!);
      const toAnalysed = jobs.filter((j) => j.kind === kind && j.stage === 'analyzed' && j.doneAt && j.startedAt).map((j) => j.doneAt! - j.startedAt!);
      console.log(`  ${kind.padEnd(6)} upload start → ingested: p50 ${seconds(percentile(toIngested, 50))}   p99 ${seconds(percentile(toIngested, 99))}   max ${seconds(Math.max(...toIngested))}`);
      console.log(`  ${kind.padEnd(6)} upload start → analysed: p50 ${seconds(percentile(toAnalysed, 50))}   p99 ${seconds(percentile(toAnalysed, 99))}   max ${seconds(Math.max(...toAnalysed))}`);
    }
    const videoMinutes = (VIDEOS * VIDEO_SECONDS) / 60;
    console.log(`  footage: ${videoMinutes.toFixed(1)} min of video in the batch`);
    console.log(`  platform memory: idle ${(idleRss / 2 ** 20).toFixed(0)} MiB, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB (Node + DynamoDB Local + ffmpeg)`);
    for (const failed of jobs.filter((j) => !(j.status === 'READY' && j.stage === 'analyzed'))) {
      console.log(`  not done: ${path.basename(failed.file)} ${failed.status} ${failed.stage ?? ''}: ${failed.error ?? ''}`);
    }
    const polled = jobs.filter((j) => j.subscriptionError);
    if (polled.length > 0) {
      console.log(`  ${polled.length} files followed by polling after their subscription failed: ${polled[0]!.subscriptionError}`);
    }
  } finally {
    clearInterval(sampler);
    await platform.stop();
    await media.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
