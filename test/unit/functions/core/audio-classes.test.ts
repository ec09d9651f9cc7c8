import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyAudio,
  classifySecond,
  classifySeconds,
  FrameAnalyzer,
  frameFeatures,
  measureAudioClasses,
  secondFeatures,
  speechEvidence,
} from '../../../../functions/core/audio-classes';
import type { SecondFeatures } from '../../../../functions/core/audio-classes';
import { CorruptMediaError } from '../../../../functions/core/media/errors';
import { makeMediaDir, textSamples, writeText } from '../../../support/media';
import { KNOWN_SENTENCES, writeConcatenation, writeEspeakSpeech, writeFliteSpeech, writeMusic, writeSilence } from '../../../support/speech-samples';

const RATE = 16_000;

/** A held C major chord: three sines. */
function chord(seconds = 3): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) => 0.2 * (Math.sin((2 * Math.PI * 262 * i) / RATE) + Math.sin((2 * Math.PI * 330 * i) / RATE) + Math.sin((2 * Math.PI * 392 * i) / RATE)));
}

/** Syllable-like bursts: 150 ms of a voiced sound whose pitch and timbre change every burst, then 100 ms of silence. */
function syllables(seconds = 3): Float32Array {
  const samples = new Float32Array(seconds * RATE);
  for (let i = 0; i < samples.length; i++) {
    const syllable = Math.floor(i / (0.25 * RATE));
    const within = (i % (0.25 * RATE)) / RATE;
    if (within > 0.15) continue;
    const pitch = 110 + 40 * (syllable % 3);
    const formant = 500 + 700 * ((syllable * 7) % 5);
    samples[i] = 0.3 * Math.sin((2 * Math.PI * pitch * i) / RATE) * (0.6 + 0.4 * Math.sin((2 * Math.PI * formant * i) / RATE));
  }
  return samples;
}

const second = (features: Partial<SecondFeatures>): SecondFeatures => ({ start: 0, end: 1, levelDb: -20, pauseShare: 0, spectralFlux: 0, ...features });

describe('Function: frameFeatures / secondFeatures', () => {
  it('finds no pauses in a held chord, so its beating partials alone do not make it speech', () => {
    const [first] = secondFeatures(frameFeatures(chord()));
    expect(first!.pauseShare).toBe(0);
    expect(speechEvidence(first!)).toBeLessThan(1);
    expect(classifyAudio(chord()).music).toBe(1);
  });

  it('finds pauses and spectral change in syllable-like bursts', () => {
    const [first] = secondFeatures(frameFeatures(syllables()));
    expect(first!.pauseShare).toBeGreaterThan(0.3);
    expect(first!.spectralFlux).toBeGreaterThan(0.0085);
  });

  it('measures one entry per second, with a last partial second of 0.2 s or more', () => {
    const seconds = secondFeatures(frameFeatures(new Float32Array(2.5 * RATE)));
    expect(seconds.map((entry) => [entry.start, entry.end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 2.5],
    ]);
    expect(secondFeatures(frameFeatures(new Float32Array(2.1 * RATE)))).toHaveLength(2);
  });

  it('gives the same frames whether the samples arrive at once or in odd chunks', () => {
    const samples = syllables(2);
    const analyzer = new FrameAnalyzer(RATE);
    for (let offset = 0; offset < samples.length; offset += 777) analyzer.push(samples.subarray(offset, offset + 777));
    const streamed = analyzer.result();
    const whole = frameFeatures(samples);
    expect(Array.from(streamed.power)).toEqual(Array.from(whole.power));
    expect(Array.from(streamed.flux)).toEqual(Array.from(whole.flux));
  });
});

describe('Function: classifySecond', () => {
  it('calls a second below −50 dBFS silence whatever its features', () => {
    expect(classifySecond(second({ levelDb: -55, pauseShare: 0.5, spectralFlux: 0.02 }))).toBe('silence');
  });

  it('calls pauses with changing spectra speech, and a held sound music', () => {
    expect(classifySecond(second({ pauseShare: 0.2, spectralFlux: 0.012 }))).toBe('speech');
    expect(classifySecond(second({ pauseShare: 0, spectralFlux: 0.004 }))).toBe('music');
  });

  it('weighs pauses above spectral change (drums change the spectrum but never stop the music)', () => {
    expect(speechEvidence(second({ pauseShare: 0, spectralFlux: 0.02 }))).toBeLessThan(1);
    expect(speechEvidence(second({ pauseShare: 0.12, spectralFlux: 0.004 }))).toBeGreaterThanOrEqual(1);
  });
});

describe('Function: classifySeconds', () => {
  it('smooths a lone second of the other class inside a run, keeps silence as measured', () => {
    // Prepare: speech, speech, music (a held word), speech, silence.
    const speech = { pauseShare: 0.3, spectralFlux: 0.012 };
    const seconds = [speech, speech, { pauseShare: 0, spectralFlux: 0.003 }, speech, { levelDb: -80 }].map((features, index) =>
      second({ ...features, start: index, end: index + 1 }),
    );

    // Act
    const classes = classifySeconds(seconds);

    // Assess
    expect(classes).toEqual({
      durationSeconds: 5,
      speech: 0.8,
      music: 0,
      silence: 0.2,
      segments: [
        { label: 'speech', start: 0, end: 4 },
        { label: 'silence', start: 4, end: 5 },
      ],
    });
  });

  it('gives all-zero shares for empty audio', () => {
    expect(classifyAudio(new Float32Array(0))).toEqual({ durationSeconds: 0, speech: 0, music: 0, silence: 0, segments: [] });
  });
});

describe('Function: measureAudioClasses', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    ({ dir, cleanup } = await makeMediaDir('mediagraph-audio-classes-'));
    const sentences = KNOWN_SENTENCES.slice(0, 3);
    await Promise.all(sentences.map((sentence, index) => writeFliteSpeech(file(`slt-${index}.wav`), sentence, 'slt')));
    await writeConcatenation(file('speech.wav'), sentences.map((_, index) => file(`slt-${index}.wav`)));
    await writeEspeakSpeech(file('espeak.wav'), KNOWN_SENTENCES.slice(3, 6).join('. '));
    await writeMusic(file('music.wav'), 10, 2);
    await writeSilence(file('silence.wav'), 4);
    await writeConcatenation(file('mixed.wav'), [file('speech.wav'), file('silence.wav'), file('music.wav')]);
    await writeText(file('notes.txt'), textSamples.plain);
  }, 60_000);

  afterAll(() => cleanup());

  it('hears flite and espeak-ng sentences as speech', async () => {
    expect((await measureAudioClasses(file('speech.wav'))).speech).toBeGreaterThanOrEqual(0.9);
    expect((await measureAudioClasses(file('espeak.wav'))).speech).toBeGreaterThanOrEqual(0.9);
  });

  it('hears a generated melody over chords as music and digital silence as silence', async () => {
    expect((await measureAudioClasses(file('music.wav'))).music).toBeGreaterThanOrEqual(0.9);
    expect((await measureAudioClasses(file('silence.wav'))).silence).toBe(1);
  });

  it('splits speech, then silence, then music into segments in that order with matching shares', async () => {
    // Act
    const classes = await measureAudioClasses(file('mixed.wav'));

    // Assess: speech ≈ 8–10 s, silence 4 s, music 10 s.
    expect(classes.segments.map((segment) => segment.label)).toEqual(['speech', 'silence', 'music']);
    expect(classes.speech + classes.music + classes.silence).toBeCloseTo(1, 2);
    expect(classes.music).toBeCloseTo(10 / classes.durationSeconds, 1);
    expect(classes.silence * classes.durationSeconds).toBeGreaterThanOrEqual(3);
    expect(classes.silence * classes.durationSeconds).toBeLessThanOrEqual(5);
  });

  it('rejects a file with no audio as corrupt media', async () => {
    await expect(measureAudioClasses(file('notes.txt'))).rejects.toBeInstanceOf(CorruptMediaError);
  });
});
