/**
 * Ingest benchmark (`npm run bench:ingest`): 100 photos and 10 one-minute videos, generated here,
 * uploaded concurrently through presigned URLs to the platform running as `npm start` runs it (a
 * child process); each file followed over the subscription until READY or FAILED. Prints files/s,
 * p50/p99 from the start of its upload to ingested, per type, and the platform's peak memory
 * (its process plus DynamoDB Local and ffmpeg children). Prints figures; asserts nothing.
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
  doneAt?: number;
  status?: string;
  error?: string;
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
    const realtime = createAppSyncRealtimeClient({ graphqlEndpoint: platform.graphqlUrl, auth, WebSocket: WebSocket as unknown as WebSocketConstructor });
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
              const stop = realtime.subscribe(
                { query: 'subscription F($id: ID!) { onMediaProgress(mediaId: $id) { id status error } }', variables: { id: target.media.id } },
                {
                  started: markStarted,
                  next: (payload) => {
                    const item = (payload.data as { onMediaProgress: { status: string; error: string | null } }).onMediaProgress;
                    if (item.status === 'READY' || item.status === 'FAILED') {
                      Object.assign(current, { doneAt: performance.now(), status: item.status, error: item.error ?? undefined });
                      stop();
                      resolve();
                    }
                  },
                  error: (error) => {
                    Object.assign(current, { doneAt: performance.now(), status: 'ERROR', error: error.message });
                    resolve();
                  },
                  complete: () => resolve(),
                },
              );
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
    await Promise.all(finished);
    const wall = performance.now() - started;
    realtime.close();

    const ready = jobs.filter((j) => j.status === 'READY');
    console.log(`\n  all ${jobs.length} files uploaded in ${seconds(uploadedAt - started)}; all ingested after ${seconds(wall)}`);
    console.log(`  throughput: ${(ready.length / (wall / 1000)).toFixed(2)} files/s (${ready.length} READY, ${jobs.length - ready.length} not)`);
    for (const kind of ['photo', 'video'] as const) {
      const latencies = jobs.filter((j) => j.kind === kind && j.doneAt && j.startedAt).map((j) => j.doneAt! - j.startedAt!);
      console.log(`  ${kind.padEnd(6)} upload start → ingested: p50 ${seconds(percentile(latencies, 50))}   p99 ${seconds(percentile(latencies, 99))}   max ${seconds(Math.max(...latencies))}`);
    }
    const videoMinutes = (VIDEOS * VIDEO_SECONDS) / 60;
    console.log(`  footage: ${videoMinutes.toFixed(1)} min of video in the batch`);
    console.log(`  platform memory: idle ${(idleRss / 2 ** 20).toFixed(0)} MiB, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB (Node + DynamoDB Local + ffmpeg)`);
    for (const failed of jobs.filter((j) => j.status !== 'READY')) {
      console.log(`  not ready: ${path.basename(failed.file)} ${failed.status}: ${failed.error ?? ''}`);
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
