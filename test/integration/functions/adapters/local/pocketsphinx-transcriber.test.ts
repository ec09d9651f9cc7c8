import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPocketsphinxTranscriber, UnsupportedLanguageError } from '../../../../../functions/adapters/local/pocketsphinx-transcriber';
import type { LocalTranscriber } from '../../../../../functions/adapters/local/pocketsphinx-transcriber';
import { PocketsphinxDecoder } from '../../../../../functions/adapters/local/speech/pocketsphinx-decoder';
import { prepareRecognizerAudio } from '../../../../../functions/adapters/local/speech/recognizer-audio';
import { countWordErrors, normalizeWords } from '../../../../../functions/adapters/local/speech/word-error-rate';
import { CorruptMediaError, ToolTimeoutError } from '../../../../../functions/core/media/errors';
import type { Transcript } from '../../../../../functions/ports/transcriber';
import { makeMediaDir, textSamples, writeText } from '../../../../support/media';
import {
  audioDurationSeconds,
  packagedReadSpeech,
  writeConcatenation,
  writeFliteSpeech,
  writeSilence,
} from '../../../../support/speech-samples';

const FIRST = 'the children played football in the park after school';
const SECOND = 'my brother works in a small hospital near the river';

let dir: string;
let cleanup: () => Promise<void>;
let transcriber: LocalTranscriber;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir('mediagraph-transcriber-'));
  transcriber = createPocketsphinxTranscriber();
  await writeFliteSpeech(file('first.wav'), FIRST, 'slt');
  await writeFliteSpeech(file('second.wav'), SECOND, 'rms');
  await writeSilence(file('silence-3s.wav'), 3);
  await writeConcatenation(file('two-sentences.wav'), [file('first.wav'), file('silence-3s.wav'), file('second.wav')]);
  await writeText(file('notes.txt'), textSamples.plain);
}, 60_000);

afterAll(async () => {
  await transcriber.close();
  await cleanup();
});

/** Share of the reference's words that the transcript got right (1 − word error rate, at least 0). */
function wordAccuracy(reference: string, transcript: Transcript): number {
  const errors = countWordErrors(reference, transcript.text);
  return Math.max(0, 1 - (errors.substitutions + errors.deletions + errors.insertions) / errors.referenceWords);
}

function expectWellFormedTimings(transcript: Transcript, durationSeconds: number): void {
  expect(transcript.words.length).toBeGreaterThan(0);
  let previousStart = 0;
  for (const word of transcript.words) {
    expect(word.start).toBeGreaterThanOrEqual(previousStart);
    expect(word.end).toBeGreaterThan(word.start);
    expect(word.end).toBeLessThanOrEqual(durationSeconds + 1e-6);
    expect(word.confidence).toBeGreaterThanOrEqual(0);
    expect(word.confidence).toBeLessThanOrEqual(1);
    previousStart = word.start;
  }
}

describe('Function: createPocketsphinxTranscriber', () => {
  it('transcribes most words of a spoken sentence, in US English, with timings inside the audio', async () => {
    // Act
    const transcript = await transcriber.transcribe(file('first.wav'));

    // Assess
    expect(transcript.language).toBe('en-US');
    expect(wordAccuracy(FIRST, transcript)).toBeGreaterThanOrEqual(0.75);
    expect(normalizeWords(transcript.text)).toEqual(expect.arrayContaining(['children', 'football', 'park']));
    expect(transcript.text).toBe(transcript.words.map((word) => word.word).join(' '));
    expectWellFormedTimings(transcript, await audioDurationSeconds(file('first.wav')));
  }, 60_000);

  it('places the words of a sentence said after 3 s of silence after the silence', async () => {
    // Prepare
    const firstSeconds = await audioDurationSeconds(file('first.wav'));

    // Act
    const transcript = await transcriber.transcribe(file('two-sentences.wav'));

    // Assess: both sentences heard; "hospital" and "river" start after the first sentence and the silence.
    expect(wordAccuracy(`${FIRST} ${SECOND}`, transcript)).toBeGreaterThanOrEqual(0.75);
    expectWellFormedTimings(transcript, await audioDurationSeconds(file('two-sentences.wav')));
    const later = transcript.words.filter((word) => word.word === 'hospital' || word.word === 'river');
    expect(later.length).toBeGreaterThan(0);
    for (const word of later) expect(word.start).toBeGreaterThan(firstSeconds + 2.5);
    const park = transcript.words.find((word) => word.word === 'park');
    expect(park?.end).toBeLessThan(firstSeconds + 0.5);
  }, 60_000);

  it('keeps concurrent requests apart (one warm decoder serves them in turn)', async () => {
    // Act
    const [first, second] = await Promise.all([transcriber.transcribe(file('first.wav')), transcriber.transcribe(file('second.wav'))]);

    // Assess
    expect(wordAccuracy(FIRST, first)).toBeGreaterThanOrEqual(0.75);
    expect(wordAccuracy(SECOND, second)).toBeGreaterThanOrEqual(0.75);
    expect(normalizeWords(first.text)).not.toContain('hospital');
    expect(normalizeWords(second.text)).not.toContain('football');
  }, 60_000);

  it('hears no words in silence', async () => {
    const transcript = await transcriber.transcribe(file('silence-3s.wav'));
    expect(transcript).toEqual({ language: 'en-US', text: '', words: [] });
  });

  it('refuses a language other than English, and a file with no audio', async () => {
    await expect(transcriber.transcribe(file('first.wav'), { language: 'fr-FR' })).rejects.toBeInstanceOf(UnsupportedLanguageError);
    await expect(transcriber.transcribe(file('notes.txt'))).rejects.toBeInstanceOf(CorruptMediaError);
  });

  it('gives up on a request that outlasts its timeout, and serves the next one with a fresh process', async () => {
    // Prepare: the decoder behind the transcriber, given the first sentence as one piece.
    const decoder = new PocketsphinxDecoder();
    const audio = await prepareRecognizerAudio(file('first.wav'), file('first.raw'));
    const request = { rawPath: audio.rawPath, segments: [{ startFrame: 0, endFrame: audio.levelsDb.length }] };
    try {
      // Act + Assess: 1 ms is too short even for the model to load; then the same decoder starts again.
      await expect(decoder.decode({ ...request, timeoutMs: 1 })).rejects.toBeInstanceOf(ToolTimeoutError);
      const words = await decoder.decode({ ...request, timeoutMs: 60_000 });
      expect(words.map((word) => word.word)).toEqual(expect.arrayContaining(['children', 'football']));
    } finally {
      await decoder.close();
    }
  }, 60_000);

  it('recognises real read speech (LibriVox clip of Debian pocketsphinx-testdata) with most words right', async () => {
    // Prepare: "had he married a more a amiable woman he might have been made still more respectable than he was" (sic: the reader stumbles).
    const clips = await packagedReadSpeech();
    expect(clips).toHaveLength(5);
    const clip = clips.find((candidate) => candidate.id.endsWith('0920'))!;

    // Act
    const transcript = await transcriber.transcribe(clip.path);

    // Assess: this clip scored 1 error in 19 words on the bench; allow a few more.
    expect(wordAccuracy(clip.transcript, transcript)).toBeGreaterThanOrEqual(0.7);
    expectWellFormedTimings(transcript, await audioDurationSeconds(clip.path));
  }, 60_000);
});
