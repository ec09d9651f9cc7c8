import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { videoAnalyzer, type VideoPorts } from '../../../../../functions/core/analysis/analyze-video';
import { runAnalysis } from '../../../../../functions/core/analysis/run-analysis';
import type { DetectedLabel } from '../../../../../functions/ports/label-detector';
import type { TextAnalysis } from '../../../../../functions/ports/text-analyzer';
import { fakePlatform, type FakePlatform } from './fakes';

const analysis: TextAnalysis = {
  language: { code: 'en', confidence: 0.99 },
  sentiment: { value: 'POSITIVE', scores: { POSITIVE: 0.9, NEGATIVE: 0.02, NEUTRAL: 0.07, MIXED: 0.01 } },
  keyPhrases: [{ text: 'the lighthouse', confidence: 0.95 }],
  entities: [{ text: 'Brittany', type: 'LOCATION', confidence: 0.93 }],
};

const label = (name: string, confidence: number, parents: string[] = []): DetectedLabel => ({ name, confidence, instances: [], parents });

/** Frames at 0, 4 and 8 s of a 12 s video: a dog in the first two, a person in the last two (by file content). */
function videoPorts(overrides: Partial<VideoPorts> = {}): { ports: VideoPorts; transcribed: string[] } {
  const transcribed: string[] = [];
  const byFrame: Record<string, DetectedLabel[]> = {
    f0: [label('Dog', 0.8, ['Mammal', 'Animal'])],
    f4: [label('Dog', 0.9, ['Mammal', 'Animal']), label('Person', 0.7)],
    f8: [label('Person', 0.75)],
  };
  const ports: VideoPorts = {
    labels: async () => ({ detectLabels: async (image) => byFrame[image.toString()] ?? [] }),
    faces: async () => ({
      detectFaces: async (image) =>
        image.toString() === 'f0' ? [] : [{ box: { left: 0.1, top: 0.1, width: 0.2, height: 0.2 }, confidence: 0.95, landmarks: [], attributes: {}, embedding: [1, 0] }],
    }),
    recordFaces: async (request) => ({ personIds: request.faces.map((_, i) => `p${i}`) }),
    transcriber: async () => ({
      transcribe: async (file) => {
        transcribed.push(file);
        return { language: 'en-US', text: 'the lighthouse in brittany', words: [{ word: 'the', start: 0.1, end: 0.2, confidence: 0.9 }] };
      },
    }),
    textAnalyzer: async () => ({ analyze: async () => analysis }),
    tools: {
      probe: async () => ({ durationSeconds: 12, hasVideo: true, hasAudio: true }),
      extractKeyframes: async (_file, outDir) => {
        const frames = [];
        for (const at of [0, 4, 8]) {
          const file = path.join(outDir, `frame-${at}.jpg`);
          await writeFile(file, `f${at}`);
          frames.push({ at, file });
        }
        return frames;
      },
      extractSpeechAudio: async (_file, wavFile) => writeFile(wavFile, 'RIFF'),
    },
    ...overrides,
  };
  return { ports, transcribed };
}

describe('Function: runAnalysis (video)', () => {
  let scratchDir: string;
  let platform: FakePlatform;

  beforeEach(async () => {
    scratchDir = await mkdtemp(path.join(tmpdir(), 'analysis-video-'));
    platform = fakePlatform({ mediaType: 'VIDEO', bytes: Buffer.from('mp4'), scratchDir });
  });
  afterEach(async () => {
    await rm(scratchDir, { recursive: true, force: true });
  });

  it('merges per-keyframe labels and faces into time segments', async () => {
    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, videoAnalyzer(videoPorts().ports));

    // Assess
    expect(outcome).toMatchObject({ outcome: 'analyzed', kinds: { keyframes: 'SUCCEEDED', labels: 'SUCCEEDED', faces: 'SUCCEEDED', transcript: 'SUCCEEDED', 'text-analysis': 'SUCCEEDED' } });
    expect(JSON.parse(platform.result('keyframes')!.result!)).toMatchObject({ count: 3, times: [0, 4, 8], durationSeconds: 12 });
    const labels = JSON.parse(platform.result('labels')!.result!);
    expect(labels.segments).toEqual([
      { label: 'Dog', start: 0, end: 8, confidence: 0.9 },
      { label: 'Person', start: 4, end: 12, confidence: 0.75 },
    ]);
    expect(labels.labels[0]).toMatchObject({ name: 'Dog', confidence: 0.9, parents: ['Mammal', 'Animal'], seconds: 8 });
    const faces = JSON.parse(platform.result('faces')!.result!);
    expect(faces.segments).toEqual([{ label: 'Face', start: 4, end: 12, confidence: 0.95 }]);
    expect(faces.frames.map((f: { at: number; faces: { personId: string }[] }) => [f.at, f.faces[0]!.personId])).toEqual([
      [4, 'p0'],
      [8, 'p1'],
    ]);
  });

  it('transcribes the sound track as 16 kHz WAV and analyses the transcript into tags', async () => {
    // Prepare
    const { ports, transcribed } = videoPorts();

    // Act
    await runAnalysis(platform.request, platform.deps, videoAnalyzer(ports));

    // Assess
    expect(transcribed).toHaveLength(1);
    expect(transcribed[0]).toMatch(/speech\.wav$/);
    expect(JSON.parse(platform.result('transcript')!.result!)).toMatchObject({ language: 'en-US', text: 'the lighthouse in brittany', wordCount: 1 });
    expect(JSON.parse(platform.result('text-analysis')!.result!)).toMatchObject({ source: 'transcript', sentiment: { value: 'POSITIVE' } });
    const assigned = [...platform.assignments.values()].map((a) => platform.tags.get(a.tagId)!.path).sort();
    expect(assigned).toEqual(['Animal/Mammal/Dog', 'Keywords/lighthouse', 'People', 'Person', 'Places/Brittany']);
  });

  it('says why the transcript is empty when the video has no sound', async () => {
    // Prepare
    const { ports, transcribed } = videoPorts({ tools: { ...videoPorts().ports.tools, probe: async () => ({ durationSeconds: 12, hasVideo: true, hasAudio: false }) } });

    // Act
    await runAnalysis(platform.request, platform.deps, videoAnalyzer(ports));

    // Assess
    expect(transcribed).toEqual([]);
    expect(platform.result('transcript')).toMatchObject({ status: 'SUCCEEDED', result: JSON.stringify({ skipped: 'the video has no sound track' }) });
    expect(platform.result('text-analysis')?.status).toBe('SUCCEEDED');
  });

  it('fails labels and faces when no keyframe could be extracted, and still transcribes', async () => {
    // Prepare
    const base = videoPorts().ports;
    const { ports } = videoPorts({ tools: { ...base.tools, extractKeyframes: () => Promise.reject(new Error('the video cannot be decoded for keyframes: Invalid data')) } });

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, videoAnalyzer(ports));

    // Assess
    expect(outcome).toMatchObject({ kinds: { keyframes: 'FAILED', labels: 'FAILED', faces: 'FAILED', transcript: 'SUCCEEDED', 'text-analysis': 'SUCCEEDED' } });
    expect(platform.result('keyframes')?.error).toBe('the video cannot be decoded for keyframes: Invalid data');
    expect(platform.result('labels')?.error).toMatch(/no keyframes/);
    expect(platform.progress().at(-1)).toMatchObject({ status: 'READY', progress: 100, stage: 'analyzed' });
  });

  it('keeps the frames that could be analysed when one frame fails', async () => {
    // Prepare
    const { ports } = videoPorts({
      labels: async () => ({
        detectLabels: async (image) => {
          if (image.toString() === 'f4') throw new Error('bad frame');
          return [label('Dog', 0.8)];
        },
      }),
    });

    // Act
    await runAnalysis(platform.request, platform.deps, videoAnalyzer(ports));

    // Assess
    expect(JSON.parse(platform.result('labels')!.result!)).toMatchObject({ framesAnalysed: 2, framesFailed: 1 });
  });

  it('fails the text analysis with a reason when the transcription fails', async () => {
    // Prepare
    const { ports } = videoPorts({ transcriber: async () => ({ transcribe: () => Promise.reject(new Error('pocketsphinx exited with code 1')) }) });

    // Act
    await runAnalysis(platform.request, platform.deps, videoAnalyzer(ports));

    // Assess
    expect(platform.result('transcript')).toMatchObject({ status: 'FAILED', error: 'pocketsphinx exited with code 1' });
    expect(platform.result('text-analysis')).toMatchObject({ status: 'FAILED', error: 'there is no transcript to analyse: the transcription failed' });
    expect(platform.result('labels')?.status).toBe('SUCCEEDED');
  });
});
