/**
 * How much of an audio track is speech, music and silence: the figure the audio analyzer reports
 * next to the transcript (neither Transcribe nor the local recogniser says it).
 *
 * Method (after Scheirer & Slaney's speech/music discriminator, 1997), on 16 kHz mono PCM in 20 ms
 * frames, judged one second at a time:
 * - silence: the second's mean level is below −50 dBFS (the threshold audio-quality.ts gives
 *   ffmpeg's `silencedetect`);
 * - otherwise speech or music, from two features over the second and half a second either side:
 *   - pause share: the share of frames in gaps shorter than half a second, 20 dB or more below the
 *     loudest frame. Talkers stop between syllables and words; instruments, chords and reverb keep
 *     sounding. (Longer gaps are silence, left out of the share.)
 *   - spectral flux: the mean squared change of the normalised magnitude spectrum from one frame
 *     to the next. Speech moves from one phoneme to the next every few frames; notes hold.
 *   Each is divided by the value that splits speech from music on the calibration set, weighted and
 *   summed (flux capped: see speechEvidence); 1 or more is speech. Calibration (each second with
 *   its context): clean speech (flite's four voices, espeak-ng, the LibriVox clips of Debian's
 *   pocketsphinx-testdata; 87 s) gave pause shares of 0.10–0.43 (5th–95th percentile) and flux
 *   0.0086–0.0155; music (17 tracker modules of Debian's pingus-data, with drums, and ffmpeg-generated
 *   melodies; 854 s) gave pause shares of 0–0.01 and flux 0.0021–0.0096.
 *   A second's label is then the majority of itself and its neighbours (a held note inside speech,
 *   or a break inside music, is not a change of class).
 * Limits: speech over a music bed, or in steady noise, has no pauses and reads as music.
 * The shares are of the whole duration and sum to 1.
 */
import { spawn } from 'node:child_process';
import { ffmpegBinary } from './media/binaries';
import { CorruptMediaError, ToolTimeoutError, ToolUnavailableError } from './media/errors';
import { failureReason } from './media/run-process';

/** The sample rate the features are defined at. */
export const AUDIO_CLASS_SAMPLE_RATE = 16_000;

export type AudioClass = 'speech' | 'music' | 'silence';

/** Per-frame measurements (20 ms frames). */
export interface FrameFeatures {
  /** Mean power of each frame (samples in −1…1). */
  readonly power: Float32Array;
  /** Squared change of the normalised magnitude spectrum from the previous frame (0 for the first). */
  readonly flux: Float32Array;
}

/** What one second was judged on. */
export interface SecondFeatures {
  readonly start: number;
  readonly end: number;
  /** Mean level of the second, dBFS. */
  readonly levelDb: number;
  /** Share of frames (second ± 0.5 s, longer silences left out) in gaps under 0.5 s at least 20 dB below the loudest, 0–1. */
  readonly pauseShare: number;
  /** Mean spectral flux (second ± 0.5 s). */
  readonly spectralFlux: number;
}

/** A run of seconds with one class. */
export interface AudioClassSegment {
  readonly label: AudioClass;
  readonly start: number;
  readonly end: number;
}

export interface AudioClasses {
  readonly durationSeconds: number;
  /** Shares of the duration, summing to 1 (all 0 for empty audio). */
  readonly speech: number;
  readonly music: number;
  readonly silence: number;
  readonly segments: AudioClassSegment[];
}

export const FRAME_SECONDS = 0.02;
const FRAMES_PER_SECOND = 50;
const CONTEXT_FRAMES = 25;
const FFT_SIZE = 512;
const SILENCE_DB = -50;
/** A quiet run this long (0.5 s) or longer is silence, not a pause in speech. */
const MAX_PAUSE_FRAMES = 25;
/** Seconds shorter than this at the end are left out (too few frames to judge). */
const MIN_LAST_FRAMES = 10;

/**
 * Measures 20 ms frames of a stream of samples, chunk by chunk (state carries over between chunks,
 * so a long file is measured without holding its samples).
 */
export class FrameAnalyzer {
  private readonly frameSize: number;
  private readonly window: Float64Array;
  private readonly power: number[] = [];
  private readonly flux: number[] = [];
  private carry = new Float32Array(0);
  private previousSpectrum: Float64Array | null = null;

  constructor(sampleRate: number = AUDIO_CLASS_SAMPLE_RATE) {
    this.frameSize = Math.round(sampleRate * FRAME_SECONDS);
    if (this.frameSize > FFT_SIZE) throw new RangeError(`sample rate ${sampleRate} is above ${FFT_SIZE / FRAME_SECONDS} Hz`);
    this.window = Float64Array.from({ length: this.frameSize }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / this.frameSize));
  }

  /** Adds samples (−1…1); a partial frame waits for the next chunk. */
  push(samples: Float32Array): void {
    const all = this.carry.length > 0 ? concatenate(this.carry, samples) : samples;
    let offset = 0;
    for (; offset + this.frameSize <= all.length; offset += this.frameSize) {
      this.measureFrame(all.subarray(offset, offset + this.frameSize));
    }
    this.carry = all.slice(offset);
  }

  /** The frames measured so far. */
  result(): FrameFeatures {
    return { power: Float32Array.from(this.power), flux: Float32Array.from(this.flux) };
  }

  private measureFrame(frame: Float32Array): void {
    let sum = 0;
    const re = new Float64Array(FFT_SIZE);
    const im = new Float64Array(FFT_SIZE);
    for (let i = 0; i < frame.length; i++) {
      sum += frame[i]! * frame[i]!;
      re[i] = frame[i]! * this.window[i]!;
    }
    this.power.push(sum / frame.length);
    fft(re, im);
    const spectrum = new Float64Array(FFT_SIZE / 2 + 1);
    let total = 0;
    for (let bin = 0; bin < spectrum.length; bin++) {
      spectrum[bin] = Math.hypot(re[bin]!, im[bin]!);
      total += spectrum[bin]!;
    }
    if (total > 0) for (let bin = 0; bin < spectrum.length; bin++) spectrum[bin]! /= total;
    let change = 0;
    if (this.previousSpectrum) {
      for (let bin = 0; bin < spectrum.length; bin++) change += (spectrum[bin]! - this.previousSpectrum[bin]!) ** 2;
    }
    this.flux.push(change);
    this.previousSpectrum = spectrum;
  }
}

/** Measures the frames of mono samples at `sampleRate` in one go. */
export function frameFeatures(samples: Float32Array, sampleRate: number = AUDIO_CLASS_SAMPLE_RATE): FrameFeatures {
  const analyzer = new FrameAnalyzer(sampleRate);
  analyzer.push(samples);
  return analyzer.result();
}

/**
 * The features of each second (a last partial second when it has 0.2 s or more).
 * @returns one entry per second, in order
 */
export function secondFeatures(frames: FrameFeatures): SecondFeatures[] {
  const seconds: SecondFeatures[] = [];
  const count = frames.power.length;
  for (let first = 0; first < count; first += FRAMES_PER_SECOND) {
    const last = Math.min(count, first + FRAMES_PER_SECOND);
    if (last - first < MIN_LAST_FRAMES) break;
    const from = Math.max(0, first - CONTEXT_FRAMES);
    const to = Math.min(count, last + CONTEXT_FRAMES);
    let loudest = 0;
    let fluxSum = 0;
    for (let i = from; i < to; i++) {
      loudest = Math.max(loudest, frames.power[i]!);
      fluxSum += frames.flux[i]!;
    }
    const { pauses, sounding } = countPauses(frames.power, from, to, loudest / 100);
    let powerSum = 0;
    for (let i = first; i < last; i++) powerSum += frames.power[i]!;
    seconds.push({
      start: first * FRAME_SECONDS,
      end: last * FRAME_SECONDS,
      levelDb: 10 * Math.log10(powerSum / (last - first) + 1e-12),
      pauseShare: sounding > 0 ? pauses / sounding : 0,
      spectralFlux: fluxSum / (to - from),
    });
  }
  return seconds;
}

/**
 * Frames quieter than `quiet` in runs shorter than MAX_PAUSE_FRAMES (gaps between syllables and
 * words), and frames outside longer quiet runs (silence before or after is not a pause).
 */
function countPauses(power: Float32Array, from: number, to: number, quiet: number): { pauses: number; sounding: number } {
  let pauses = 0;
  let silent = 0;
  let run = 0;
  for (let i = from; i <= to; i++) {
    if (i < to && power[i]! < quiet) {
      run++;
      continue;
    }
    if (run >= MAX_PAUSE_FRAMES) silent += run;
    else pauses += run;
    run = 0;
  }
  return { pauses, sounding: to - from - silent };
}

/**
 * Speech evidence of a second: each feature over its speech/music split point (pause share 0.06,
 * flux 0.0085), weighted 0.6 and 0.4, the flux term capped at 0.6 — a sparse spectrum (a few held
 * tones) can show speech-like flux, so flux alone never makes speech. About 1.2–4 for clean speech,
 * 0.1–0.6 for music.
 */
export function speechEvidence(features: SecondFeatures): number {
  return 0.6 * (features.pauseShare / 0.06) + Math.min(0.6, 0.4 * (features.spectralFlux / 0.0085));
}

/**
 * The class of one second on its own.
 * @returns silence below −50 dBFS; otherwise speech when the speech evidence reaches 1, else music
 */
export function classifySecond(features: SecondFeatures): AudioClass {
  if (features.levelDb < SILENCE_DB) return 'silence';
  return speechEvidence(features) >= 1 ? 'speech' : 'music';
}

/**
 * Classifies audio from its per-second features.
 * @returns shares of speech, music and silence, and the runs of each class
 */
export function classifySeconds(seconds: readonly SecondFeatures[]): AudioClasses {
  const own = seconds.map(classifySecond);
  const labels = own.map((_, index) => smoothedLabel(own, index));
  const durationSeconds = seconds.length > 0 ? seconds[seconds.length - 1]!.end : 0;
  const total: Record<AudioClass, number> = { speech: 0, music: 0, silence: 0 };
  const segments: AudioClassSegment[] = [];
  seconds.forEach((second, index) => {
    const label = labels[index]!;
    total[label] += second.end - second.start;
    const last = segments[segments.length - 1];
    if (last && last.label === label) {
      segments[segments.length - 1] = { ...last, end: round(second.end) };
    } else {
      segments.push({ label, start: round(second.start), end: round(second.end) });
    }
  });
  const shareOf = (label: AudioClass) => (durationSeconds > 0 ? round(total[label] / durationSeconds) : 0);
  return { durationSeconds: round(durationSeconds), speech: shareOf('speech'), music: shareOf('music'), silence: shareOf('silence'), segments };
}

/** Classifies mono samples (−1…1) at `sampleRate`. */
export function classifyAudio(samples: Float32Array, sampleRate: number = AUDIO_CLASS_SAMPLE_RATE): AudioClasses {
  return classifySeconds(secondFeatures(frameFeatures(samples, sampleRate)));
}

/** Silence stays as measured; between speech and music, the majority of the second and its neighbours decides. */
function smoothedLabel(labels: readonly AudioClass[], index: number): AudioClass {
  const own = labels[index]!;
  if (own === 'silence') return own;
  const votes = [labels[index - 1], own, labels[index + 1]].filter((label) => label !== undefined && label !== 'silence');
  const speech = votes.filter((label) => label === 'speech').length;
  const music = votes.length - speech;
  if (speech === music) return own;
  return speech > music ? 'speech' : 'music';
}

export interface MeasureAudioClassesOptions {
  /** @default 600000 */
  readonly timeoutMs?: number;
}

/**
 * Decodes the first audio stream of a file (audio or video) with ffmpeg to 16 kHz mono and
 * classifies it, measuring frames as the samples arrive (about 200 KB per minute is kept).
 * Rejects with `CorruptMediaError` when there is no decodable audio, `ToolTimeoutError` when
 * ffmpeg is too slow, `ToolUnavailableError` when it cannot start.
 */
export function measureAudioClasses(path: string, options: MeasureAudioClassesOptions = {}): Promise<AudioClasses> {
  const input = `file:${path}`;
  const timeoutMs = options.timeoutMs ?? 600_000;
  return new Promise((resolve, reject) => {
    const child = spawn(
      ffmpegBinary(),
      ['-hide_banner', '-nostdin', '-v', 'error', '-i', input, '-map', '0:a:0', '-vn', '-sn', '-dn', '-ac', '1', '-ar', String(AUDIO_CLASS_SAMPLE_RATE), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const analyzer = new FrameAnalyzer(AUDIO_CLASS_SAMPLE_RATE);
    let oddByte: Buffer | null = null;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      const bytes = oddByte ? Buffer.concat([oddByte, chunk]) : chunk;
      const whole = bytes.length - (bytes.length % 2);
      analyzer.push(pcmToFloat(bytes.subarray(0, whole)));
      oddByte = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-4000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ToolUnavailableError(`ffmpeg could not be started: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new ToolTimeoutError('ffmpeg', timeoutMs));
      } else if (code !== 0) {
        reject(new CorruptMediaError(`the audio cannot be decoded: ${failureReason(stderr.split('\n'), input)}`));
      } else {
        resolve(classifySeconds(secondFeatures(analyzer.result())));
      }
    });
  });
}

/** Little-endian signed 16-bit PCM as floats in −1…1. */
export function pcmToFloat(bytes: Buffer): Float32Array {
  const samples = new Float32Array(Math.floor(bytes.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2) / 32768;
  return samples;
}

const TWIDDLE_COS = Float64Array.from({ length: FFT_SIZE / 2 }, (_, k) => Math.cos((-2 * Math.PI * k) / FFT_SIZE));
const TWIDDLE_SIN = Float64Array.from({ length: FFT_SIZE / 2 }, (_, k) => Math.sin((-2 * Math.PI * k) / FFT_SIZE));

/** In-place radix-2 FFT of FFT_SIZE points (twiddles precomputed). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = FFT_SIZE;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const half = size / 2;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const cos = TWIDDLE_COS[k * stride]!;
        const sin = TWIDDLE_SIN[k * stride]!;
        const a = start + k;
        const b = a + half;
        const tr = re[b]! * cos - im[b]! * sin;
        const ti = re[b]! * sin + im[b]! * cos;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

function concatenate(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
