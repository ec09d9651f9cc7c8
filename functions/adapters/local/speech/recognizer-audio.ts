/**
 * Prepares any audio or video file for the recogniser: ffmpeg decodes its first audio stream to
 * headerless 16 kHz mono 16-bit PCM (what the en-US acoustic model was trained on; a raw file
 * avoids WAV header variants, such as ffmpeg's LIST chunk, that pocketsphinx's fixed `-adchdr`
 * would misread), then the file is read once in a stream for its 10 ms frame levels.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ffmpegBinary } from '../../../core/media/binaries';
import { CorruptMediaError } from '../../../core/media/errors';
import { failureReason, runProcess } from '../../../core/media/run-process';
import { FRAMES_PER_SECOND, frameLevelsDb } from './speech-segments';

/** The sample rate of the acoustic model. */
export const RECOGNIZER_SAMPLE_RATE = 16_000;

/** A decoded file ready for the recogniser. */
export interface RecognizerAudio {
  /** Headerless s16le mono PCM at 16 kHz. */
  readonly rawPath: string;
  readonly durationSeconds: number;
  /** dBFS of each 10 ms frame. */
  readonly levelsDb: Float32Array;
}

/**
 * Decodes `inputPath` into `rawPath` and measures it. Rejects with `CorruptMediaError` when the
 * file has no decodable audio stream, `ToolTimeoutError` when ffmpeg is too slow.
 */
export async function prepareRecognizerAudio(inputPath: string, rawPath: string, timeoutMs = 600_000): Promise<RecognizerAudio> {
  const input = `file:${inputPath}`;
  const result = await runProcess(
    ffmpegBinary(),
    ['-hide_banner', '-nostdin', '-v', 'error', '-i', input, '-map', '0:a:0', '-vn', '-sn', '-dn', '-ac', '1', '-ar', String(RECOGNIZER_SAMPLE_RATE), '-f', 's16le', '-acodec', 'pcm_s16le', '-y', rawPath],
    { timeoutMs },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the audio cannot be decoded: ${failureReason(result.tailLines, input)}`);
  }
  const bytes = (await stat(rawPath)).size;
  return {
    rawPath,
    durationSeconds: bytes / 2 / RECOGNIZER_SAMPLE_RATE,
    levelsDb: await readFrameLevels(rawPath),
  };
}

/** Frame levels of a raw s16le file, streamed (an hour of audio is 115 MB; only 360 k floats are kept). */
async function readFrameLevels(rawPath: string): Promise<Float32Array> {
  const frameBytes = (RECOGNIZER_SAMPLE_RATE / FRAMES_PER_SECOND) * 2;
  const parts: Float32Array[] = [];
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(rawPath, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % frameBytes);
    // Copy into an aligned buffer: a stream chunk may start at an odd byte offset.
    const samples = new Int16Array(Uint8Array.from(bytes.subarray(0, whole)).buffer);
    parts.push(frameLevelsDb(samples, RECOGNIZER_SAMPLE_RATE));
    carry = Buffer.from(bytes.subarray(whole));
  }
  const levels = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    levels.set(part, offset);
    offset += part.length;
  }
  return levels;
}
