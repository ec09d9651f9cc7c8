/**
 * Upload → ingest → analysis on the real local platform: the analyzers run as functions on the
 * *Media Ingested* rules with the offline models, report each kind over `onAnalysis` and each stage
 * over `onMediaProgress`, and tag the item into the owner's hierarchy so `searchMedia` by a parent
 * tag finds it. A kind that fails is reported FAILED with its reason and the others go on.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppSyncApiPublisher } from '../../../functions/adapters/aws/appsync-api-publisher';
import { createDynamoDbAnalysisLedger } from '../../../functions/adapters/aws/dynamodb-analysis-ledger';
import { createDynamoDbTagRepository } from '../../../functions/adapters/aws/dynamodb-tag-repository';
import { createS3ObjectStore } from '../../../functions/adapters/aws/s3-object-store';
import { imageAnalyzer } from '../../../functions/core/analysis/analyze-image';
import { ffmpegMediaTools } from '../../../functions/core/analysis/media-tools';
import { runAnalysis } from '../../../functions/core/analysis/run-analysis';
import { analysisSettings } from '../../../functions/core/analysis/settings';
import { originalKey } from '../../../infra/storage';
import { versionKey } from '../../../infra/table';
import { makeMediaDir } from '../../support/media';
import { collect, startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';
import { commandAvailable, writeFliteSpeech } from '../../support/speech-samples';
import { loadVisionSample } from '../../support/vision-samples';
import { createUpload, putPresigned } from './pipeline-client';

const FOLLOW = 'subscription F($mediaId: ID!) { onMediaProgress(mediaId: $mediaId) { id status progress stage error } }';
const ON_ANALYSIS = 'subscription A($mediaId: ID!) { onAnalysis(mediaId: $mediaId) { mediaId kind status result error } }';
const GET = /* GraphQL */ `
  query G($id: ID!) {
    getMedia(id: $id) {
      id status progress stage version
      tags { tag { id path } source confidence }
      analysis { kind status result error }
    }
  }
`;

type Progress = { status: string; progress: number; stage: string | null; error: string | null };
type Analysis = { mediaId: string; kind: string; status: string; result: string | null; error: string | null };
type MediaView = {
  id: string;
  status: string;
  progress: number;
  stage: string | null;
  tags: { tag: { id: string; path: string }; source: string; confidence: number }[];
  analysis: Analysis[];
};

describe('Analysis and auto-tagging', () => {
  let api: TestRuntime;
  let alice: TestUser;
  let media: { dir: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    api = await startTestRuntime({ retryDelayScale: 1 / 600 });
    alice = await api.signIn('alice');
    media = await makeMediaDir();
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await media?.cleanup();
  });

  /** Follows one item's progress and analysis from before the upload. */
  const follow = async (mediaId: string) => {
    const progress = collect(alice.realtime(), FOLLOW, { mediaId });
    const analysis = collect(alice.realtime(), ON_ANALYSIS, { mediaId });
    await Promise.all([progress.started, analysis.started]);
    const stages = () => progress.events.map((e) => (e.data as { onMediaProgress: Progress }).onMediaProgress);
    const results = () => analysis.events.map((e) => (e.data as { onAnalysis: Analysis }).onAnalysis);
    return {
      stages,
      results,
      /** Waits for the end of analysis (READY `analyzed`), or a FAILED ingest. */
      async analyzed(timeoutMs: number, from = 0): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const done = stages()
            .slice(from)
            .find((s) => (s.status === 'READY' && s.stage === 'analyzed') || s.status === 'FAILED');
          if (done) return;
          if (Date.now() > deadline) throw new Error(`No end of analysis for ${mediaId} within ${timeoutMs} ms; saw ${JSON.stringify(stages())}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      stop() {
        progress.stop();
        analysis.stop();
      },
    };
  };

  /** createUpload, follow, PUT; resolves once analysis has ended. */
  const uploadAndAnalyse = async (bytes: Buffer, name: string, contentType: string, timeoutMs = 120_000) => {
    const target = await createUpload(alice, { name, contentType, size: bytes.length });
    const followed = await follow(target.media.id);
    const response = await putPresigned(target.put!, new Uint8Array(bytes));
    expect(response.status).toBe(200);
    await followed.analyzed(timeoutMs);
    followed.stop();
    return { mediaId: target.media.id, ...followed, media: await getMedia(target.media.id) };
  };

  const getMedia = async (id: string) => (await alice.run<{ getMedia: MediaView }>(GET, { id })).getMedia;
  const tagId = async (tagPath: string) => {
    const { listTags } = await alice.run<{ listTags: { items: { id: string; path: string }[] } }>('query L($p: String) { listTags(pathPrefix: $p) { items { id path } } }', { p: tagPath });
    const tag = listTags.items.find((t) => t.path === tagPath);
    if (!tag) throw new Error(`No tag ${tagPath}; have ${listTags.items.map((t) => t.path).join(', ')}`);
    return tag.id;
  };
  const searchAnyOf = async (ids: string[]) =>
    (await alice.run<{ searchMedia: { items: { id: string }[] } }>('query S($ids: [ID!]) { searchMedia(tags: { anyOf: $ids }) { items { id } } }', { ids })).searchMedia.items.map((m) => m.id);
  const kindsOf = (results: Analysis[]) => {
    const byKind = new Map<string, string[]>();
    for (const result of results) byKind.set(result.kind, [...(byKind.get(result.kind) ?? []), result.status]);
    return Object.fromEntries(byKind);
  };

  it('analyses a photo of a horse stage by stage, tags it Animal › Mammal › Horse, and search by Animal finds it', async () => {
    // Act
    const { mediaId, stages, results, media: item } = await uploadAndAnalyse(await loadVisionSample('skimage/horse.png'), 'horse.png', 'image/png');

    // Assess: every kind over the subscription, RUNNING then SUCCEEDED.
    expect(kindsOf(results())).toEqual({
      labels: ['RUNNING', 'SUCCEEDED'],
      faces: ['RUNNING', 'SUCCEEDED'],
      text: ['RUNNING', 'SUCCEEDED'],
      moderation: ['RUNNING', 'SUCCEEDED'],
    });
    const labels = JSON.parse(results().find((r) => r.kind === 'labels' && r.status === 'SUCCEEDED')!.result!);
    expect(labels.labels.map((l: { name: string }) => l.name)).toContain('Horse');
    // Progress: ingest's stages to READY `ingested`, then the analysis phase to READY `analyzed`.
    const phase = stages().slice(stages().findIndex((s) => s.stage === 'ingested'));
    expect(phase[0]).toMatchObject({ status: 'READY', progress: 100 });
    expect(phase[1]).toMatchObject({ status: 'PROCESSING', progress: 0, stage: 'analyzing' });
    expect(phase.at(-1)).toMatchObject({ status: 'READY', progress: 100, stage: 'analyzed' });
    const analysisProgress = phase.slice(1).map((s) => s.progress);
    expect(analysisProgress).toEqual([...analysisProgress].sort((a, b) => a - b));
    // Stored: results through Media.analysis, tags through Media.tags.
    expect(item).toMatchObject({ status: 'READY', progress: 100, stage: 'analyzed' });
    expect(item.analysis.map((a) => `${a.kind}:${a.status}`).sort()).toEqual(['faces:SUCCEEDED', 'labels:SUCCEEDED', 'moderation:SUCCEEDED', 'text:SUCCEEDED']);
    const horse = item.tags.find((t) => t.tag.path === 'Animal/Mammal/Horse');
    expect(horse).toMatchObject({ source: 'AUTO' });
    expect(horse!.confidence).toBeGreaterThan(0.4);
    expect(await searchAnyOf([await tagId('Animal')])).toContain(mediaId);
    expect(await searchAnyOf([await tagId('Animal/Mammal')])).toContain(mediaId);
  }, 180_000);

  it('finds a face and files the photo under People', async () => {
    // Act
    const { mediaId, media: item } = await uploadAndAnalyse(await loadVisionSample('skimage/astronaut.png'), 'astronaut.png', 'image/png');

    // Assess
    const faces = JSON.parse(item.analysis.find((a) => a.kind === 'faces')!.result!);
    expect(faces.count).toBeGreaterThanOrEqual(1);
    expect(item.tags.map((t) => t.tag.path)).toEqual(expect.arrayContaining(['People', 'Person']));
    expect(await searchAnyOf([await tagId('People')])).toContain(mediaId);
  }, 180_000);

  it('analyses a text document: sentiment, key phrases and entities become searchable tags', async () => {
    // Prepare
    const text =
      'Our visit to the lighthouse museum was wonderful. The guides were friendly and the harbour views were beautiful. ' +
      'Marie Curie once lectured in the old harbour hall in Brittany, and the lighthouse museum keeps her letters.\n';

    // Act
    const { mediaId, media: item } = await uploadAndAnalyse(Buffer.from(text), 'visit.txt', 'text/plain');

    // Assess
    const result = JSON.parse(item.analysis.find((a) => a.kind === 'text-analysis')!.result!);
    expect(result.sentiment.value).toBe('POSITIVE');
    expect(result.keyPhrases.length).toBeGreaterThan(0);
    const paths = item.tags.map((t) => t.tag.path);
    expect(paths.some((p) => p.startsWith('Keywords/'))).toBe(true);
    expect(await searchAnyOf([await tagId('Keywords')])).toContain(mediaId);
  }, 120_000);

  it("reports the text analysis FAILED with the analyzer's reason for a language it cannot analyse, and still ends READY", async () => {
    // Prepare
    const german = 'Der Leuchtturm steht seit hundert Jahren am Hafen. Die Führung war leider sehr langweilig und viel zu lang.\n';

    // Act
    const { results, media: item } = await uploadAndAnalyse(Buffer.from(german), 'besuch.txt', 'text/plain');

    // Assess
    const failed = results().find((r) => r.kind === 'text-analysis' && r.status === 'FAILED');
    expect(failed?.error).toMatch(/German|de\b|language/i);
    expect(item).toMatchObject({ status: 'READY', stage: 'analyzed' });
  }, 120_000);

  it('keeps the other kinds when one fails, and keeps the failed kind\'s earlier tags', async () => {
    // Prepare: a photo the platform has analysed; then its analysis is retried (as after a crash)
    // with a label detector that throws, through the same ports the function uses.
    const { mediaId, media: before } = await uploadAndAnalyse(await loadVisionSample('skimage/horse.png'), 'horse-again.png', 'image/png');
    expect(before.tags.map((t) => t.tag.path)).toContain('Animal/Mammal/Horse');
    const runtime = api.runtime;
    const documents = DynamoDBDocumentClient.from(runtime.dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    await documents.send(
      new UpdateCommand({ TableName: runtime.tableName, Key: versionKey(mediaId, 1), UpdateExpression: 'SET analysisStatus = :running', ExpressionAttributeValues: { ':running': 'RUNNING' } }),
    );
    const credentials = async () => runtime.workerCredentials;
    const deps = {
      store: createS3ObjectStore({ bucket: runtime.services.bucketName, region: runtime.region, endpoint: runtime.services.s3Endpoint, credentials }),
      api: createAppSyncApiPublisher({ url: runtime.graphqlUrl, region: runtime.region, credentials }),
      ledger: createDynamoDbAnalysisLedger(documents, runtime.tableName),
      tags: createDynamoDbTagRepository(documents, runtime.tableName),
      settings: analysisSettings({}, 'local'),
      scratchDir: media.dir,
      log: () => undefined,
    };
    const analyzer = imageAnalyzer({
      labels: async () => ({ detectLabels: () => Promise.reject(new Error('the label model ran out of memory')) }),
      faces: async () => ({ detectFaces: async () => [] }),
      text: async () => ({ detectText: async () => [{ text: 'HORSE', confidence: 0.99, box: { left: 0.1, top: 0.1, width: 0.3, height: 0.1 } }] }),
      moderation: async () => ({ detectUnsafe: async () => [] }),
      recordFaces: async () => ({ personIds: [] }),
      tools: ffmpegMediaTools,
    });
    const followed = await follow(mediaId);
    const from = followed.stages().length;

    // Act
    const outcome = await runAnalysis(
      { mediaId, owner: alice.sub, version: 1, mediaType: 'IMAGE', mime: 'image/png', key: originalKey(alice.sub, mediaId, 1), objectVersionId: null },
      deps,
      analyzer,
    );
    await followed.analyzed(30_000, from);
    followed.stop();

    // Assess: subscribers saw labels fail with the reason, and the rest succeed.
    expect(outcome).toMatchObject({ outcome: 'analyzed', kinds: { labels: 'FAILED', faces: 'SUCCEEDED', text: 'SUCCEEDED', moderation: 'SUCCEEDED' } });
    expect(followed.results().find((r) => r.kind === 'labels' && r.status === 'FAILED')?.error).toBe('the label model ran out of memory');
    const item = await getMedia(mediaId);
    expect(item).toMatchObject({ status: 'READY', stage: 'analyzed' });
    expect(item.analysis.find((a) => a.kind === 'labels')).toMatchObject({ status: 'FAILED', error: 'the label model ran out of memory' });
    const paths = item.tags.map((t) => t.tag.path);
    expect(paths).toContain('Animal/Mammal/Horse');
    expect(paths).toContain('Text');
  }, 240_000);

  it.skipIf(!commandAvailable('flite'))(
    'analyses a video: keyframes, labels and faces as time segments, a transcript with key phrases, and tags in the hierarchy',
    async () => {
      // Prepare: 4 s of the astronaut, then 4 s of the horse, over a spoken sentence.
      const astronaut = path.join(media.dir, 'astronaut.png');
      const horse = path.join(media.dir, 'horse.png');
      const speech = path.join(media.dir, 'speech.wav');
      const video = path.join(media.dir, 'clip.mp4');
      await writeFile(astronaut, await loadVisionSample('skimage/astronaut.png'));
      await writeFile(horse, await loadVisionSample('skimage/horse.png'));
      await writeFliteSpeech(speech, 'The horse runs across the green field. The astronaut waves from the space station.');
      const { execFile } = await import('node:child_process');
      const { promisify } = await import('node:util');
      const { ffmpegBinary } = await import('../../../functions/core/media/binaries');
      await promisify(execFile)(ffmpegBinary(), [
        '-hide_banner', '-v', 'error', '-y',
        '-loop', '1', '-t', '4', '-i', astronaut,
        '-loop', '1', '-t', '4', '-i', horse,
        '-i', speech,
        '-filter_complex', '[0:v]scale=512:512,setsar=1,fps=25[a];[1:v]scale=512:512,setsar=1,fps=25[b];[a][b]concat=n=2:v=1:a=0[v]',
        '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-t', '8', video,
      ]);

      // Act
      const { mediaId, results, media: item } = await uploadAndAnalyse(await readFile(video), 'clip.mp4', 'video/mp4', 240_000);

      // Assess
      expect(kindsOf(results())).toEqual({
        keyframes: ['RUNNING', 'SUCCEEDED'],
        labels: ['RUNNING', 'SUCCEEDED'],
        faces: ['RUNNING', 'SUCCEEDED'],
        transcript: ['RUNNING', 'SUCCEEDED'],
        'text-analysis': ['RUNNING', 'SUCCEEDED'],
      });
      const stored = (kind: string) => JSON.parse(item.analysis.find((a) => a.kind === kind)!.result!);
      expect(stored('keyframes').times[0]).toBe(0);
      expect(stored('keyframes').times.some((t: number) => Math.abs(t - 4) < 0.2)).toBe(true);
      const segments = stored('labels').segments as { label: string; start: number; end: number }[];
      expect(segments.find((s) => s.label === 'Person')).toMatchObject({ start: 0 });
      expect(segments.find((s) => s.label === 'Horse')?.start).toBeGreaterThanOrEqual(3.8);
      expect(stored('faces').segments[0]).toMatchObject({ label: 'Face', start: 0 });
      expect(stored('transcript').text).toMatch(/horse/i);
      const paths = item.tags.map((t) => t.tag.path);
      expect(paths).toEqual(expect.arrayContaining(['Animal/Mammal/Horse', 'People']));
      expect(paths.some((p) => p.startsWith('Keywords/'))).toBe(true);
      expect(await searchAnyOf([await tagId('Animal')])).toContain(mediaId);
    },
    300_000,
  );
});
