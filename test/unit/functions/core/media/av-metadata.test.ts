import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaTypeFromStreams, parseProbeOutput, parseRate, primaryAudioStream, primaryVideoStream, probeMedia } from '../../../../../functions/core/media/av-metadata';
import { ffmpegBinary } from '../../../../../functions/core/media/binaries';
import { CorruptMediaError, ToolTimeoutError } from '../../../../../functions/core/media/errors';
import { makeMediaDir, sceneImage, textSamples, writeClip, writeTestVideo, writeText, writeTruncated, writeTruncatedMp4 } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);
const ffmpeg = (args: string[]) => promisify(execFile)(ffmpegBinary(), ['-v', 'error', '-y', ...args]);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  await writeTestVideo(file('video.mp4'), { seconds: 4 });
  await writeClip(file('ntsc.mp4'), {
    seconds: 1,
    audio: false,
    codecArgs: ['-vf', 'fps=30000/1001', '-c:v', 'libx264', '-preset', 'ultrafast'],
  });
  // ffmpeg 5 turns a `rotate` tag into a display matrix only when copying streams.
  await ffmpeg(['-i', file('ntsc.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', file('phone.mp4')]);
  await writeClip(file('dubbed.mkv'), { seconds: 1, codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'libopus', '-metadata:s:a:0', 'language=fra'] });
  await sharp(await sceneImage({ seed: 51, width: 300, height: 300 })).jpeg().toFile(file('cover.jpg'));
  await ffmpeg([
    '-f', 'lavfi', '-t', '2', '-i', 'sine=f=440:sample_rate=44100', '-i', file('cover.jpg'),
    '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-c:v', 'copy', '-disposition:v', 'attached_pic',
    '-metadata', 'title=Heron Song', '-metadata', 'artist=The Waders', '-metadata', 'album=Pond Life',
    '-metadata', 'genre=Ambient', '-metadata', 'track=3',
    file('song.mp3'),
  ]);
  await writeClip(file('song.ogg'), { seconds: 1, video: false, codecArgs: ['-c:a', 'libvorbis', '-metadata', 'ARTIST=Vorbis Singer', '-metadata', 'TITLE=Ogg Tune'] });
  await writeTruncatedMp4(file('truncated.mp4'), dir);
  await writeTruncated(file('video.mp4'), file('cut-faststart.mp4'), 0.5);
  await writeText(file('notes.txt'), textSamples.plain);
}, 60_000);

afterAll(() => cleanup());

describe('Function: probeMedia', () => {
  it('describes container, duration, bitrate and both streams of a video', async () => {
    // Act
    const metadata = await probeMedia(file('video.mp4'));

    // Assess
    expect(metadata.container).toContain('mp4');
    expect(metadata.durationSeconds).toBeCloseTo(4, 1);
    expect(metadata.bitRate).toBeGreaterThan(10_000);
    expect(primaryVideoStream(metadata)).toMatchObject({ codec: 'h264', width: 640, height: 360, frameRate: 25, pixelFormat: 'yuv420p', coverArt: false });
    expect(primaryAudioStream(metadata)).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 1 });
    expect(mediaTypeFromStreams(metadata)).toBe('VIDEO');
  });

  it('gives frame rates as numbers (29.97 for NTSC) and the display rotation', async () => {
    const video = primaryVideoStream(await probeMedia(file('phone.mp4')));

    expect(video?.frameRate).toBe(29.97);
    expect(Math.abs(video?.rotation ?? 0)).toBe(90);
  });

  it('reads audio tags and treats cover art as not video', async () => {
    // Act
    const metadata = await probeMedia(file('song.mp3'));

    // Assess
    expect(metadata.tags).toMatchObject({ title: 'Heron Song', artist: 'The Waders', album: 'Pond Life', genre: 'Ambient', track: '3' });
    expect(primaryAudioStream(metadata)).toMatchObject({ codec: 'mp3', sampleRate: 44100 });
    expect(metadata.streams.find((stream) => stream.kind === 'video')?.coverArt).toBe(true);
    expect(mediaTypeFromStreams(metadata)).toBe('AUDIO');
  });

  it('reads stream languages (und means none)', async () => {
    const metadata = await probeMedia(file('dubbed.mkv'));

    expect(primaryAudioStream(metadata)?.language).toBe('fra');
    expect(primaryVideoStream(metadata)?.language).toBeNull();
  });

  it('finds Vorbis comments on the audio stream of an Ogg file', async () => {
    const metadata = await probeMedia(file('song.ogg'));

    expect(metadata.tags).toMatchObject({ title: 'Ogg Tune', artist: 'Vorbis Singer' });
  });

  it("refuses an MP4 cut before its index with ffprobe's reason", async () => {
    const refusal = await probeMedia(file('truncated.mp4')).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(CorruptMediaError);
    expect((refusal as Error).message).toBe('the file cannot be read as media: moov atom not found; Invalid data found when processing input');
    expect((refusal as Error).message).not.toContain(dir);
  });

  it('refuses an MP4 whose index survived but whose media data was cut off', async () => {
    const refusal = await probeMedia(file('cut-faststart.mp4')).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(CorruptMediaError);
    expect((refusal as Error).message).toMatch(/^the file is truncated: its 'mdat' box needs \d+ bytes but only \d+ are present$/);
  });

  it('refuses a text file as not media', async () => {
    await expect(probeMedia(file('notes.txt'))).rejects.toBeInstanceOf(CorruptMediaError);
  });

  it('gives up with a timeout error when ffprobe takes too long', async () => {
    const refusal = await probeMedia(file('video.mp4'), { timeoutMs: 1 }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ToolTimeoutError);
    expect((refusal as ToolTimeoutError).permanent).toBe(false);
  });
});

describe('Function: parseProbeOutput', () => {
  it('survives missing and odd fields', () => {
    const metadata = parseProbeOutput({ format: { duration: 'N/A' }, streams: [{ codec_type: 'weird' }, 'nonsense'] });

    expect(metadata.durationSeconds).toBeNull();
    expect(metadata.container).toBe('unknown');
    expect(metadata.streams.map((stream) => stream.kind)).toEqual(['data', 'data']);
    expect(mediaTypeFromStreams(metadata)).toBeNull();
  });
});

describe('Function: parseRate', () => {
  it('turns ffprobe fractions into numbers', () => {
    expect(parseRate('25/1')).toBe(25);
    expect(parseRate('24000/1001')).toBe(23.976);
    expect(parseRate('0/0')).toBeNull();
    expect(parseRate(undefined)).toBeNull();
  });
});
