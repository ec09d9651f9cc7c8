import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../../../../functions/core/media/av-metadata';
import { measureAudioQuality, summarize } from '../../../../../functions/core/media/audio-quality';
import { CorruptMediaError } from '../../../../../functions/core/media/errors';
import { makeMediaDir, textSamples, writeSpeechWav, writeTestVideo, writeText, writeToneWav } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writeToneWav(file('tone-20.wav'), { peakDbfs: -20, seconds: 10 });
  await writeToneWav(file('clipped.wav'), { overdrive: 1.5, seconds: 10, silence: [4, 6] });
  await writeToneWav(file('quiet.wav'), { peakDbfs: -45, seconds: 10 });
  await writeSpeechWav(file('speech.wav'), 'Mediagraph measures loudness, silence and clipping of every upload.');
  await writeTestVideo(file('video.mp4'), { seconds: 4 });
  await writeText(file('notes.txt'), textSamples.plain);
}, 60_000);

afterAll(() => cleanup());

describe('Function: measureAudioQuality', () => {
  it('measures a −20 dBFS 1 kHz mono sine at −23 LUFS (BS.1770: a 0 dBFS sine on one channel reads −3.01)', async () => {
    // Act
    const quality = await measureAudioQuality(file('tone-20.wav'), { durationSeconds: 10 });

    // Assess
    expect(quality.integratedLufs).toBeCloseTo(-23, 0);
    expect(Math.abs((quality.integratedLufs ?? 0) + 23.01)).toBeLessThan(0.3);
    expect(quality.truePeakDbtp).toBeCloseTo(-20, 0);
    expect(quality.loudnessRangeLu).toBeLessThan(0.5);
    expect(quality.peakLevelDb).toBeCloseTo(-20, 1);
    expect(quality.clippedSampleShare).toBe(0);
    expect(quality.silenceRanges).toEqual([]);
    expect(quality.reasons).toEqual([]);
  });

  it('finds the clipping and the silent stretch at 4–6 s', async () => {
    const quality = await measureAudioQuality(file('clipped.wav'), { durationSeconds: 10 });

    // 1.5·sin clipped at ±1 sits at full scale wherever |sin| ≥ 2/3: 53.5% of the 8 s of tone, 42.8% overall.
    expect(quality.clippedSampleShare).toBeGreaterThan(0.4);
    expect(quality.clippedSampleShare).toBeLessThan(0.45);
    expect(quality.silenceRanges).toHaveLength(1);
    expect(quality.silenceRanges[0]?.start).toBeCloseTo(4, 1);
    expect(quality.silenceRanges[0]?.end).toBeCloseTo(6, 1);
    expect(quality.silenceShare).toBeCloseTo(0.2, 2);
    expect(quality.reasons[0]).toMatch(/^clipping: 4\d\.\d+% of samples at full scale$/);
  });

  it('calls a −45 dBFS tone very quiet but not silent (silence is below −50 dBFS)', async () => {
    const quality = await measureAudioQuality(file('quiet.wav'), { durationSeconds: 10 });

    expect(quality.integratedLufs).toBeCloseTo(-48, 0);
    expect(quality.reasons).toContain('very quiet: -48 LUFS');
    expect(quality.silenceRanges).toEqual([]);
  });

  it('measures speech from espeak-ng at a plausible level', async () => {
    const metadata = await probeMedia(file('speech.wav'));

    const quality = await measureAudioQuality(file('speech.wav'), { durationSeconds: metadata.durationSeconds });

    expect(quality.integratedLufs).toBeGreaterThan(-30);
    expect(quality.integratedLufs).toBeLessThan(-10);
    expect(quality.clippedSampleShare).toBeLessThan(0.001);
  });

  it("measures a video's sound track", async () => {
    const quality = await measureAudioQuality(file('video.mp4'), { durationSeconds: 4 });

    // ffmpeg's sine source is 1/8 of full scale (−18 dBFS) → about −21 LUFS, less K-weighting at 440 Hz.
    expect(quality.integratedLufs).toBeGreaterThan(-23);
    expect(quality.integratedLufs).toBeLessThan(-20);
  });

  it('refuses a file that is not audio', async () => {
    await expect(measureAudioQuality(file('notes.txt'), { durationSeconds: null })).rejects.toBeInstanceOf(CorruptMediaError);
  });
});

describe('Function: summarize', () => {
  it('reports digital silence as no audible sound, mostly silent', () => {
    const quality = summarize(
      [
        '[silencedetect @ 0x1] silence_start: 0',
        '    I:         -70.0 LUFS',
        '    LRA:         0.0 LU',
        '    Peak:       -inf dBFS',
        '[Parsed_astats_1 @ 0x2] Overall',
        '[Parsed_astats_1 @ 0x2] Peak level dB: -inf',
      ],
      5,
    );

    expect(quality).toMatchObject({ integratedLufs: null, truePeakDbtp: null, peakLevelDb: null, silenceShare: 1, clippedSampleShare: 0 });
    expect(quality.reasons).toEqual(['no audible sound', 'mostly silent: 100% of the time']);
  });
});
