/**
 * Video evaluation (part of `npm run bench:analysis`; alone: `npx tsx test/bench/analysis/video-eval.ts`).
 * Generates a video with known content — one packaged photo per scene (test/support/vision-samples.ts,
 * labels and face counts in vision-labels.json) with hard cuts, over a sound track of sentences
 * spoken by flite (test/support/speech-samples.ts) — and runs the analyze-video function's own path
 * on it: `runAnalysis` with `videoAnalyzer` and the local adapters the composition root picks
 * (CenterNet labels, BlazeFace faces with descriptors and people clustering, pocketsphinx, the local
 * text analyzer, ffmpeg keyframes by scene change); only the table, object store and API are
 * in-memory stand-ins (test/unit/functions/core/analysis/fakes.ts). Prints:
 * - processing speed as a multiple of real time (video duration / analysis wall time), cold (models
 *   loading) and warm (as a warm function instance runs it), with each kind's time;
 * - a baseline measured in the same run: the same work as bare calls, one after another — keyframe
 *   extraction, each model on each keyframe, transcription of the sound track, text analysis — so
 *   the analyzer's own overhead and its concurrency show;
 * - what it found against what the video shows: scenes with their labels and faces found, the
 *   transcript's word error rate.
 * Analysis settings come from the environment as in the function (e.g. VIDEO_SCENE_THRESHOLD).
 * Prints figures; asserts nothing.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createHumanFaceDetector } from '../../../functions/adapters/local/human-face-detector';
import { createHumanLabelDetector } from '../../../functions/adapters/local/human-label-detector';
import { createPocketsphinxTranscriber } from '../../../functions/adapters/local/pocketsphinx-transcriber';
import { wordErrorRate } from '../../../functions/adapters/local/speech/word-error-rate';
import { createLocalTextAnalyzer } from '../../../functions/adapters/local/text-analyzer';
import { videoAnalyzer } from '../../../functions/core/analysis/analyze-video';
import type { FaceRecorder } from '../../../functions/core/analysis/analyze-image';
import { planKeyframes } from '../../../functions/core/analysis/keyframe-plan';
import { ffmpegMediaTools } from '../../../functions/core/analysis/media-tools';
import { runAnalysis } from '../../../functions/core/analysis/run-analysis';
import { analysisSettings } from '../../../functions/core/analysis/settings';
import type { TimeSegment } from '../../../functions/core/analysis/segments';
import { ffmpegBinary } from '../../../functions/core/media/binaries';
import { assignFaces } from '../../../functions/core/people/assign-faces';
import { makeMediaDir } from '../../support/media';
import { audioDurationSeconds, commandAvailable, KNOWN_SENTENCES, writeConcatenation, writeFliteSpeech, writeSilence } from '../../support/speech-samples';
import { loadVisionSample, VISION_LABELS } from '../../support/vision-samples';
import { fakePlatform } from '../../unit/functions/core/analysis/fakes';
import { createInMemoryPeople } from '../../unit/functions/core/people/in-memory-people-repository';

const run = promisify(execFile);

/** One photo per scene: objects, animals, group photos (faces) and a photo with neither. */
const SCENES = [
  'skimage/astronaut.png',
  'skimage/horse.png',
  'face-api/sample1.jpg',
  'skimage/coffee.png',
  'skimage/chelsea.png',
  'face-api/sample2.jpg',
  'skimage/motorcycle_left.png',
  'face-api/sample3.jpg',
  'skimage/camera.png',
  'face-api/sample4.jpg',
  'skimage/hubble_deep_field.jpg',
  'face-api/sample5.jpg',
] as const;
const SCENE_SECONDS = 5;
const WIDTH = 1280;
const HEIGHT = 720;
const WARM_RUNS = 2;

const VIDEO_KINDS = ['keyframes', 'labels', 'faces', 'transcript', 'text-analysis'] as const;
type VideoKind = (typeof VIDEO_KINDS)[number];

/** One run of the analyzer over the video. */
export interface VideoRun {
  wallMs: number;
  cpuMs: number;
  /** Each kind from RUNNING to its end, ms. */
  kindMs: Partial<Record<VideoKind, number>>;
  statuses: Partial<Record<VideoKind, string>>;
}

export interface VideoEvalReport {
  video: { seconds: number; width: number; height: number; scenes: number; speechSentences: number; bytes: number };
  cold: VideoRun;
  warm: VideoRun[];
  /** Duration / wall time of the best warm run. */
  timesRealTime: number;
  /** Duration / the pictures' path only (keyframes, then labels and faces) of the best warm run. */
  picturesTimesRealTime: number;
  baseline: {
    keyframeMs: number;
    keyframes: number;
    labelsMs: number;
    facesMs: number;
    speechAudioMs: number;
    transcriptMs: number;
    textAnalysisMs: number;
    /** Sum of the above: everything one after another. */
    sequentialMs: number;
    /** Duration / sequentialMs. */
    timesRealTime: number;
  };
  found: {
    /** The settings the keyframes were chosen with. */
    plan: { sceneThreshold: number; maxKeyframes: number; gapSeconds: number };
    keyframeTimes: number[];
    /** Scenes with at least one keyframe inside. */
    scenesSampled: number;
    /** Expected labels (per scene) with a segment of that label overlapping the scene. */
    labelRecall: { found: number; expected: number; misses: string[] };
    /** Scenes with faces that have a Face segment overlapping them. */
    faceScenes: { found: number; expected: number };
    /** Scenes without faces that have a Face segment overlapping them. */
    falseFaceScenes: string[];
    people: number;
    transcriptWer: number;
    transcriptWords: number;
    tags: string[];
  };
  loadAverage: { before: number; after: number };
}

async function ffmpeg(args: string[]): Promise<void> {
  await run(ffmpegBinary(), ['-hide_banner', '-v', 'error', '-y', ...args], { maxBuffer: 16 * 2 ** 20 });
}

/** A sound track of flite sentences (slt, then rms) with a second between them, filling `seconds`; returns the sentences spoken. */
async function writeSpeechTrack(dir: string, file: string, seconds: number): Promise<string[]> {
  const silence = path.join(dir, 'pause.wav');
  await writeSilence(silence, 1);
  const parts: string[] = [];
  const spoken: string[] = [];
  let total = 0;
  for (const voice of ['slt', 'rms'] as const) {
    for (const [index, sentence] of KNOWN_SENTENCES.entries()) {
      const part = path.join(dir, `say-${voice}-${index}.wav`);
      await writeFliteSpeech(part, sentence, voice);
      const length = await audioDurationSeconds(part);
      if (total + length + 1 > seconds) break;
      parts.push(part, silence);
      spoken.push(sentence);
      total += length + 1;
    }
  }
  await writeConcatenation(file, parts);
  return spoken;
}

/** The evaluation video: SCENES one after another at WIDTH×HEIGHT, 25 fps H.264, AAC speech. */
async function writeVideo(dir: string): Promise<{ file: string; spoken: string[]; seconds: number }> {
  const seconds = SCENES.length * SCENE_SECONDS;
  const inputs: string[] = [];
  for (const [index, id] of SCENES.entries()) {
    const picture = path.join(dir, `scene-${index}${path.extname(id)}`);
    await writeFile(picture, await loadVisionSample(id));
    inputs.push('-loop', '1', '-t', String(SCENE_SECONDS), '-i', picture);
  }
  const speech = path.join(dir, 'speech.wav');
  const spoken = await writeSpeechTrack(dir, speech, seconds);
  inputs.push('-i', speech);
  const fit = `scale=${WIDTH}:${HEIGHT}:force_original_aspect_ratio=decrease,pad=${WIDTH}:${HEIGHT}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25,format=yuv420p`;
  const graph = `${SCENES.map((_, index) => `[${index}:v]${fit}[v${index}]`).join(';')};${SCENES.map((_, index) => `[v${index}]`).join('')}concat=n=${SCENES.length}:v=1:a=0[v];[${SCENES.length}:a]apad[a]`;
  const file = path.join(dir, 'evaluation.mp4');
  await ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-b:a', '96k', '-t', String(seconds), '-movflags', '+faststart', file]);
  return { file, spoken, seconds };
}

const cpuMsSoFar = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

type Ports = Parameters<typeof videoAnalyzer>[0];

/** The analyzer with the local adapters, loaded once (a warm function instance keeps them). */
function localPorts(scratchDir: string): { ports: Ports; people: ReturnType<typeof createInMemoryPeople>; close: () => Promise<void> } {
  const labels = createHumanLabelDetector();
  const faces = createHumanFaceDetector();
  const transcriber = createPocketsphinxTranscriber({ scratchDir });
  const textAnalyzer = createLocalTextAnalyzer();
  const people = createInMemoryPeople();
  const recordFaces: FaceRecorder = async (request) => {
    if (!people.media.has(request.mediaId)) people.addMedia(request.mediaId, request.owner, request.version);
    return { personIds: (await assignFaces(request, people)).personIds };
  };
  return {
    ports: {
      labels: async () => labels,
      faces: async () => faces,
      recordFaces,
      transcriber: async () => transcriber,
      textAnalyzer: async () => textAnalyzer,
      tools: ffmpegMediaTools,
    },
    people,
    close: () => transcriber.close(),
  };
}

async function analyseOnce(bytes: Buffer, scratchDir: string, ports: Ports, runIndex: number) {
  const platform = fakePlatform({ mediaType: 'VIDEO', bytes, scratchDir });
  // The local runtime's settings, from this process's environment as the function reads its own
  // (so VIDEO_SCENE_THRESHOLD, VIDEO_MAX_KEYFRAMES, … can be tried here).
  platform.deps.settings = analysisSettings(process.env, 'local');
  platform.request.mediaId = `video-${runIndex}`;
  platform.request.mime = 'video/mp4';
  const started = performance.now();
  const runningSince = new Map<string, number>();
  const kindMs: VideoRun['kindMs'] = {};
  const statuses: VideoRun['statuses'] = {};
  platform.beforeReport = (report) => {
    if (report.type !== 'analysis') return;
    const kind = report.input.kind as VideoKind;
    if (report.input.status === 'RUNNING') runningSince.set(kind, performance.now());
    else {
      kindMs[kind] = performance.now() - (runningSince.get(kind) ?? started);
      statuses[kind] = report.input.status;
    }
  };
  const cpuBefore = cpuMsSoFar();
  const outcome = await runAnalysis(platform.request, platform.deps, videoAnalyzer(ports));
  const wallMs = performance.now() - started;
  return { run: { wallMs, cpuMs: cpuMsSoFar() - cpuBefore, kindMs, statuses }, platform, outcome };
}

/** The same work as bare adapter calls, one after another. */
async function measureBaseline(file: string, seconds: number, dir: string, ports: Ports): Promise<VideoEvalReport['baseline']> {
  const settings = analysisSettings(process.env, 'local');
  const plan = planKeyframes(seconds, { maxFrames: settings.video.maxKeyframes, gapSeconds: settings.video.keyframeGapSeconds, sceneThreshold: settings.video.sceneThreshold });
  const framesDir = path.join(dir, 'baseline-frames');
  await mkdir(framesDir, { recursive: true });
  const time = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  };
  const keyframes = await time(() => ffmpegMediaTools.extractKeyframes(file, framesDir, plan, { frameSide: settings.video.frameSide, durationSeconds: seconds }));
  const images = await Promise.all(keyframes.value.map((frame) => readFile(frame.file)));
  const labels = await ports.labels();
  const faces = await ports.faces();
  const labelsMs = await time(async () => {
    for (const image of images) await labels.detectLabels(image, { minConfidence: settings.tagging.thresholds.labels });
  });
  const facesMs = await time(async () => {
    for (const image of images) await faces.detectFaces(image);
  });
  const wav = path.join(dir, 'baseline-speech.wav');
  const speechAudio = await time(() => ffmpegMediaTools.extractSpeechAudio(file, wav));
  const transcript = await time(async () => (await ports.transcriber()).transcribe(wav));
  const analysis = await time(async () => (await ports.textAnalyzer()).analyze(transcript.value.text));
  const sequentialMs = keyframes.ms + labelsMs.ms + facesMs.ms + speechAudio.ms + transcript.ms + analysis.ms;
  return {
    keyframeMs: keyframes.ms,
    keyframes: keyframes.value.length,
    labelsMs: labelsMs.ms,
    facesMs: facesMs.ms,
    speechAudioMs: speechAudio.ms,
    transcriptMs: transcript.ms,
    textAnalysisMs: analysis.ms,
    sequentialMs,
    timesRealTime: seconds / (sequentialMs / 1000),
  };
}

const overlaps = (segment: TimeSegment, start: number, end: number) => segment.start < end && segment.end > start;

/**
 * Generates the video and runs the analyzer cold, then warm, then the bare-call baseline.
 * @returns the figures (printed by {@link formatVideoEval})
 */
export async function runVideoEval(): Promise<VideoEvalReport> {
  if (!commandAvailable('flite')) throw new Error('The video evaluation needs Debian flite for its sound track');
  const media = await makeMediaDir('mediagraph-bench-video-');
  const local = localPorts(media.dir);
  try {
    const { file, spoken, seconds } = await writeVideo(media.dir);
    const bytes = await readFile(file);
    const loadBefore = loadavg()[0] ?? 0;
    const cold = await analyseOnce(bytes, media.dir, local.ports, 0);
    const warm: VideoRun[] = [];
    let last = cold;
    for (let index = 1; index <= WARM_RUNS; index += 1) {
      last = await analyseOnce(bytes, media.dir, local.ports, index);
      warm.push(last.run);
    }
    const baseline = await measureBaseline(file, seconds, media.dir, local.ports);
    const settings = analysisSettings(process.env, 'local');
    const loadAfter = loadavg()[0] ?? 0;

    const stored = (kind: VideoKind) => {
      const result = last.platform.result(kind)?.result;
      return result ? (JSON.parse(result) as Record<string, unknown>) : null;
    };
    const keyframeTimes = ((stored('keyframes')?.times as number[] | undefined) ?? []).slice();
    const labelSegments = (stored('labels')?.segments as TimeSegment[] | undefined) ?? [];
    const faceSegments = (stored('faces')?.segments as TimeSegment[] | undefined) ?? [];
    const transcriptText = (stored('transcript')?.text as string | undefined) ?? '';
    const labelRecall = { found: 0, expected: 0, misses: [] as string[] };
    const faceScenes = { found: 0, expected: 0 };
    const falseFaceScenes: string[] = [];
    let scenesSampled = 0;
    SCENES.forEach((id, index) => {
      const start = index * SCENE_SECONDS;
      const end = start + SCENE_SECONDS;
      if (keyframeTimes.some((at) => at >= start && at < end)) scenesSampled += 1;
      const expected = VISION_LABELS.images.find((image) => image.id === id)!;
      for (const label of expected.labels) {
        labelRecall.expected += 1;
        if (labelSegments.some((segment) => segment.label === label && overlaps(segment, start, end))) labelRecall.found += 1;
        else labelRecall.misses.push(`${id} @${start}s: ${label}`);
      }
      const faceSeen = faceSegments.some((segment) => overlaps(segment, start, end));
      if (expected.faces > 0) {
        faceScenes.expected += 1;
        if (faceSeen) faceScenes.found += 1;
      } else if (faceSeen) falseFaceScenes.push(`${id} @${start}s`);
    });
    const wer = wordErrorRate([{ reference: spoken.join(' '), hypothesis: transcriptText }]);
    const best = warm.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const picturesMs = (best.kindMs.keyframes ?? 0) + Math.max(best.kindMs.labels ?? 0, best.kindMs.faces ?? 0);
    const tags = last.outcome.outcome === 'analyzed' ? last.outcome.tags : [];
    return {
      video: { seconds, width: WIDTH, height: HEIGHT, scenes: SCENES.length, speechSentences: spoken.length, bytes: bytes.length },
      cold: cold.run,
      warm,
      timesRealTime: seconds / (best.wallMs / 1000),
      picturesTimesRealTime: seconds / (picturesMs / 1000),
      baseline,
      found: {
        plan: { sceneThreshold: settings.video.sceneThreshold, maxKeyframes: settings.video.maxKeyframes, gapSeconds: settings.video.keyframeGapSeconds },
        keyframeTimes,
        scenesSampled,
        labelRecall,
        faceScenes,
        falseFaceScenes,
        people: local.people.people.size,
        transcriptWer: wer.rate,
        transcriptWords: wer.referenceWords,
        tags,
      },
      loadAverage: { before: loadBefore, after: loadAfter },
    };
  } finally {
    await local.close();
    await media.cleanup();
  }
}

/** The report as the bench prints it. */
export function formatVideoEval(report: VideoEvalReport): string {
  const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
  const { video, baseline, found } = report;
  const runLine = (name: string, figures: VideoRun) =>
    `  ${name.padEnd(6)} ${s(figures.wallMs)} wall (${(video.seconds / (figures.wallMs / 1000)).toFixed(1)}× real time), ${s(figures.cpuMs)} CPU of this process; ` +
    VIDEO_KINDS.map((kind) => `${kind} ${s(figures.kindMs[kind])}${figures.statuses[kind] && figures.statuses[kind] !== 'SUCCEEDED' ? ` ${figures.statuses[kind]}` : ''}`).join(', ');
  const lines = [
    `Video analysis — the analyze-video path (runAnalysis + videoAnalyzer, local adapters) on a ${video.seconds} s ${video.width}×${video.height} H.264 video: ${video.scenes} packaged photos with hard cuts, ${video.speechSentences} flite sentences as its sound track (${(video.bytes / 2 ** 20).toFixed(1)} MiB)`,
    `  load average ${report.loadAverage.before.toFixed(2)} → ${report.loadAverage.after.toFixed(2)}`,
    runLine('cold', report.cold),
    ...report.warm.map((figures, index) => runLine(`warm ${index + 1}`, figures)),
    `  best warm: ${report.timesRealTime.toFixed(1)}× real time (target ≥ 20×); pictures path alone (keyframes, then labels ∥ faces): ${report.picturesTimesRealTime.toFixed(1)}× real time`,
    `  baseline, bare calls one after another: keyframes ${s(baseline.keyframeMs)} (${baseline.keyframes} frames), labels ${s(baseline.labelsMs)} (${(baseline.labelsMs / Math.max(1, baseline.keyframes)).toFixed(0)} ms/frame), faces ${s(baseline.facesMs)} (${(baseline.facesMs / Math.max(1, baseline.keyframes)).toFixed(0)} ms/frame), ` +
      `sound track ${s(baseline.speechAudioMs)}, transcription ${s(baseline.transcriptMs)} (RTF ${(baseline.transcriptMs / 1000 / video.seconds).toFixed(3)}), text analysis ${s(baseline.textAnalysisMs)}; total ${s(baseline.sequentialMs)} = ${baseline.timesRealTime.toFixed(1)}× real time`,
    `  found: keyframes at ${found.keyframeTimes.map((at) => at.toFixed(1)).join(', ')} s — ${found.scenesSampled}/${video.scenes} scenes sampled (scene threshold ${found.plan.sceneThreshold}, at most ${found.plan.maxKeyframes} frames, one at least every ${found.plan.gapSeconds} s)`,
    `    labels on the right scenes: ${found.labelRecall.found}/${found.labelRecall.expected}${found.labelRecall.misses.length ? ` (missed: ${found.labelRecall.misses.join('; ')})` : ''}`,
    `    faces: ${found.faceScenes.found}/${found.faceScenes.expected} scenes with faces have a Face segment; false Face segments on ${found.falseFaceScenes.length} scenes${found.falseFaceScenes.length ? ` (${found.falseFaceScenes.join('; ')})` : ''}; ${found.people} people made over ${report.warm.length + 1} runs`,
    `    transcript WER ${(found.transcriptWer * 100).toFixed(1)}% over ${found.transcriptWords} words; tags: ${found.tags.join(', ')}`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatVideoEval(await runVideoEval()));
}
