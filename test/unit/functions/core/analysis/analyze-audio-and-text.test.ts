import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audioAnalyzer, type AudioPorts } from '../../../../../functions/core/analysis/analyze-audio';
import { textDocumentAnalyzer } from '../../../../../functions/core/analysis/analyze-text';
import { runAnalysis } from '../../../../../functions/core/analysis/run-analysis';
import type { AudioClasses } from '../../../../../functions/core/audio-classes';
import type { TextAnalysis } from '../../../../../functions/ports/text-analyzer';
import { fakePlatform } from './fakes';

const analysis = (keyPhrase: string): TextAnalysis => ({
  language: { code: 'en', confidence: 0.98 },
  sentiment: { value: 'NEGATIVE', scores: { POSITIVE: 0.05, NEGATIVE: 0.85, NEUTRAL: 0.05, MIXED: 0.05 } },
  keyPhrases: [{ text: keyPhrase, confidence: 0.9 }],
  entities: [{ text: 'Ada Lovelace', type: 'PERSON', confidence: 0.95 }],
});

const classes: AudioClasses = { durationSeconds: 10, speech: 0.7, music: 0.2, silence: 0.1, segments: [{ label: 'speech', start: 0, end: 7 }] };

describe('Function: runAnalysis (audio)', () => {
  let scratchDir: string;
  beforeEach(async () => {
    scratchDir = await mkdtemp(path.join(tmpdir(), 'analysis-audio-'));
  });
  afterEach(async () => {
    await rm(scratchDir, { recursive: true, force: true });
  });

  const ports = (overrides: Partial<AudioPorts> = {}): AudioPorts => ({
    transcriber: async () => ({ transcribe: async () => ({ language: 'en-US', text: 'the engine failed again', words: [] }) }),
    textAnalyzer: async () => ({ analyze: async (text) => analysis(text.includes('engine') ? 'engine failure' : 'other') }),
    tools: { extractSpeechAudio: async (_file, wav) => writeFile(wav, 'RIFF'), audioClasses: async () => classes },
    ...overrides,
  });

  it('transcribes, analyses the transcript and measures speech, music and silence', async () => {
    // Prepare
    const platform = fakePlatform({ mediaType: 'AUDIO', bytes: Buffer.from('mp3'), scratchDir });

    // Act
    const outcome = await runAnalysis(platform.request, platform.deps, audioAnalyzer(ports()));

    // Assess
    expect(outcome).toMatchObject({ kinds: { transcript: 'SUCCEEDED', 'text-analysis': 'SUCCEEDED', 'audio-classes': 'SUCCEEDED' } });
    expect(JSON.parse(platform.result('audio-classes')!.result!)).toMatchObject({ speech: 0.7, music: 0.2, silence: 0.1 });
    expect(JSON.parse(platform.result('text-analysis')!.result!).sentiment.value).toBe('NEGATIVE');
    const assigned = [...platform.assignments.values()].map((a) => platform.tags.get(a.tagId)!.path).sort();
    expect(assigned).toEqual(['Keywords/engine failure', 'People/Ada Lovelace']);
  });

  it('keeps the speech/music share when the transcription fails', async () => {
    // Prepare
    const platform = fakePlatform({ mediaType: 'AUDIO', bytes: Buffer.from('mp3'), scratchDir });

    // Act
    await runAnalysis(platform.request, platform.deps, audioAnalyzer(ports({ transcriber: () => Promise.reject(new Error('no recogniser installed')) })));

    // Assess
    expect(platform.result('transcript')).toMatchObject({ status: 'FAILED', error: 'no recogniser installed' });
    expect(platform.result('text-analysis')?.status).toBe('FAILED');
    expect(platform.result('audio-classes')?.status).toBe('SUCCEEDED');
  });

  it('fails every kind with the reason when the sound cannot be decoded', async () => {
    // Prepare
    const platform = fakePlatform({ mediaType: 'AUDIO', bytes: Buffer.from('mp3'), scratchDir });
    const broken = ports({ tools: { extractSpeechAudio: () => Promise.reject(new Error('the sound cannot be decoded: Invalid data')), audioClasses: async () => classes } });

    // Act
    await runAnalysis(platform.request, platform.deps, audioAnalyzer(broken));

    // Assess
    for (const kind of ['transcript', 'text-analysis', 'audio-classes']) {
      expect(platform.result(kind)).toMatchObject({ status: 'FAILED', error: 'the sound cannot be decoded: Invalid data' });
    }
  });
});

describe('Function: runAnalysis (text)', () => {
  let scratchDir: string;
  beforeEach(async () => {
    scratchDir = await mkdtemp(path.join(tmpdir(), 'analysis-text-'));
  });
  afterEach(async () => {
    await rm(scratchDir, { recursive: true, force: true });
  });

  it('analyses the document and tags its key phrases and entities', async () => {
    // Prepare
    const platform = fakePlatform({ mediaType: 'TEXT', bytes: Buffer.from('The engine failed again. Ada Lovelace would have known why.'), scratchDir });
    const seen: string[] = [];

    // Act
    await runAnalysis(platform.request, platform.deps, textDocumentAnalyzer({ textAnalyzer: async () => ({ analyze: async (text) => (seen.push(text), analysis('engine failure')) }) }));

    // Assess
    expect(seen).toEqual(['The engine failed again. Ada Lovelace would have known why.']);
    expect(JSON.parse(platform.result('text-analysis')!.result!)).toMatchObject({ source: 'document', truncated: false, sentiment: { value: 'NEGATIVE' } });
    expect(platform.tagAt('Keywords/engine failure')?.mediaCount).toBe(1);
  });

  it('reads only the start of a long document and says so', async () => {
    // Prepare
    const platform = fakePlatform({ mediaType: 'TEXT', bytes: Buffer.from('word '.repeat(1000)), scratchDir, env: { TEXT_MAX_BYTES: '1000' } });
    const seen: string[] = [];

    // Act
    await runAnalysis(platform.request, platform.deps, textDocumentAnalyzer({ textAnalyzer: async () => ({ analyze: async (text) => (seen.push(text), analysis('word')) }) }));

    // Assess
    expect(seen[0]).toHaveLength(1000);
    expect(JSON.parse(platform.result('text-analysis')!.result!)).toMatchObject({ truncated: true, bytes: 1000 });
  });

  it('marks the analysis FAILED with the analyzer\'s reason (e.g. a language it does not know)', async () => {
    // Prepare
    const platform = fakePlatform({ mediaType: 'TEXT', bytes: Buffer.from('Der Motor ist wieder ausgefallen.'), scratchDir });

    // Act
    await runAnalysis(platform.request, platform.deps, textDocumentAnalyzer({ textAnalyzer: async () => ({ analyze: () => Promise.reject(new Error('the text is in German (de); sentiment is available for en only')) }) }));

    // Assess
    expect(platform.result('text-analysis')).toMatchObject({ status: 'FAILED', error: 'the text is in German (de); sentiment is available for en only' });
    expect(platform.progress().at(-1)).toMatchObject({ status: 'READY', stage: 'analyzed' });
  });
});
