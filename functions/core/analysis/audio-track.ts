/**
 * The sound of an audio or video file as what speech recognisers want: 16 kHz mono 16-bit PCM WAV
 * (Transcribe accepts it as `wav`; the local recogniser decodes it directly). The first audio
 * stream only; video, subtitles and data are dropped.
 */
import { ffmpegBinary } from '../media/binaries';
import { CorruptMediaError } from '../media/errors';
import { failureReason, runProcess } from '../media/run-process';

export const SPEECH_SAMPLE_RATE = 16_000;

/**
 * Writes the first audio stream of `input` to `wavFile`.
 * @throws CorruptMediaError with ffmpeg's reason when it cannot be decoded
 */
export async function extractSpeechAudio(input: string, wavFile: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const source = `file:${input}`;
  const result = await runProcess(
    ffmpegBinary(),
    [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-i',
      source,
      '-map',
      '0:a:0',
      '-vn',
      '-sn',
      '-dn',
      '-ac',
      '1',
      '-ar',
      String(SPEECH_SAMPLE_RATE),
      '-c:a',
      'pcm_s16le',
      '-f',
      'wav',
      '-y',
      `file:${wavFile}`,
    ],
    { timeoutMs: options.timeoutMs ?? 900_000 },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the sound cannot be decoded: ${failureReason(result.tailLines, source)}`);
  }
}
