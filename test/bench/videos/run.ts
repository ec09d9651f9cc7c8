/**
 * Video workload benchmark (`npm run bench:videos`), after the classic serverless video pipeline
 * benchmark (100 requests in 200 s on Lambda): 100 short videos with faces (face-videos.ts, built
 * from photos that ship in packages) submitted at once to the platform running as `npm start` runs
 * it (a child process): createUpload and presigned PUT for all of them together, then each followed
 * over its subscriptions until READY `analyzed` or FAILED — ingest, then the analyze-video function
 * (keyframes by scene change, labels, faces with descriptors clustered into people, the sound track
 * when there is one). Target: all done in ≤ 100 s on 2 cores.
 *
 * Prints total wall time, per-video p50/p99 (start of upload → analysed), peak memory (RSS of the
 * platform: its Node process with every worker thread, DynamoDB Local, ffmpeg children, sampled
 * from /proc), failures, and where the time went: each stage's time per video as the subscriptions
 * saw it (waiting for an ingest worker, ingest, waiting for an analyzer, keyframes, labels, faces),
 * keyframes and faces per video, the platform's CPU time by process, and the bound that CPU time
 * puts on the wall time on this machine. The load average is printed with the figures: the
 * machine may be shared. Prints figures; asserts nothing.
 *
 * The videos are kept in node_modules/.cache/mediagraph-bench-videos/ for the next run.
 * Environment: BENCH_VIDEOS (100), BENCH_SCENE_SECONDS (3; two scenes per video),
 * BENCH_VIDEO_WIDTH × BENCH_VIDEO_HEIGHT (640 × 360), BENCH_VIDEO_AUDIO=1 (a tone track, transcribed),
 * BENCH_STALL_SECONDS (300).
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createAppSyncHttpClient } from '../../../infra/client/appsync-http';
import { createAppSyncRealtimeClient, type AppSyncRealtimeClient, type WebSocketConstructor } from '../../../infra/client/appsync-realtime';
import { functionDeclarations } from '../../../infra/functions';
import { root, startBenchPlatform } from '../platform';
import { writeFaceVideos, type FaceVideo } from './face-videos';
import { cpuBetween, treeCpu } from './process-usage';

const VIDEOS = Number(process.env.BENCH_VIDEOS ?? 100);
const SCENE_SECONDS = Number(process.env.BENCH_SCENE_SECONDS ?? 3);
const WIDTH = Number(process.env.BENCH_VIDEO_WIDTH ?? 640);
const HEIGHT = Number(process.env.BENCH_VIDEO_HEIGHT ?? 360);
const AUDIO = process.env.BENCH_VIDEO_AUDIO === '1';
const STALL_MS = Number(process.env.BENCH_STALL_SECONDS ?? 300) * 1000;
const TARGET_SECONDS = 100;
/** AppSync allows 100 subscriptions per connection; each video has two. */
const VIDEOS_PER_CONNECTION = 40;

const PROGRESS = 'subscription P($id: ID!) { onMediaProgress(mediaId: $id) { id status stage error } }';
const ANALYSIS = 'subscription A($id: ID!) { onAnalysis(mediaId: $id) { kind status result error } }';
const CREATE_UPLOAD = 'mutation U($input: CreateUploadInput!) { createUpload(input: $input) { media { id } put { url headers } } }';
const KINDS = ['keyframes', 'labels', 'faces', 'transcript', 'text-analysis'] as const;

/** One video's journey, in performance.now() milliseconds as this process saw each event. */
interface Job {
  video: FaceVideo;
  mediaId?: string;
  putStartedAt?: number;
  putDoneAt?: number;
  /** First progress event of ingest. */
  ingestStartedAt?: number;
  ingestedAt?: number;
  /** First event of the analysis phase (stage `analyzing`). */
  analysisStartedAt?: number;
  doneAt?: number;
  lastSeenAt?: number;
  status?: string;
  stage?: string;
  error?: string;
  /** Ingest's progress events: stage → when it was reported. */
  ingestStages: Map<string, number>;
  kindStarted: Map<string, number>;
  kindMs: Map<string, number>;
  kindFailed: Map<string, string>;
  keyframes?: number;
  facesPerFrame?: number[];
  release?: () => void;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const spread = (values: readonly number[]) => `p50 ${seconds(percentile(values, 50))}  p99 ${seconds(percentile(values, 99))}  mean ${seconds(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length))}  (n ${values.length})`;

/** Applies one onMediaProgress event. @returns true when the job has ended */
function onProgress(job: Job, item: { status: string; stage: string | null; error: string | null }, now: number): boolean {
  Object.assign(job, { lastSeenAt: now, status: item.status, stage: item.stage ?? undefined });
  if (item.status === 'PROCESSING' && job.ingestedAt === undefined) {
    job.ingestStartedAt ??= now;
    if (item.stage) job.ingestStages.set(item.stage, now);
  }
  if (item.status === 'READY' && item.stage === 'ingested') {
    job.ingestedAt ??= now;
    job.ingestStages.set('ingested', now);
  }
  if (item.stage === 'analyzing') job.analysisStartedAt ??= now;
  if (item.status === 'FAILED' || (item.status === 'READY' && item.stage === 'analyzed')) {
    Object.assign(job, { doneAt: now, error: item.error ?? undefined });
    return true;
  }
  return false;
}

/** Applies one onAnalysis event: each kind's time from RUNNING to its end, keyframes and faces found. */
function onAnalysis(job: Job, item: { kind: string; status: string; result: string | null; error: string | null }, now: number): void {
  job.lastSeenAt = now;
  if (item.status === 'RUNNING') {
    job.kindStarted.set(item.kind, now);
    return;
  }
  job.kindMs.set(item.kind, now - (job.kindStarted.get(item.kind) ?? now));
  if (item.status === 'FAILED') job.kindFailed.set(item.kind, item.error ?? '');
  if (item.status !== 'SUCCEEDED' || !item.result) return;
  const result = JSON.parse(item.result) as { count?: number; frames?: { faces: unknown[] }[]; framesAnalysed?: number };
  if (item.kind === 'keyframes') job.keyframes = result.count;
  if (item.kind === 'faces') {
    // Only frames with faces are stored; the others count as 0.
    const withFaces = (result.frames ?? []).map((frame) => frame.faces.length);
    job.facesPerFrame = [...withFaces, ...new Array<number>(Math.max(0, (result.framesAnalysed ?? 0) - withFaces.length)).fill(0)];
  }
}

async function main(): Promise<void> {
  console.log(
    `Mediagraph video workload — ${new Date().toISOString()} — ${VIDEOS} videos of 2 × ${SCENE_SECONDS} s (${WIDTH}×${HEIGHT} H.264 25 fps${AUDIO ? ', tone track' : ', no sound'}), each two packaged photos with faces`,
  );
  console.log(`  ${availableParallelism()} cores; analyze-video concurrency ${functionDeclarations['analyze-video'].concurrency}, ingest concurrency ${functionDeclarations.ingest.concurrency} (infra/functions.ts)`);
  const generation = performance.now();
  const cacheDir = path.join(root, 'node_modules', '.cache', 'mediagraph-bench-videos', `${WIDTH}x${HEIGHT}-${SCENE_SECONDS}s${AUDIO ? '-tone' : ''}`);
  const videos = await writeFaceVideos(cacheDir, VIDEOS, { sceneSeconds: SCENE_SECONDS, width: WIDTH, height: HEIGHT, audio: AUDIO });
  const files = await Promise.all(videos.map((video) => readFile(video.file)));
  const totalBytes = files.reduce((sum, bytes) => sum + bytes.length, 0);
  console.log(`  generated (or found in ${path.relative(root, cacheDir)}) in ${seconds(performance.now() - generation)} (${(totalBytes / 2 ** 20).toFixed(1)} MiB in all, ${(totalBytes / files.length / 1024).toFixed(0)} KiB per video)`);

  const platform = await startBenchPlatform();
  const pid = platform.child.pid!;
  let peakRss = 0;
  const sampleRss = () => platform.rssBytes().then((rss) => (peakRss = Math.max(peakRss, rss)));
  const sampler = setInterval(() => void sampleRss(), 250);
  const realtimes: AppSyncRealtimeClient[] = [];
  try {
    const { idToken } = await platform.token('bench-videos');
    const auth = { mode: 'userPool' as const, token: () => idToken };
    const api = createAppSyncHttpClient({ graphqlEndpoint: platform.graphqlUrl, auth });
    const idleRss = await platform.rssBytes();
    const loadBefore = load();
    const jobs: Job[] = videos.map((video) => ({ video, ingestStages: new Map(), kindStarted: new Map(), kindMs: new Map(), kindFailed: new Map() }));

    // Submitted at once: every createUpload together, every subscription, then every PUT together.
    const cpuBefore = await treeCpu(pid);
    const started = performance.now();
    const targets = await Promise.all(
      jobs.map(async (job, index) => {
        const created = await api.request<{ createUpload: { media: { id: string }; put: { url: string; headers: string } } }>({
          query: CREATE_UPLOAD,
          variables: { input: { name: path.basename(job.video.file), contentType: 'video/mp4', size: files[index]!.length } },
        });
        if (!created.data) throw new Error(`createUpload failed: ${JSON.stringify(created.errors)}`);
        job.mediaId = created.data.createUpload.media.id;
        return created.data.createUpload.put;
      }),
    );
    const finished = jobs.map((job, index) => {
      const realtime = (realtimes[Math.floor(index / VIDEOS_PER_CONNECTION)] ??= createAppSyncRealtimeClient({ graphqlEndpoint: platform.graphqlUrl, auth, WebSocket: WebSocket as unknown as WebSocketConstructor }));
      let progressStarted!: () => void;
      let analysisStarted!: () => void;
      const subscribed = Promise.all([new Promise<void>((resolve) => (progressStarted = resolve)), new Promise<void>((resolve) => (analysisStarted = resolve))]);
      const done = new Promise<void>((resolve) => {
        const end = (fields: Partial<Job>) => {
          if (job.doneAt === undefined) Object.assign(job, fields);
          stopProgress();
          stopAnalysis();
          resolve();
        };
        const stopAnalysis = realtime.subscribe(
          { query: ANALYSIS, variables: { id: job.mediaId } },
          {
            started: analysisStarted,
            next: (payload) => onAnalysis(job, (payload.data as { onAnalysis: Parameters<typeof onAnalysis>[1] }).onAnalysis, performance.now()),
            error: (error) => end({ doneAt: performance.now(), status: 'ERROR', error: error.message }),
            complete: () => undefined,
          },
        );
        const stopProgress = realtime.subscribe(
          { query: PROGRESS, variables: { id: job.mediaId } },
          {
            started: progressStarted,
            next: (payload) => {
              if (onProgress(job, (payload.data as { onMediaProgress: Parameters<typeof onProgress>[1] }).onMediaProgress, performance.now())) end({});
            },
            error: (error) => end({ doneAt: performance.now(), status: 'ERROR', error: error.message }),
            complete: () => end({ doneAt: performance.now(), status: 'ENDED', error: 'subscription completed' }),
          },
        );
        job.release = () => end({});
      });
      return { subscribed, done };
    });
    await Promise.all(finished.map((entry) => entry.subscribed));
    const subscribedAt = performance.now();
    await Promise.all(
      jobs.map(async (job, index) => {
        const put = targets[index]!;
        job.putStartedAt = performance.now();
        const response = await fetch(put.url, { method: 'PUT', headers: JSON.parse(put.headers) as Record<string, string>, body: files[index]! });
        job.putDoneAt = performance.now();
        if (!response.ok) {
          Object.assign(job, { doneAt: performance.now(), status: 'UPLOAD FAILED', error: `HTTP ${response.status}` });
          job.release?.();
        }
      }),
    );
    const uploadedAt = performance.now();
    // Stalled: a video that showed progress and then none for STALL_MS, or every video still
    // waiting when the whole platform has shown none for STALL_MS (a queued video is not stalled).
    const watchdog = setInterval(() => {
      const now = performance.now();
      const lastEvent = Math.max(uploadedAt, ...jobs.map((job) => job.lastSeenAt ?? 0));
      for (const job of jobs) {
        const quiet = job.lastSeenAt === undefined ? now - lastEvent : now - job.lastSeenAt;
        if (job.doneAt === undefined && quiet > STALL_MS) {
          Object.assign(job, { doneAt: now, error: `stalled at ${job.status ?? 'no event'} ${job.stage ?? ''}` });
          job.release?.();
        }
      }
    }, 1000);
    await Promise.all(finished.map((entry) => entry.done));
    clearInterval(watchdog);
    const wall = performance.now() - started;
    const cpu = cpuBetween(cpuBefore, await treeCpu(pid));
    await sampleRss();
    const loadAfter = load();

    report({ jobs, wall, started, subscribedAt, uploadedAt, cpu, idleRss, peakRss, loadBefore, loadAfter });
    const people = await api.request<{ people: { items: { faceCount: number; mediaCount: number }[]; nextToken: string | null } }>({ query: '{ people(limit: 100) { items { faceCount mediaCount } nextToken } }' });
    const items = people.data?.people.items ?? [];
    console.log(
      `  people (face clusters) made: ${items.length}${people.data?.people.nextToken ? '+' : ''}; largest by faces: ${items
        .map((person) => person.faceCount)
        .sort((a, b) => b - a)
        .slice(0, 8)
        .join(', ')}`,
    );
  } finally {
    clearInterval(sampler);
    for (const realtime of realtimes) realtime.close();
    await platform.stop();
  }
}

function report(run: {
  jobs: Job[];
  wall: number;
  started: number;
  subscribedAt: number;
  uploadedAt: number;
  cpu: ReturnType<typeof cpuBetween>;
  idleRss: number;
  peakRss: number;
  loadBefore: string;
  loadAfter: string;
}): void {
  const { jobs, wall, cpu } = run;
  const analysed = jobs.filter((job) => job.status === 'READY' && job.stage === 'analyzed');
  const failed = jobs.filter((job) => !(job.status === 'READY' && job.stage === 'analyzed'));
  const kindFailures = jobs.filter((job) => job.kindFailed.size > 0);
  const between = (from: (job: Job) => number | undefined, to: (job: Job) => number | undefined) =>
    jobs.flatMap((job) => {
      const [a, b] = [from(job), to(job)];
      return a !== undefined && b !== undefined ? [b - a] : [];
    });
  const endToEnd = between((job) => job.putStartedAt, (job) => (job.status === 'READY' && job.stage === 'analyzed' ? job.doneAt : undefined));
  const verdict = wall / 1000 <= TARGET_SECONDS ? 'PASS' : 'MISS';

  console.log(`\n  load average before ${run.loadBefore}; after ${run.loadAfter} (1, 5, 15 min; 2 cores — the machine is shared)`);
  console.log(`  total wall time: ${seconds(wall)} for ${jobs.length} videos (target ≤ ${TARGET_SECONDS} s: ${verdict}); ${(analysed.length / (wall / 1000)).toFixed(2)} videos/s`);
  console.log(`    createUpload × ${jobs.length} + subscriptions ${seconds(run.subscribedAt - run.started)}, all PUTs done after ${seconds(run.uploadedAt - run.started)}`);
  console.log(`  per video, start of upload → analysed: ${spread(endToEnd)}, max ${seconds(Math.max(...endToEnd))}`);
  console.log(`  peak memory (RSS of the platform: Node + workers + DynamoDB Local + children): ${mib(run.peakRss)} (idle ${mib(run.idleRss)})`);
  console.log(`  failures: ${failed.length} videos not analysed; ${kindFailures.length} with a failed kind`);
  for (const job of failed.slice(0, 10)) console.log(`    ${path.basename(job.video.file)}: ${job.status} ${job.stage ?? ''} ${job.error ?? ''}`);
  for (const job of kindFailures.slice(0, 10)) console.log(`    ${path.basename(job.video.file)}: ${[...job.kindFailed].map(([kind, error]) => `${kind}: ${error}`).join('; ')}`);

  console.log('\n  where the time goes (per video, as the subscriptions saw it):');
  console.log(`    PUT                                  ${spread(between((job) => job.putStartedAt, (job) => job.putDoneAt))}`);
  console.log(`    uploaded → ingest starts (queue)     ${spread(between((job) => job.putDoneAt, (job) => job.ingestStartedAt))}`);
  const ingest = between((job) => job.ingestStartedAt, (job) => job.ingestedAt);
  console.log(`    ingest                               ${spread(ingest)}`);
  // A stage's time: from the previous stage's report to its own (run-ingest.ts reports each stage when it is done).
  const ingestStages = ['detect', 'checksum', 'metadata', 'quality', 'previews', 'hash', 'duplicates', 'ingested'];
  const stageTimes = ingestStages.map((stage, index) => {
    const previous = index === 0 ? 'download' : ingestStages[index - 1]!;
    const times = between((job) => job.ingestStages.get(previous), (job) => job.ingestStages.get(stage));
    return `${stage} ${(percentile(times, 50) / 1000).toFixed(2)}`;
  });
  console.log(`      ingest stages, p50 s: ${stageTimes.join(', ')}`);
  console.log(`    ingested → analysis starts (queue)   ${spread(between((job) => job.ingestedAt, (job) => job.analysisStartedAt))}`);
  const analysis = between((job) => job.analysisStartedAt, (job) => job.doneAt);
  console.log(`    analysis (analyze-video)             ${spread(analysis)}`);
  for (const kind of KINDS) {
    const times = jobs.flatMap((job) => (job.kindMs.has(kind) ? [job.kindMs.get(kind)!] : []));
    if (times.length > 0) console.log(`      ${kind.padEnd(34)} ${spread(times)}`);
  }
  const keyframes = jobs.flatMap((job) => (job.keyframes === undefined ? [] : [job.keyframes]));
  const framesTotal = keyframes.reduce((a, b) => a + b, 0);
  console.log(`    keyframes per video: mean ${(framesTotal / Math.max(1, keyframes.length)).toFixed(2)}, min ${Math.min(...keyframes)}, max ${Math.max(...keyframes)} (${framesTotal} in all)`);
  const faceTimes = jobs.flatMap((job) => (job.kindMs.has('faces') && job.keyframes ? [job.kindMs.get('faces')! / job.keyframes] : []));
  const labelTimes = jobs.flatMap((job) => (job.kindMs.has('labels') && job.keyframes ? [job.kindMs.get('labels')! / job.keyframes] : []));
  console.log(`    per keyframe: faces ${spread(faceTimes)}; labels ${spread(labelTimes)} (labels and faces run side by side)`);
  // Faces found against faces shown: a two-keyframe video's frames are its two scenes.
  let shown = 0;
  let found = 0;
  let twoFrameVideos = 0;
  for (const job of jobs) {
    if (job.keyframes !== 2 || !job.facesPerFrame) continue;
    twoFrameVideos += 1;
    shown += job.video.facesPerScene[0] + job.video.facesPerScene[1];
    found += job.facesPerFrame.reduce((a, b) => a + b, 0);
  }
  console.log(`    faces found ${found} of ${shown} shown (${((100 * found) / Math.max(1, shown)).toFixed(1)}%, over the ${twoFrameVideos} videos with one keyframe per scene)`);

  const busy = (name: 'ingest' | 'analyze-video', times: number[]) => {
    const total = times.reduce((a, b) => a + b, 0);
    const slots = functionDeclarations[name].concurrency;
    return `${name}: ${seconds(total)} busy over ${slots} instances = ${((100 * total) / (slots * wall)).toFixed(0)}% of the wall time`;
  };
  console.log(`    function instances: ${busy('ingest', ingest)}; ${busy('analyze-video', analysis)}`);
  const running = Object.entries(cpu.running)
    .sort(([, a], [, b]) => b - a)
    .map(([name, used]) => `${name} ${used.toFixed(1)} s`)
    .join(', ');
  console.log(
    `    platform CPU: ${cpu.total.toFixed(1)} s in all = ${(cpu.total / (wall / 1000)).toFixed(2)} cores on average — Node (API, bus, workers) ${cpu.root.toFixed(1)} s, finished children (ffmpeg, ffprobe, …) ${cpu.finishedChildren.toFixed(1)} s, still running: ${running || 'none'}`,
  );
  console.log(
    `    CPU bound: ${cpu.total.toFixed(1)} s of CPU on ${availableParallelism()} cores needs ≥ ${seconds((cpu.total / availableParallelism()) * 1000)} wall on an otherwise idle machine; ${(cpu.total / Math.max(1, analysed.length)).toFixed(2)} CPU-s per video`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
