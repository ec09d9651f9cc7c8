/**
 * Speech benchmark (part of `npm run bench:analysis`; alone: `npx tsx test/bench/analysis/speech-eval.ts`).
 * Prints, for the local transcriber (Debian pocketsphinx, see functions/adapters/local/pocketsphinx-transcriber.ts):
 * - word error rate and real-time factor on real read speech with reference transcripts: the
 *   LibriVox clips shipped in Debian's `pocketsphinx-testdata`;
 * - the same on clean synthetic speech with known text: KNOWN_SENTENCES spoken by flite's voices
 *   (and by espeak-ng, for reference), one file per sentence, and all of them in one long file
 *   with pauses (the decoder's cutting into utterances);
 * and, for the speech/music/silence shares (functions/core/audio-classes.ts), the share of
 * seconds given the right class on speech, generated music, real music (the tracker modules of
 * Debian's `pingus-data`, when installed) and silence, with its speed.
 * Real-time factor = wall time of `transcribe` (decoding to PCM included) / audio duration, with the
 * model warm; the cold start (model load) is printed apart. Prints figures; asserts nothing.
 * Environment: SPEECH_EVAL_DECODER_ARGS="-name value …" passes settings to pocketsphinx.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureAudioClasses } from '../../../functions/core/audio-classes';
import type { AudioClass } from '../../../functions/core/audio-classes';
import { createPocketsphinxTranscriber } from '../../../functions/adapters/local/pocketsphinx-transcriber';
import type { LocalTranscriber } from '../../../functions/adapters/local/pocketsphinx-transcriber';
import { wordErrorRate } from '../../../functions/adapters/local/speech/word-error-rate';
import { makeMediaDir } from '../../support/media';
import {
  KNOWN_SENTENCES,
  audioDurationSeconds,
  commandAvailable,
  packagedReadSpeech,
  writeConcatenation,
  writeEspeakSpeech,
  writeFliteSpeech,
  writeMusic,
  writeSilence,
} from '../../support/speech-samples';
import type { FliteVoice } from '../../support/speech-samples';

/** Where Debian's `pingus-data` keeps its music (Impulse Tracker modules, decoded by ffmpeg's libopenmpt). */
const PINGUS_MUSIC_DIR = '/usr/share/games/pingus/data/music';

/** Figures for one set of utterances. */
export interface TranscriptionFigures {
  readonly set: string;
  readonly utterances: number;
  readonly referenceWords: number;
  /** 0–1. */
  readonly wordErrorRate: number;
  readonly substitutions: number;
  readonly deletions: number;
  readonly insertions: number;
  readonly audioSeconds: number;
  /** Wall time / audio duration. */
  readonly realTimeFactor: number;
  /** CPU time (the decoder process, this process, and ffmpeg) / audio duration: the real-time factor on an idle machine. */
  readonly cpuRealTimeFactor: number;
}

/** Figures for the audio-class shares on one kind of audio. */
export interface AudioClassFigures {
  readonly set: string;
  readonly expected: AudioClass;
  readonly files: number;
  readonly audioSeconds: number;
  /** Share of all seconds labelled `expected`. */
  readonly accuracy: number;
  /** Audio seconds per second of wall time. */
  readonly timesRealTime: number;
}

export interface SpeechEvalReport {
  /** 1, 5 and 15 minute load averages when the run ended. */
  readonly loadAverage: number[];
  readonly cores: number;
  readonly coldStartMs: number;
  readonly transcription: TranscriptionFigures[];
  readonly audioClasses: AudioClassFigures[];
}

interface Utterance {
  readonly path: string;
  readonly reference: string;
}

async function transcribeSet(transcriber: LocalTranscriber, set: string, utterances: readonly Utterance[]): Promise<TranscriptionFigures> {
  const pairs: { reference: string; hypothesis: string }[] = [];
  let audioSeconds = 0;
  let wallMs = 0;
  let cpuSeconds = 0;
  for (const utterance of utterances) {
    audioSeconds += await audioDurationSeconds(utterance.path);
    const cpuBefore = cpuSecondsSoFar();
    const started = performance.now();
    const transcript = await transcriber.transcribe(utterance.path);
    wallMs += performance.now() - started;
    cpuSeconds += cpuSecondsSoFar() - cpuBefore;
    pairs.push({ reference: utterance.reference, hypothesis: transcript.text });
  }
  const errors = wordErrorRate(pairs);
  return {
    set,
    utterances: utterances.length,
    referenceWords: errors.referenceWords,
    wordErrorRate: errors.rate,
    substitutions: errors.substitutions,
    deletions: errors.deletions,
    insertions: errors.insertions,
    audioSeconds,
    realTimeFactor: wallMs / 1000 / audioSeconds,
    cpuRealTimeFactor: cpuSeconds / audioSeconds,
  };
}

/**
 * CPU seconds used so far by this process, its finished children (ffmpeg), and the running
 * pocketsphinx decoder (a grandchild: node → sh → pocketsphinx_batch), from /proc. Other work on
 * a shared machine slows the wall clock, not this.
 */
function cpuSecondsSoFar(): number {
  const ticksPerSecond = 100;
  let ticks = 0;
  const stats = new Map<number, { parent: number; name: string; ticks: number; childTicks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      // Fields after the name: state, ppid, …, utime (11), stime (12), cutime (13), cstime (14), counted from 0.
      stats.set(Number(entry), { parent: Number(fields[1]), name, ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) });
    } catch {
      // The process ended while /proc was read: it no longer counts.
    }
  }
  const self = stats.get(process.pid);
  if (self) ticks += self.ticks + self.childTicks;
  for (const stat of stats.values()) {
    if (stat.name.startsWith('pocketsphinx') && stats.get(stat.parent)?.parent === process.pid) ticks += stat.ticks;
  }
  return ticks / ticksPerSecond;
}

async function classifySet(set: string, expected: AudioClass, paths: readonly string[]): Promise<AudioClassFigures> {
  let audioSeconds = 0;
  let right = 0;
  let wallMs = 0;
  for (const path of paths) {
    const started = performance.now();
    const classes = await measureAudioClasses(path);
    wallMs += performance.now() - started;
    audioSeconds += classes.durationSeconds;
    right += classes[expected] * classes.durationSeconds;
  }
  return { set, expected, files: paths.length, audioSeconds, accuracy: audioSeconds > 0 ? right / audioSeconds : 0, timesRealTime: audioSeconds / (wallMs / 1000) };
}

/**
 * Generates the synthetic sets, runs the transcriber and the audio classifier over every set.
 * @returns the figures (sets whose Debian package is missing are left out)
 */
export async function runSpeechEval(decoderArguments: readonly string[] = []): Promise<SpeechEvalReport> {
  const media = await makeMediaDir('mediagraph-bench-speech-');
  const transcriber = createPocketsphinxTranscriber({ extraArguments: decoderArguments });
  try {
    const voices: FliteVoice[] = commandAvailable('flite') ? ['slt', 'rms', 'awb', 'kal16'] : [];
    const byVoice = new Map<string, Utterance[]>();
    for (const voice of voices) {
      const utterances: Utterance[] = [];
      for (const [index, sentence] of KNOWN_SENTENCES.entries()) {
        const path = join(media.dir, `flite-${voice}-${index}.wav`);
        await writeFliteSpeech(path, sentence, voice);
        utterances.push({ path, reference: sentence });
      }
      byVoice.set(`flite ${voice}`, utterances);
    }
    if (commandAvailable('espeak-ng')) {
      const utterances: Utterance[] = [];
      for (const [index, sentence] of KNOWN_SENTENCES.entries()) {
        const path = join(media.dir, `espeak-${index}.wav`);
        await writeEspeakSpeech(path, sentence);
        utterances.push({ path, reference: sentence });
      }
      byVoice.set('espeak-ng', utterances);
    }
    const readSpeech = (await packagedReadSpeech()).map((clip) => ({ path: clip.path, reference: clip.transcript }));

    // Cold start: the first request loads the models.
    const first = readSpeech[0] ?? byVoice.values().next().value?.[0];
    let coldStartMs = NaN;
    if (first) {
      const started = performance.now();
      await transcriber.transcribe(first.path);
      coldStartMs = performance.now() - started;
    }

    const transcription: TranscriptionFigures[] = [];
    if (readSpeech.length > 0) transcription.push(await transcribeSet(transcriber, 'read speech (LibriVox, pocketsphinx-testdata)', readSpeech));
    for (const [set, utterances] of byVoice) transcription.push(await transcribeSet(transcriber, `synthetic, ${set}`, utterances));

    const slt = byVoice.get('flite slt');
    const rms = byVoice.get('flite rms');
    if (slt && rms) {
      // One long file: both clear voices in turn with a second of silence between sentences.
      const silence = join(media.dir, 'silence-1s.wav');
      await writeSilence(silence, 1);
      const parts = slt.flatMap((utterance, index) => [utterance.path, silence, rms[index]!.path, silence]);
      const long = join(media.dir, 'long.wav');
      await writeConcatenation(long, parts);
      const reference = slt.map((utterance) => `${utterance.reference} ${utterance.reference}`).join(' ');
      transcription.push(await transcribeSet(transcriber, 'synthetic, flite slt+rms in one long file', [{ path: long, reference }]));
    }

    const audioClasses: AudioClassFigures[] = [];
    const speechFiles = [...readSpeech.map((utterance) => utterance.path)];
    for (const utterances of byVoice.values()) speechFiles.push(...utterances.slice(0, 4).map((utterance) => utterance.path));
    audioClasses.push(await classifySet('speech (all voices above)', 'speech', speechFiles));
    const generatedMusic: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const path = join(media.dir, `music-${seed}.wav`);
      await writeMusic(path, 20, seed);
      generatedMusic.push(path);
    }
    audioClasses.push(await classifySet('music, generated (ffmpeg aevalsrc)', 'music', generatedMusic));
    const tracker = await pingusMusic(media.dir);
    if (tracker.length > 0) audioClasses.push(await classifySet(`music, real (${tracker.length} tracks of pingus-data, 60 s each)`, 'music', tracker));
    const silence = join(media.dir, 'silence-30s.wav');
    await writeSilence(silence, 30);
    audioClasses.push(await classifySet('silence', 'silence', [silence]));

    return { loadAverage: loadavg(), cores: availableParallelism(), coldStartMs, transcription, audioClasses };
  } finally {
    await transcriber.close();
    await media.cleanup();
  }
}

/** The pingus-data modules rendered to WAV (first 60 s), leaving out the ones that render silent. */
async function pingusMusic(dir: string): Promise<string[]> {
  if (!existsSync(PINGUS_MUSIC_DIR)) return [];
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { ffmpegBinary } = await import('../../../functions/core/media/binaries');
  const paths: string[] = [];
  for (const name of readdirSync(PINGUS_MUSIC_DIR).filter((file) => /\.(it|s3m|xm|mod)$/.test(file)).sort()) {
    const path = join(dir, `${name}.wav`);
    await promisify(execFile)(ffmpegBinary(), ['-v', 'error', '-i', join(PINGUS_MUSIC_DIR, name), '-t', '60', '-ac', '1', '-ar', '16000', '-y', path]);
    const classes = await measureAudioClasses(path);
    if (classes.silence < 0.5) paths.push(path);
  }
  return paths;
}

/** The report as the bench prints it. */
export function formatSpeechEval(report: SpeechEvalReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `Speech to text — local: Debian pocketsphinx 5prealpha + pocketsphinx-en-us (targets: WER ≤ 15% on clean speech, RTF ≤ 0.3)`,
    `  load average ${report.loadAverage.map((value) => value.toFixed(1)).join(' ')} on ${report.cores} cores (wall-clock RTF grows with other work; CPU RTF does not)`,
    `  cold start (model load + first clip): ${report.coldStartMs.toFixed(0)} ms`,
  ];
  for (const figures of report.transcription) {
    lines.push(
      `  ${figures.set}: WER ${percent(figures.wordErrorRate)} (${figures.substitutions} sub, ${figures.deletions} del, ${figures.insertions} ins / ${figures.referenceWords} words, ${figures.utterances} files, ${figures.audioSeconds.toFixed(1)} s), RTF ${figures.realTimeFactor.toFixed(3)} wall, ${figures.cpuRealTimeFactor.toFixed(3)} CPU`,
    );
  }
  lines.push('Speech / music / silence shares — seconds given the right class');
  for (const figures of report.audioClasses) {
    lines.push(`  ${figures.set}: ${percent(figures.accuracy)} ${figures.expected} (${figures.files} files, ${figures.audioSeconds.toFixed(0)} s), ${figures.timesRealTime.toFixed(0)}× real time`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const decoderArguments = (process.env.SPEECH_EVAL_DECODER_ARGS ?? '').split(/\s+/).filter((part) => part.length > 0);
  runSpeechEval(decoderArguments)
    .then((report) => console.log(formatSpeechEval(report)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
