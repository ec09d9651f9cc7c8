/**
 * Vision evaluation (part of `npm run bench:analysis`): runs the four local vision adapters —
 * labels (CenterNet), faces (BlazeFace + mesh + description + emotion), text (PaddleOCR) and
 * moderation (NSFWJS) — over images with known content (test/support/vision-samples.ts,
 * labels in vision-labels.json) and prints:
 * - label precision/recall at the default threshold (and at a few others);
 * - face detection recall, false faces, and embedding distances (same person vs different people);
 * - OCR character error rate, and false text on images without text;
 * - moderation flags on ordinary photos;
 * - speed: ms per image p50/p90 for each step run alone (wall and CPU time), and for the whole image
 *   analysis with the four steps started together, as the image analyzer runs them (best of three
 *   runs per image).
 * Wall times depend on what else the machine runs: the load average is printed with them, and CPU
 * time (this process, all threads) is the steadier figure. Prints figures; asserts nothing.
 * `VISION_EVAL_OPTIONS=1` also measures the speed options (labels and OCR on the calling thread,
 * aligned faces, no emotions, OCR detection at 960 px, OCR on 2 threads).
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHumanFaceDetector, type HumanFaceDetectorOptions } from '../../../functions/adapters/local/human-face-detector';
import { createHumanLabelDetector, type HumanLabelDetectorOptions } from '../../../functions/adapters/local/human-label-detector';
import { createNsfwModeration } from '../../../functions/adapters/local/nsfw-moderation';
import { createOcrTextInImage, type OcrTextInImageOptions } from '../../../functions/adapters/local/ocr-text-in-image';
import { decodeImage } from '../../../functions/adapters/local/vision/decoded-image';
import type { DetectedFace } from '../../../functions/ports/face-detector';
import type { DetectedLabel } from '../../../functions/ports/label-detector';
import type { ModerationLabel } from '../../../functions/ports/moderation';
import type { DetectedTextLine } from '../../../functions/ports/text-in-image';
import { loadVisionSample, VISION_LABELS, type VisionSampleLabels } from '../../support/vision-samples';

const DEFAULT_LABEL_THRESHOLD = 0.4;
const THRESHOLD_SWEEP = [0.3, 0.4, 0.5, 0.6];
const CONCURRENT_ATTEMPTS = 3;
const STEPS = ['decode', 'labels', 'faces', 'text', 'moderation'] as const;
type Step = (typeof STEPS)[number];

interface ImageRun {
  sample: VisionSampleLabels;
  labels: DetectedLabel[];
  faces: DetectedFace[];
  text: DetectedTextLine[];
  moderation: ModerationLabel[];
  wall: Record<Step, number>;
  cpu: Record<Step, number>;
  /** The four steps started together on a fresh copy of the bytes (decode included), best of three. */
  concurrentWall: number;
  concurrentCpu: number;
}

/** Figures of one evaluation run. */
export interface VisionEvalReport {
  images: number;
  loadMs: number;
  labels: { threshold: number; precision: number; recall: number; sweep: { threshold: number; precision: number; recall: number }[]; misses: string[]; falseLabels: string[] };
  faces: { expected: number; found: number; recall: number; falseFaces: number; falseFaceImages: string[]; samePersonDistance: number[]; nearestDifferentPersonDistance: number; unitLength: boolean };
  text: { characterErrorRate: number; characterErrorRateIgnoringSpaces: number; falseLines: number; perImage: { id: string; cer: number; read: string }[] };
  moderation: { ordinaryImages: number; flagged: string[]; arguable: string[] };
  speed: { step: Step | 'sequential total' | 'concurrent total'; wallP50: number; wallP90: number; cpuP50: number; cpuP90: number }[];
  /**
   * Wall time one image would take on an idle 2-core machine, from the steps' CPU times: the
   * longest lane (the caller's thread: decode, faces, moderation; the objects thread; the OCR thread)
   * or half the total, whichever is more.
   */
  idleEstimate: { p50: number; p90: number };
  /** Resident memory of the process (all threads) after loading the models, and at the end. */
  rssMb: { loaded: number; end: number };
  loadAverage: { before: number; after: number };
  options: { name: string; wallP50: number; cpuP50: number; note: string }[];
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs the evaluation.
 * @returns the figures (also printed by {@link printVisionEval})
 */
export async function runVisionEval(options: { measureOptions?: boolean } = {}): Promise<VisionEvalReport> {
  const samples = await Promise.all(VISION_LABELS.images.map(async (sample) => ({ sample, bytes: await loadVisionSample(sample.id) })));
  const labelDetector = createHumanLabelDetector();
  const faceDetector = createHumanFaceDetector();
  const ocr = createOcrTextInImage();
  const moderation = createNsfwModeration();
  const loadStarted = performance.now();
  await Promise.all([labelDetector.warmUp(), faceDetector.warmUp(), ocr.warmUp(), moderation.warmUp()]);
  const loadMs = performance.now() - loadStarted;
  const rssLoaded = process.memoryUsage().rss / 2 ** 20;

  const loadBefore = loadavg()[0] ?? 0;
  const runs: ImageRun[] = [];
  for (const { sample, bytes } of samples) {
    const image = Buffer.from(bytes);
    const decode = await timed(() => decodeImage(image));
    const labels = await timed(() => labelDetector.detectLabels(image, { minConfidence: Math.min(...THRESHOLD_SWEEP) }));
    const faces = await timed(() => faceDetector.detectFaces(image));
    const text = await timed(() => ocr.detectText(image));
    const flags = await timed(() => moderation.detectUnsafe(image));
    // Best of three: the machine may be shared, and other work lands on some runs and not others.
    let concurrent = { wall: Number.POSITIVE_INFINITY, cpu: Number.NaN };
    for (let attempt = 0; attempt < CONCURRENT_ATTEMPTS; attempt += 1) {
      const fresh = Buffer.from(bytes);
      const run = await timed(() => Promise.all([labelDetector.detectLabels(fresh), faceDetector.detectFaces(fresh), ocr.detectText(fresh), moderation.detectUnsafe(fresh)]));
      if (run.wall < concurrent.wall) concurrent = run;
    }
    runs.push({
      sample,
      labels: labels.value,
      faces: faces.value,
      text: text.value,
      moderation: flags.value,
      wall: { decode: decode.wall, labels: labels.wall, faces: faces.wall, text: text.wall, moderation: flags.wall },
      cpu: { decode: decode.cpu, labels: labels.cpu, faces: faces.cpu, text: text.cpu, moderation: flags.cpu },
      concurrentWall: concurrent.wall,
      concurrentCpu: concurrent.cpu,
    });
  }
  const loadAfter = loadavg()[0] ?? 0;

  return {
    images: runs.length,
    loadMs,
    labels: labelQuality(runs),
    faces: faceQuality(runs),
    text: textQuality(runs),
    moderation: moderationQuality(runs),
    speed: speedFigures(runs),
    idleEstimate: idleEstimate(runs),
    rssMb: { loaded: rssLoaded, end: process.memoryUsage().rss / 2 ** 20 },
    loadAverage: { before: loadBefore, after: loadAfter },
    options: options.measureOptions ? await measureOptions(samples.map((entry) => entry.bytes)) : [],
  };
}

function labelQuality(runs: readonly ImageRun[]): VisionEvalReport['labels'] {
  const at = (threshold: number) => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    const falseLabels: string[] = [];
    for (const run of runs) {
      const found = new Set(run.labels.filter((label) => label.confidence >= threshold).map((label) => label.name));
      for (const expected of run.sample.labels) {
        if (found.has(expected)) truePositives += 1;
        else {
          falseNegatives += 1;
          misses.push(`${run.sample.id}: ${expected}`);
        }
      }
      for (const name of found) {
        if (run.sample.labels.includes(name) || run.sample.acceptableLabels.includes(name)) continue;
        falsePositives += 1;
        falseLabels.push(`${run.sample.id}: ${name}`);
      }
    }
    return { threshold, precision: truePositives / Math.max(1, truePositives + falsePositives), recall: truePositives / Math.max(1, truePositives + falseNegatives), misses, falseLabels };
  };
  const main = at(DEFAULT_LABEL_THRESHOLD);
  return { ...main, sweep: THRESHOLD_SWEEP.map((threshold) => { const { precision, recall } = at(threshold); return { threshold, precision, recall }; }) };
}

function faceQuality(runs: readonly ImageRun[]): VisionEvalReport['faces'] {
  let expected = 0;
  let matched = 0;
  let found = 0;
  let falseFaces = 0;
  const falseFaceImages: string[] = [];
  for (const run of runs) {
    expected += run.sample.faces;
    found += run.faces.length;
    matched += Math.min(run.faces.length, run.sample.faces);
    const extra = Math.max(0, run.faces.length - run.sample.faces);
    falseFaces += extra;
    if (extra > 0) falseFaceImages.push(`${run.sample.id}: +${extra}`);
  }
  const embeddingsOf = (id: string) => runs.find((run) => run.sample.id === id)?.faces.flatMap((face) => (face.embedding ? [face.embedding] : [])) ?? [];
  const samePersonDistance = VISION_LABELS.samePerson.flatMap(([a, b]) => {
    const [first] = embeddingsOf(a);
    const [second] = embeddingsOf(b);
    return first && second ? [distance(first, second)] : [];
  });
  // Different people: the author (first photo of each same-person pair) against every face in the group photos.
  const others = runs.filter((run) => run.sample.id.startsWith('face-api/')).flatMap((run) => run.faces.flatMap((face) => (face.embedding ? [face.embedding] : [])));
  const nearestDifferentPersonDistance = Math.min(
    ...VISION_LABELS.samePerson.flatMap(([a]) => embeddingsOf(a).flatMap((mine) => others.map((other) => distance(mine, other)))),
  );
  const unitLength = runs.every((run) => run.faces.every((face) => face.embedding !== null && Math.abs(Math.hypot(...face.embedding) - 1) < 1e-3));
  return { expected, found, recall: matched / Math.max(1, expected), falseFaces, falseFaceImages, samePersonDistance, nearestDifferentPersonDistance, unitLength };
}

function textQuality(runs: readonly ImageRun[]): VisionEvalReport['text'] {
  let errors = 0;
  let errorsNoSpaces = 0;
  let characters = 0;
  let charactersNoSpaces = 0;
  let falseLines = 0;
  const perImage: { id: string; cer: number; read: string }[] = [];
  for (const run of runs) {
    const expectedLines = run.sample.text;
    if (expectedLines === null) continue;
    const read = normaliseText(run.text.map((line) => line.text).join(' '));
    if (expectedLines.length === 0) {
      falseLines += run.text.length;
      if (run.text.length > 0) perImage.push({ id: run.sample.id, cer: Number.NaN, read });
      continue;
    }
    const expected = normaliseText(expectedLines.join(' '));
    const distanceAll = editDistance(expected, read);
    const distanceNoSpaces = editDistance(expected.replace(/ /g, ''), read.replace(/ /g, ''));
    errors += distanceAll;
    characters += expected.length;
    errorsNoSpaces += distanceNoSpaces;
    charactersNoSpaces += expected.replace(/ /g, '').length;
    perImage.push({ id: run.sample.id, cer: distanceAll / expected.length, read });
  }
  return { characterErrorRate: errors / Math.max(1, characters), characterErrorRateIgnoringSpaces: errorsNoSpaces / Math.max(1, charactersNoSpaces), falseLines, perImage };
}

function moderationQuality(runs: readonly ImageRun[]): VisionEvalReport['moderation'] {
  const describe = (run: ImageRun) => `${run.sample.id}: ${run.moderation.map((label) => `${label.name} ${label.confidence.toFixed(2)}`).join(', ') || 'nothing'}`;
  const ordinary = runs.filter((run) => run.sample.unsafe === false);
  return {
    ordinaryImages: ordinary.length,
    flagged: ordinary.filter((run) => run.moderation.length > 0).map(describe),
    arguable: runs.filter((run) => run.sample.unsafe === null).map(describe),
  };
}

function speedFigures(runs: readonly ImageRun[]): VisionEvalReport['speed'] {
  const figures: VisionEvalReport['speed'] = STEPS.map((step) => ({
    step,
    wallP50: percentile(runs.map((run) => run.wall[step]), 50),
    wallP90: percentile(runs.map((run) => run.wall[step]), 90),
    cpuP50: percentile(runs.map((run) => run.cpu[step]), 50),
    cpuP90: percentile(runs.map((run) => run.cpu[step]), 90),
  }));
  const sum = (values: Record<Step, number>) => STEPS.reduce((total, step) => total + values[step], 0);
  figures.push({
    step: 'sequential total',
    wallP50: percentile(runs.map((run) => sum(run.wall)), 50),
    wallP90: percentile(runs.map((run) => sum(run.wall)), 90),
    cpuP50: percentile(runs.map((run) => sum(run.cpu)), 50),
    cpuP90: percentile(runs.map((run) => sum(run.cpu)), 90),
  });
  figures.push({
    step: 'concurrent total',
    wallP50: percentile(runs.map((run) => run.concurrentWall), 50),
    wallP90: percentile(runs.map((run) => run.concurrentWall), 90),
    cpuP50: percentile(runs.map((run) => run.concurrentCpu), 50),
    cpuP90: percentile(runs.map((run) => run.concurrentCpu), 90),
  });
  return figures;
}

function idleEstimate(runs: readonly ImageRun[]): VisionEvalReport['idleEstimate'] {
  const estimates = runs.map(({ cpu }) => {
    const callerThread = cpu.decode + cpu.faces + cpu.moderation;
    const total = callerThread + cpu.labels + cpu.text;
    return Math.max(callerThread, cpu.decode + cpu.labels, cpu.decode + cpu.text, total / 2);
  });
  return { p50: percentile(estimates, 50), p90: percentile(estimates, 90) };
}

/** Speed of the alternatives a deployment can pick, each over the same images. */
async function measureOptions(images: readonly Buffer[]): Promise<VisionEvalReport['options']> {
  const faceVariant = async (name: string, settings: HumanFaceDetectorOptions, note: string) => {
    const detector = createHumanFaceDetector(settings);
    return variant(name, images, (image) => detector.detectFaces(image), note);
  };
  const ocrVariant = async (name: string, settings: OcrTextInImageOptions, note: string) => {
    const reader = createOcrTextInImage(settings);
    await reader.warmUp();
    return variant(name, images, (image) => reader.detectText(image), note);
  };
  const labelVariant = async (name: string, settings: HumanLabelDetectorOptions, note: string) => {
    const detector = createHumanLabelDetector(settings);
    await detector.warmUp();
    return variant(name, images, (image) => detector.detectLabels(image), note);
  };
  return [
    await labelVariant('labels, default', {}, 'worker thread'),
    await labelVariant('labels, inline', { thread: 'inline' }, 'on the calling thread'),
    await faceVariant('faces, default', {}, 'mesh + description + emotion'),
    await faceVariant('faces, alignFaces', { alignFaces: true }, 'straightens tilted faces first'),
    await faceVariant('faces, emotions off', { emotions: false }, 'no emotion model'),
    await ocrVariant('text, default', {}, 'worker thread, detection at ≤ 640 px, 1 onnxruntime thread'),
    await ocrVariant('text, inline', { thread: 'inline' }, 'on the calling thread'),
    await ocrVariant('text, detectionSide 960', { detectionSide: 960 }, 'larger detection input: smaller text found'),
    await ocrVariant('text, threads 2', { threads: 2 }, 'both cores for onnxruntime'),
  ];
}

async function variant(name: string, images: readonly Buffer[], work: (image: Buffer) => Promise<unknown>, note: string) {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (const bytes of images) {
    const image = Buffer.from(bytes);
    await decodeImage(image);
    const { wall, cpu } = await timed(() => work(image));
    walls.push(wall);
    cpus.push(cpu);
  }
  return { name, wallP50: percentile(walls, 50), cpuP50: percentile(cpus, 50), note };
}

/** Prints the report as the bench's plain-text section. */
export function printVisionEval(report: VisionEvalReport): void {
  const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
  const ms = (value: number) => (Number.isNaN(value) ? '—' : `${Math.round(value)} ms`);
  console.log(`\nVision (${report.images} images; models loaded in ${ms(report.loadMs)})`);
  console.log(`  labels @ ${report.labels.threshold}: precision ${pct(report.labels.precision)}, recall ${pct(report.labels.recall)}`);
  console.log(`    sweep: ${report.labels.sweep.map((entry) => `@${entry.threshold} P ${pct(entry.precision)} R ${pct(entry.recall)}`).join(' | ')}`);
  if (report.labels.misses.length > 0) console.log(`    missed: ${report.labels.misses.join('; ')}`);
  if (report.labels.falseLabels.length > 0) console.log(`    false: ${report.labels.falseLabels.join('; ')}`);
  console.log(`  faces: recall ${pct(report.faces.recall)} (${report.faces.found} found, ${report.faces.expected} expected), false faces ${report.faces.falseFaces}${report.faces.falseFaceImages.length ? ` (${report.faces.falseFaceImages.join('; ')})` : ''}`);
  console.log(`    embeddings unit length: ${report.faces.unitLength}; same person distance ${report.faces.samePersonDistance.map((d) => d.toFixed(3)).join(', ') || '—'}; nearest different person ${report.faces.nearestDifferentPersonDistance.toFixed(3)}`);
  console.log(`  text: CER ${pct(report.text.characterErrorRate)} (ignoring spaces ${pct(report.text.characterErrorRateIgnoringSpaces)}), false lines on text-free images ${report.text.falseLines}`);
  for (const entry of report.text.perImage) console.log(`    ${entry.id}: ${Number.isNaN(entry.cer) ? 'false text' : `CER ${pct(entry.cer)}`} — "${entry.read.slice(0, 90)}"`);
  console.log(`  moderation: ${report.moderation.flagged.length} of ${report.moderation.ordinaryImages} ordinary images flagged${report.moderation.flagged.length ? ` (${report.moderation.flagged.join('; ')})` : ''}`);
  console.log(`    arguable (party photos): ${report.moderation.arguable.join('; ')}`);
  console.log(`  speed per image (load average ${report.loadAverage.before.toFixed(2)} → ${report.loadAverage.after.toFixed(2)} on ${2} cores):`);
  console.log(`    estimate for an idle 2-core machine (from CPU times, steps on their threads): p50 ${ms(report.idleEstimate.p50)}, p90 ${ms(report.idleEstimate.p90)}`);
  console.log(`    memory (RSS, all threads): ${Math.round(report.rssMb.loaded)} MB with the models loaded, ${Math.round(report.rssMb.end)} MB at the end`);
  for (const row of report.speed) console.log(`    ${(row.step === 'concurrent total' ? 'concurrent total*' : row.step).padEnd(17)} wall p50 ${ms(row.wallP50).padStart(7)} p90 ${ms(row.wallP90).padStart(7)}   cpu p50 ${ms(row.cpuP50).padStart(7)} p90 ${ms(row.cpuP90).padStart(7)}`);
  console.log('    * the four steps started together, as the image analyzer runs them: best of three runs per image');
  for (const option of report.options) console.log(`    option ${option.name.padEnd(24)} wall p50 ${ms(option.wallP50).padStart(7)}   cpu p50 ${ms(option.cpuP50).padStart(7)}  (${option.note})`);
}

function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += ((a[index] ?? 0) - (b[index] ?? 0)) ** 2;
  return Math.sqrt(sum);
}

/** Levenshtein distance in characters. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printVisionEval(await runVisionEval({ measureOptions: process.env.VISION_EVAL_OPTIONS === '1' }));
}
