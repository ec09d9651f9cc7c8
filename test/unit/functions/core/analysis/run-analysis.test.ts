import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { imageAnalyzer, type FaceRecorder, type ImagePorts } from '../../../../../functions/core/analysis/analyze-image';
import { runAnalysis } from '../../../../../functions/core/analysis/run-analysis';
import type { DetectedFace } from '../../../../../functions/ports/face-detector';
import type { DetectedLabel } from '../../../../../functions/ports/label-detector';
import { fakePlatform, type FakePlatform } from './fakes';

const dog: DetectedLabel = { name: 'Dog', confidence: 0.92, instances: [{ box: { left: 0.1, top: 0.2, width: 0.3, height: 0.4 }, confidence: 0.92 }], parents: ['Mammal', 'Animal'] };
const face: DetectedFace = {
  box: { left: 0.5, top: 0.1, width: 0.2, height: 0.3 },
  confidence: 0.98,
  landmarks: [],
  attributes: {},
  embedding: [0.6, 0.8],
};

/** Image ports whose models answer as given; each may be replaced by a test. */
function imagePorts(overrides: Partial<ImagePorts> = {}) {
  const recorded: Parameters<FaceRecorder>[0][] = [];
  const ports: ImagePorts = {
    labels: async () => ({ detectLabels: async () => [dog] }),
    faces: async () => ({ detectFaces: async () => [face] }),
    text: async () => ({ detectText: async () => [{ text: 'GOOD BOY', confidence: 0.97, box: { left: 0, top: 0, width: 0.5, height: 0.1 } }] }),
    moderation: async () => ({ detectUnsafe: async () => [] }),
    recordFaces: async (request) => {
      recorded.push(request);
      return { personIds: request.faces.map(() => 'person-1') };
    },
    tools: { prepareImage: async () => Buffer.from('jpeg') },
    ...overrides,
  };
  return { ports, recorded };
}

describe('Function: runAnalysis (image)', () => {
  let scratchDir: string;
  let platform: FakePlatform;

  beforeEach(async () => {
    scratchDir = await mkdtemp(path.join(tmpdir(), 'analysis-test-'));
    platform = fakePlatform({ mediaType: 'IMAGE', bytes: Buffer.from('original'), scratchDir });
  });
  afterEach(async () => {
    await rm(scratchDir, { recursive: true, force: true });
  });

  it('reports every kind RUNNING then SUCCEEDED, progress through the analysis stages, and ends READY analyzed', async () => {
    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));

    // Assess
    expect(outcome).toMatchObject({ outcome: 'analyzed', kinds: { labels: 'SUCCEEDED', faces: 'SUCCEEDED', text: 'SUCCEEDED', moderation: 'SUCCEEDED' } });
    for (const kind of ['labels', 'faces', 'text', 'moderation']) {
      const statuses = platform.reports.filter((r) => r.type === 'analysis' && r.input.kind === kind).map((r) => r.input.status);
      expect(statuses).toEqual(['RUNNING', 'SUCCEEDED']);
    }
    const progress = platform.progress();
    expect(progress[0]).toMatchObject({ status: 'PROCESSING', progress: 0, stage: 'analyzing' });
    expect(progress.at(-2)).toMatchObject({ status: 'PROCESSING', progress: 95, stage: 'tags' });
    expect(progress.at(-1)).toMatchObject({ status: 'READY', progress: 100, stage: 'analyzed' });
    expect(progress.map((p) => p.progress)).toEqual([...progress.map((p) => p.progress)].sort((a, b) => a - b));
    expect(JSON.parse(platform.result('labels')!.result!)).toEqual({ labels: [dog] });
    expect(JSON.parse(platform.result('text')!.result!).text).toBe('GOOD BOY');
    expect(platform.state.version?.analysisStatus).toBe('DONE');
  });

  it('tags the item in the hierarchy: label parents, People for faces, Text for OCR', async () => {
    // Act
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));

    // Assess
    const assigned = [...platform.assignments.values()].map((a) => platform.tags.get(a.tagId)!.path).sort();
    expect(assigned).toEqual(['Animal/Mammal/Dog', 'People', 'Text']);
    expect(platform.tagAt('Animal')?.parentId).toBeNull();
    expect(platform.tagAt('Animal/Mammal/Dog')?.parentId).toBe(platform.tagAt('Animal/Mammal')?.id);
    expect([...platform.assignments.values()].every((a) => a.source === 'AUTO')).toBe(true);
    expect(platform.tagAt('Animal/Mammal/Dog')?.mediaCount).toBe(1);
  });

  it('hands the faces to the people feature and stores the person of each, without the embedding', async () => {
    // Prepare
    const { ports, recorded } = imagePorts();

    // Act
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(ports));

    // Assess
    expect(recorded).toEqual([{ owner: 'alice', mediaId: 'm1', version: 1, faces: [{ box: face.box, confidence: 0.98, at: null, embedding: [0.6, 0.8], externalFaceId: null }] }]);
    const stored = JSON.parse(platform.result('faces')!.result!);
    expect(stored.faces[0]).toMatchObject({ confidence: 0.98, personId: 'person-1' });
    expect(stored.faces[0].embedding).toBeUndefined();
  });

  it('marks a kind whose model throws FAILED with the reason and keeps the others', async () => {
    // Prepare
    const { ports } = imagePorts({ moderation: async () => ({ detectUnsafe: async () => Promise.reject(new Error('nsfw model: out of memory')) }) });

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, imageAnalyzer(ports));

    // Assess
    expect(outcome).toMatchObject({ outcome: 'analyzed', kinds: { moderation: 'FAILED', labels: 'SUCCEEDED', faces: 'SUCCEEDED', text: 'SUCCEEDED' } });
    expect(platform.result('moderation')).toMatchObject({ status: 'FAILED', error: 'nsfw model: out of memory' });
    expect(platform.progress().at(-1)).toMatchObject({ status: 'READY', stage: 'analyzed' });
    expect(platform.tagAt('Animal/Mammal/Dog')?.mediaCount).toBe(1);
  });

  it('marks a kind FAILED when its model does not answer in time, and finishes the others', async () => {
    // Prepare
    const { ports } = imagePorts({ faces: async () => ({ detectFaces: () => new Promise<DetectedFace[]>(() => undefined) }) });
    platform.deps.kindTimeoutsMs = { faces: 50 };

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, imageAnalyzer(ports));

    // Assess
    expect(outcome).toMatchObject({ kinds: { faces: 'FAILED', labels: 'SUCCEEDED' } });
    expect(platform.result('faces')).toMatchObject({ status: 'FAILED', error: 'the faces analysis did not finish within 50 ms' });
    expect(platform.progress().at(-1)).toMatchObject({ status: 'READY', stage: 'analyzed' });
  });

  it('marks a kind FAILED when its model cannot even load', async () => {
    // Prepare
    const { ports } = imagePorts({ text: () => Promise.reject(new Error('OCR models missing')) });

    // Act
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(ports));

    // Assess
    expect(platform.result('text')).toMatchObject({ status: 'FAILED', error: 'OCR models missing' });
    expect(platform.result('labels')?.status).toBe('SUCCEEDED');
  });

  it('fails every kind with the decoder\'s reason when the picture cannot be decoded', async () => {
    // Prepare
    const { ports } = imagePorts({ tools: { prepareImage: () => Promise.reject(new Error('VipsJpeg: premature end of JPEG image')) } });

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, imageAnalyzer(ports));

    // Assess
    expect(outcome).toMatchObject({ kinds: { labels: 'FAILED', faces: 'FAILED', text: 'FAILED', moderation: 'FAILED' } });
    expect(platform.result('labels')?.error).toBe('the image cannot be decoded: VipsJpeg: premature end of JPEG image');
    expect(platform.progress().at(-1)).toMatchObject({ status: 'READY', stage: 'analyzed' });
  });

  it('processes a redelivered event once: nothing reported, nothing counted twice', async () => {
    // Prepare
    const analyzer = imageAnalyzer(imagePorts().ports);
    await runAnalysis(platform.request, platform.deps, analyzer);
    const reported = platform.reports.length;

    // Act
    const again = await runAnalysis(platform.request, platform.deps, analyzer);

    // Assess
    expect(again).toEqual({ outcome: 'skipped', mediaId: 'm1', reason: 'already-analyzed' });
    expect(platform.reports).toHaveLength(reported);
    expect(platform.tagAt('Animal/Mammal/Dog')?.mediaCount).toBe(1);
  });

  it('runs again after a crash (the run left RUNNING) without assigning anything twice', async () => {
    // Prepare: the first run crashed after tagging, before it finished.
    const analyzer = imageAnalyzer(imagePorts().ports);
    await runAnalysis(platform.request, platform.deps, analyzer);
    platform.state.version = { ...platform.state.version!, analysisStatus: 'RUNNING' };

    // Act
    const again = await runAnalysis(platform.request, platform.deps, analyzer);

    // Assess
    expect(again.outcome).toBe('analyzed');
    expect(platform.assignments.size).toBe(3);
    expect(platform.tagAt('Animal/Mammal/Dog')?.mediaCount).toBe(1);
    expect(platform.state.version?.analysisAttempts).toBe(2);
  });

  it("reuses the owner's own tags of the same name, whatever their case", async () => {
    // Prepare
    const animal = platform.userTag('animal');

    // Act
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));

    // Assess
    const dogTag = platform.tagAt('animal/Mammal/Dog');
    expect(dogTag).toBeDefined();
    expect(platform.tagAt('animal/Mammal')?.parentId).toBe(animal.id);
    expect([...platform.tags.values()].filter((tag) => tag.name.toLowerCase() === 'animal')).toHaveLength(1);
  });

  it('leaves a USER assignment of the same tag as it is', async () => {
    // Prepare
    const people = platform.userTag('People');
    platform.assignments.set(people.id, { tagId: people.id, source: 'USER', confidence: 1 });
    platform.tags.get(people.id)!.mediaCount = 1;

    // Act
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));

    // Assess
    expect(platform.assignments.get(people.id)).toEqual({ tagId: people.id, source: 'USER', confidence: 1 });
    expect(platform.tags.get(people.id)!.mediaCount).toBe(1);
  });

  it('replaces the AUTO tags of kinds that ran again, and keeps those of a kind that failed this time', async () => {
    // Prepare: a first analysis tagged Dog and Text.
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));
    platform.state.version = { ...platform.state.version!, ingestKey: 'reprocess:r2' };
    const cat: DetectedLabel = { name: 'Cat', confidence: 0.8, instances: [], parents: ['Mammal', 'Animal'] };
    const { ports } = imagePorts({
      labels: async () => ({ detectLabels: async () => [cat] }),
      text: async () => ({ detectText: () => Promise.reject(new Error('OCR crashed')) }),
    });

    // Act
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(ports));

    // Assess
    const assigned = [...platform.assignments.values()].map((a) => platform.tags.get(a.tagId)!.path).sort();
    expect(assigned).toEqual(['Animal/Mammal/Cat', 'People', 'Text']);
    expect(platform.tagAt('Animal/Mammal/Dog')?.mediaCount).toBe(0);
  });

  it('stops without reporting more when a newer upload takes the item over', async () => {
    // Prepare: ingest of a newer version starts while the labels are being found.
    const { ports } = imagePorts({
      labels: async () => ({
        detectLabels: async () => {
          platform.state.media = { ...platform.state.media!, status: 'PROCESSING', stage: 'download' };
          return [dog];
        },
      }),
    });

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, imageAnalyzer(ports));

    // Assess
    expect(outcome).toEqual({ outcome: 'superseded', mediaId: 'm1', version: 1 });
    expect(platform.progress().some((p) => p.stage === 'analyzed')).toBe(false);
    expect(platform.assignments.size).toBe(0);
    expect(platform.state.media).toMatchObject({ status: 'PROCESSING', stage: 'download' });
  });

  it('skips when the original is gone, reporting nothing', async () => {
    // Prepare
    platform.objects.clear();

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));

    // Assess
    expect(outcome).toEqual({ outcome: 'skipped', mediaId: 'm1', reason: 'original-missing' });
    expect(platform.reports).toEqual([]);
  });

  it('skips while ingest is running for the item', async () => {
    // Prepare
    platform.state.media = { ...platform.state.media!, status: 'PROCESSING', stage: 'metadata' };

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));

    // Assess
    expect(outcome).toEqual({ outcome: 'skipped', mediaId: 'm1', reason: 'ingest-running' });
  });

  it('throws when the API refuses a report, so the delivery is retried', async () => {
    // Prepare
    platform.deps.api.reportAnalysis = vi.fn().mockRejectedValue(new Error('UnauthorizedException'));

    // Act, Assess
    await expect(runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports))).rejects.toThrow('UnauthorizedException');
    expect(platform.state.version?.analysisStatus).toBe('RUNNING');
  });

  it('removes its scratch files', async () => {
    // Act
    await runAnalysis(platform.request, platform.deps, imageAnalyzer(imagePorts().ports));

    // Assess
    expect(await readdir(scratchDir)).toEqual([]);
  });
});
