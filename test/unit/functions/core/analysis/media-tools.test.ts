/**
 * The real file work of the analyzers, with ffmpeg and sharp on generated media: keyframes by
 * scene change, the sound as 16 kHz mono WAV, the upright picture for the vision models.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planKeyframes } from '../../../../../functions/core/analysis/keyframe-plan';
import { ffmpegMediaTools } from '../../../../../functions/core/analysis/media-tools';
import { ffmpegBinary } from '../../../../../functions/core/media/binaries';
import { CorruptMediaError } from '../../../../../functions/core/media/errors';
import { makeMediaDir, sceneImage, writeTestVideo } from '../../../../support/media';

describe('Function: ffmpegMediaTools', () => {
  let media: { dir: string; cleanup: () => Promise<void> };
  const file = (name: string) => path.join(media.dir, name);
  const fresh = async (name: string) => {
    await mkdir(file(name), { recursive: true });
    return file(name);
  };

  beforeAll(async () => {
    media = await makeMediaDir();
    await writeTestVideo(file('cuts.mp4'), { seconds: 8, black: [3, 5] });
    await writeTestVideo(file('silent.mp4'), { seconds: 2, audio: false });
    await writeSixScenes(file('six-scenes.mp4'));
  }, 60_000);
  afterAll(async () => {
    await media?.cleanup();
  });

  it('takes the first frame and the scene changes as keyframes, upright JPEGs no larger than asked', async () => {
    // Prepare
    const plan = planKeyframes(8, { maxFrames: 32, gapSeconds: 10, sceneThreshold: 0.3 });

    // Act
    const frames = await ffmpegMediaTools.extractKeyframes(file('cuts.mp4'), await fresh('cuts-frames'), plan, { frameSide: 320, durationSeconds: 8 });

    // Assess: the cut to black at 3 s and back at 5 s.
    const times = frames.map((frame) => frame.at);
    expect(times[0]).toBe(0);
    expect(times.some((t) => Math.abs(t - 3) < 0.1)).toBe(true);
    expect(times.some((t) => Math.abs(t - 5) < 0.1)).toBe(true);
    expect(times.length).toBeLessThanOrEqual(6);
    const info = await sharp(await readFile(frames[0]!.file)).metadata();
    expect(info).toMatchObject({ format: 'jpeg', width: 320, height: 180 });
  });

  it('finds the cuts of a long video decoded keyframes only, when every keyframe is a cut', async () => {
    // Prepare: 6 scenes of 7 s (cuts at 7, 14, 21, 28, 35 s, each a keyframe of the encoder's own).
    // The gap rule alone (10 s) would take 0, 14, 28 s and miss three scenes; ffmpeg's scene score
    // between keyframe-only frames was 0.05–0.25 at four of these cuts before each frame was doubled.
    const plan = planKeyframes(42, { maxFrames: 32, gapSeconds: 10, sceneThreshold: 0.3 });

    // Act
    const frames = await ffmpegMediaTools.extractKeyframes(file('six-scenes.mp4'), await fresh('six-scenes-frames'), plan, { frameSide: 160, durationSeconds: 42 });

    // Assess: every scene has a frame, taken at its cut.
    const times = frames.map((frame) => frame.at);
    for (const cut of [0, 7, 14, 21, 28, 35]) {
      expect(times.some((t) => Math.abs(t - cut) < 0.1), `a frame at ${cut} s in ${times.join(', ')}`).toBe(true);
    }
    expect(times.length).toBeLessThanOrEqual(8);
  });

  it('takes a frame at least every gap in a video without cuts', async () => {
    // Prepare
    const plan = planKeyframes(8, { maxFrames: 32, gapSeconds: 2, sceneThreshold: 0.99 });

    // Act
    const frames = await ffmpegMediaTools.extractKeyframes(file('cuts.mp4'), await fresh('gap-frames'), plan, { frameSide: 160, durationSeconds: 8 });

    // Assess
    const times = frames.map((frame) => frame.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(times[0]).toBe(0);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2.05);
    expect(times.at(-1)).toBeGreaterThan(5.9);
  });

  it('keeps no more frames than the maximum, spread over the video', async () => {
    // Prepare
    const plan = planKeyframes(8, { maxFrames: 2, gapSeconds: 1, sceneThreshold: 0.3 });

    // Act
    const dir = await fresh('two-frames');
    const frames = await ffmpegMediaTools.extractKeyframes(file('cuts.mp4'), dir, plan, { frameSide: 160, durationSeconds: 8 });

    // Assess
    expect(frames).toHaveLength(2);
    expect(frames[0]!.at).toBeLessThan(4);
    expect(frames[1]!.at).toBeGreaterThanOrEqual(4);
    await Promise.all(frames.map((frame) => stat(frame.file)));
  });

  it('refuses a file that is not a video with the decoder\'s reason', async () => {
    // Prepare
    await writeFile(file('junk.mp4'), Buffer.alloc(2000, 7));
    const plan = planKeyframes(null, { maxFrames: 4, gapSeconds: 1, sceneThreshold: 0.3 });

    // Act, Assess
    await expect(ffmpegMediaTools.extractKeyframes(file('junk.mp4'), await fresh('junk-frames'), plan, { frameSide: 160, durationSeconds: null })).rejects.toThrow(CorruptMediaError);
  });

  it('writes the sound as 16 kHz mono 16-bit WAV', async () => {
    // Act
    await ffmpegMediaTools.extractSpeechAudio(file('cuts.mp4'), file('cuts.wav'));

    // Assess: the canonical 44-byte header (RIFF/WAVE, PCM, channels, sample rate, bits).
    const wav = await readFile(file('cuts.wav'));
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    const fmt = wav.indexOf('fmt ');
    expect(wav.readUInt16LE(fmt + 10)).toBe(1);
    expect(wav.readUInt32LE(fmt + 12)).toBe(16_000);
    expect(wav.readUInt16LE(fmt + 22)).toBe(16);
    expect(wav.length).toBeGreaterThan(8 * 16_000 * 2 * 0.95);
  });

  it('knows a video without sound', async () => {
    expect(await ffmpegMediaTools.probe(file('silent.mp4'))).toMatchObject({ hasVideo: true, hasAudio: false });
    expect(await ffmpegMediaTools.probe(file('cuts.mp4'))).toMatchObject({ hasVideo: true, hasAudio: true });
  });

  it('turns a picture upright and bounds its long side', async () => {
    // Prepare: a landscape photo stored sideways (EXIF orientation 6: rotate 90° clockwise to view).
    await sharp(await sceneImage({ seed: 3, width: 1200, height: 800 })).jpeg().withMetadata({ orientation: 6 }).toFile(file('sideways.jpg'));

    // Act
    const picture = await ffmpegMediaTools.prepareImage(file('sideways.jpg'), 600);

    // Assess
    expect(await sharp(picture).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 600 });
  });
});

/** 42 s of six different test pictures, 7 s each, 320×180 H.264 (x264 puts a keyframe at each cut). */
function writeSixScenes(target: string): Promise<void> {
  const sources = ['testsrc2', 'smptebars', 'mandelbrot', 'rgbtestsrc', 'smptehdbars', 'yuvtestsrc'];
  const inputs = sources.flatMap((source) => ['-f', 'lavfi', '-t', '7', '-i', `${source}=s=320x180:r=25`]);
  const graph = `${sources.map((_, index) => `[${index}:v]`).join('')}concat=n=${sources.length}:v=1:a=0,format=yuv420p[v]`;
  const args = ['-hide_banner', '-v', 'error', '-y', ...inputs, '-filter_complex', graph, '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', target];
  return new Promise((resolve, reject) => execFile(ffmpegBinary(), args, (error) => (error ? reject(error) : resolve())));
}
