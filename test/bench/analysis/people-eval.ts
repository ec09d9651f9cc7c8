/**
 * People evaluation (part of `npm run bench:analysis`): clusters faces into people with the real
 * assignFaces (functions/core/people) over an in-memory repository, one media item per photo, and prints
 * pairwise precision (pairs put in one person that are one identity / pairs put in one person) and
 * recall (pairs of one identity put in one person / pairs of one identity), people made vs identities,
 * at the default policy and over a threshold and margin sweep. Three sets:
 * - **real**: faces the local face detector (createHumanFaceDetector) finds in the photos that ship in
 *   @vladmandic/face-api and @vladmandic/human, labelled by hand in people-labels.json. 27 identities,
 *   but only one (the package author) in more than one photo: precision is well measured, recall on
 *   real re-photographs rests on 3 pairs.
 * - **real + augmented**: each face-api photo also enters the library three more times, altered (mirrored
 *   and re-exposed, zoomed and blurred, darkened and shifted, JPEG-recompressed): the same faces through
 *   another camera path. Optimistic for recall (same pose and moment), but many more same-person pairs.
 * - **synthetic**: 128-dimension embeddings with known identities (documented in `syntheticLibrary`),
 *   spread like the measured descriptors (same person cos ≈ 0.3–0.7, different ≈ 0 ± 0.09), including
 *   look-alike pairs (centres at cos 0.5), group photos and videos: the core logic at scale.
 *
 * `--write-centre` recomputes functions/core/people/faceres-centre.json (the descriptor mean the local
 * matcher centres on) from the faces of human's face-match screenshot grid, none of which are scored.
 * Prints figures; asserts nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createHumanFaceDetector } from '../../../functions/adapters/local/human-face-detector';
import { packageFile } from '../../../functions/adapters/local/vision/package-files';
import { assignFaces } from '../../../functions/core/people/assign-faces';
import { centred, FACERES_CENTRE } from '../../../functions/core/people/centroid-matcher';
import { cosineSimilarity, normalise } from '../../../functions/core/people/embeddings';
import { DEFAULT_MATCH_POLICY, type MatchPolicy, type NewFace } from '../../../functions/core/people/face-matcher';
import { loadVisionSample } from '../../support/vision-samples';
import { createInMemoryPeople } from '../../unit/functions/core/people/in-memory-people-repository';
import { random } from '../../unit/functions/core/people/vectors';
import peopleLabels from './people-labels.json';

const here = path.dirname(fileURLToPath(import.meta.url));
const CENTRE_FILE = path.join(here, '../../../functions/core/people/faceres-centre.json');
/** A detected face is the labelled one when their box centres are this close (fractions of the image). */
const MATCH_DISTANCE = 0.05;
const THRESHOLDS = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];
const MARGINS = [0, 0.02, 0.05, 0.1];

/** One photo (or video) entering the library: its faces with their true identities. */
interface EvalMedia {
  id: string;
  faces: { identity: string; face: NewFace }[];
}

interface ClusterFigures {
  precision: number;
  recall: number;
  samePairs: number;
  pairsTogether: number;
  people: number;
  identities: number;
  /** People holding faces of more than one identity. */
  mixedPeople: number;
  msPerMedia: number;
}

/** Face-to-face cosine (centred descriptors) of labelled pairs: how far apart the two kinds of pair are. */
interface PairSimilarities {
  same: { pairs: number; min: number; median: number; max: number };
  different: { pairs: number; median: number; p99: number; max: number };
}

export interface PeopleEvalReport {
  detector: { images: number; labelledFaces: number; foundLabelled: number; msPerImage: number };
  realPairs: PairSimilarities;
  sets: { name: string; faces: number; media: number; atDefault: ClusterFigures; thresholds: (ClusterFigures & { threshold: number })[]; margins: (ClusterFigures & { margin: number })[]; orders: { precisionMin: number; recallMin: number; recallMax: number } }[];
  policy: MatchPolicy;
}

type Source = { kind: 'face-api' | 'human'; name: string };

function sourceOf(id: string): Source {
  const [kind, name] = id.split('/') as [string, string];
  if (kind !== 'face-api' && kind !== 'human') throw new Error(`Unknown source ${id}`);
  return { kind, name };
}

async function loadSource(id: string): Promise<Buffer> {
  const source = sourceOf(id);
  return source.kind === 'face-api' ? loadVisionSample(id) : readFile(packageFile('@vladmandic/human', 'assets', source.name));
}

type Image = ReturnType<typeof sharp>;

/** Alterations of a whole photo; `map` moves a face centre the way the alteration moves it. */
const AUGMENTATIONS: { name: string; apply: (image: Image, width: number, height: number) => Image; map: (x: number, y: number) => [number, number] }[] = [
  { name: 'mirrored-bright-q40', apply: (image) => image.flop().modulate({ brightness: 1.25 }).jpeg({ quality: 40 }), map: (x, y) => [1 - x, y] },
  {
    name: 'zoomed-blurred',
    apply: (image, width, height) =>
      image.extract({ left: Math.round(width * 0.08), top: Math.round(height * 0.08), width: Math.round(width * 0.84), height: Math.round(height * 0.84) }).resize({ width: 800 }).modulate({ saturation: 0.6 }).blur(1.2).jpeg({ quality: 70 }),
    map: (x, y) => [(x - 0.08) / 0.84, (y - 0.08) / 0.84],
  },
  {
    name: 'dark-shifted',
    apply: (image, width, height) => image.extract({ left: 0, top: Math.round(height * 0.05), width: Math.round(width * 0.9), height: height - Math.round(height * 0.05) }).modulate({ brightness: 0.7 }).gamma(2.2).jpeg({ quality: 60 }),
    map: (x, y) => [x / 0.9, (y - 0.05) / 0.95],
  },
];

const centre = (box: NewFace['box']) => [box.left + box.width / 2, box.top + box.height / 2] as const;

/** Pairs each labelled face with the detected face whose centre is nearest (within MATCH_DISTANCE). */
function labelFaces(detected: readonly NewFace[], labels: readonly { x: number; y: number; identity: string }[]): { identity: string; face: NewFace }[] {
  return labels.flatMap((label) => {
    let best: { face: NewFace; distance: number } | null = null;
    for (const face of detected) {
      const [x, y] = centre(face.box);
      const distance = Math.hypot(x - label.x, y - label.y);
      if (distance <= MATCH_DISTANCE && (!best || distance < best.distance)) best = { face, distance };
    }
    return best ? [{ identity: label.identity, face: best.face }] : [];
  });
}

async function detectLibrary(): Promise<{ real: EvalMedia[]; augmented: EvalMedia[]; detector: PeopleEvalReport['detector']; centreFaces: number[][] }> {
  const detector = createHumanFaceDetector({ maxFaces: 100, emotions: false });
  await detector.warmUp();
  const toNew = (faces: Awaited<ReturnType<typeof detector.detectFaces>>): NewFace[] => faces.map((face) => ({ box: face.box, confidence: face.confidence, embedding: face.embedding }));
  const real: EvalMedia[] = [];
  const augmented: EvalMedia[] = [];
  let images = 0;
  let elapsed = 0;
  let labelled = 0;
  const detect = async (bytes: Buffer) => {
    const started = performance.now();
    const faces = toNew(await detector.detectFaces(bytes));
    elapsed += performance.now() - started;
    images += 1;
    return faces;
  };
  for (const image of peopleLabels.images) {
    const bytes = await loadSource(image.source);
    labelled += image.faces.length;
    real.push({ id: image.source, faces: labelFaces(await detect(bytes), image.faces) });
    if (sourceOf(image.source).kind !== 'face-api') continue;
    // Upright pixels first (EXIF orientation applied), so regions are cut where the detector sees them.
    const upright = await sharp(bytes).rotate().png().toBuffer({ resolveWithObject: true });
    for (const augmentation of AUGMENTATIONS) {
      const altered = await augmentation.apply(sharp(upright.data), upright.info.width, upright.info.height).toBuffer();
      const moved = image.faces.map((face) => {
        const [x, y] = augmentation.map(face.x, face.y);
        return { x, y, identity: face.identity };
      });
      augmented.push({ id: `${image.source}#${augmentation.name}`, faces: labelFaces(await detect(altered), moved) });
    }
  }
  // The grid's faces are small: a lower detection threshold finds most of them (none is scored).
  const centreImage = toNew(await detector.detectFaces(await loadSource(peopleLabels.centre.source), { minConfidence: 0.3 }));
  const centreFaces = centreImage
    .filter((face) => peopleLabels.centre.excludeNear.every((point) => Math.hypot(centre(face.box)[0] - point.x, centre(face.box)[1] - point.y) > MATCH_DISTANCE))
    .flatMap((face) => (face.embedding ? [face.embedding] : []));
  const found = real.reduce((sum, media) => sum + media.faces.length, 0);
  return { real, augmented, centreFaces, detector: { images, labelledFaces: labelled, foundLabelled: found, msPerImage: elapsed / images } };
}

/** Clusters the library with assignFaces, media in the given order, and scores the people it made. */
async function cluster(library: readonly EvalMedia[], policy: MatchPolicy): Promise<ClusterFigures> {
  const repository = createInMemoryPeople();
  const assigned: { identity: string; personId: string | null }[] = [];
  const started = performance.now();
  for (const media of library) {
    repository.addMedia(media.id, 'eval');
    const result = await assignFaces({ owner: 'eval', mediaId: media.id, version: 1, faces: media.faces.map((entry) => entry.face) }, repository, { policy });
    media.faces.forEach((entry, index) => assigned.push({ identity: entry.identity, personId: result.personIds[index] ?? null }));
  }
  const msPerMedia = (performance.now() - started) / library.length;
  let samePairs = 0;
  let together = 0;
  let correctTogether = 0;
  for (let i = 0; i < assigned.length; i += 1) {
    for (let j = i + 1; j < assigned.length; j += 1) {
      const same = assigned[i]!.identity === assigned[j]!.identity;
      const joined = assigned[i]!.personId !== null && assigned[i]!.personId === assigned[j]!.personId;
      if (same) samePairs += 1;
      if (joined) together += 1;
      if (same && joined) correctTogether += 1;
    }
  }
  const identitiesOf = new Map<string, Set<string>>();
  for (const { identity, personId } of assigned) if (personId) identitiesOf.set(personId, (identitiesOf.get(personId) ?? new Set()).add(identity));
  return {
    precision: together === 0 ? 1 : correctTogether / together,
    recall: samePairs === 0 ? 1 : correctTogether / samePairs,
    samePairs,
    pairsTogether: together,
    people: identitiesOf.size,
    identities: new Set(assigned.map((entry) => entry.identity)).size,
    mixedPeople: [...identitiesOf.values()].filter((identities) => identities.size > 1).length,
    msPerMedia,
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

async function evaluateSet(name: string, library: readonly EvalMedia[], policy: MatchPolicy): Promise<PeopleEvalReport['sets'][number]> {
  const atDefault = await cluster(library, policy);
  const thresholds = [];
  for (const threshold of THRESHOLDS) thresholds.push({ threshold, ...(await cluster(library, { ...policy, threshold })) });
  const margins = [];
  for (const margin of MARGINS) margins.push({ margin, ...(await cluster(library, { ...policy, margin })) });
  const orders = [];
  for (let seed = 1; seed <= 5; seed += 1) orders.push(await cluster(shuffled(library, seed), policy));
  return {
    name,
    faces: library.reduce((sum, media) => sum + media.faces.length, 0),
    media: library.length,
    atDefault,
    thresholds,
    margins,
    orders: {
      precisionMin: Math.min(...orders.map((figures) => figures.precision)),
      recallMin: Math.min(...orders.map((figures) => figures.recall)),
      recallMax: Math.max(...orders.map((figures) => figures.recall)),
    },
  };
}

/**
 * A synthetic library with known identities, spread like the measured (centred) descriptors:
 * - 80 identities, each a random unit centre in 128 dimensions (different people: cos ≈ 0 ± 0.09);
 *   10 of them are look-alikes of another identity (centres at cos 0.5: siblings, a face between two clusters);
 * - a face is its centre plus Gaussian noise of 1/√128 per dimension times a factor drawn from 0.7–1.5
 *   (same person face to face: cos ≈ 0.3–0.7, as measured on the author's photos);
 * - 220 photos of 1–4 different identities (people with many photos are drawn more often, Zipf-like),
 *   and 15 videos of 3–8 keyframes with 1–3 identities each.
 */
export function syntheticLibrary(seed = 7): EvalMedia[] {
  const dimensions = 128;
  const next = random(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  const randomUnit = () => normalise(Array.from({ length: dimensions }, gaussian));
  const centres: number[][] = [];
  for (let i = 0; i < 70; i += 1) centres.push(randomUnit());
  for (let i = 0; i < 10; i += 1) {
    // Unit vector at cos 0.5 to centre i: 0.5·c + √0.75·(a random direction orthogonal to c).
    const base = centres[i]!;
    const direction = randomUnit();
    const dot = direction.reduce((sum, value, k) => sum + value * base[k]!, 0);
    const orthogonal = normalise(direction.map((value, k) => value - dot * base[k]!));
    centres.push(base.map((value, k) => 0.5 * value + Math.sqrt(0.75) * orthogonal[k]!));
  }
  const face = (identity: number, at?: number): { identity: string; face: NewFace } => {
    const scale = (0.7 + next() * 0.8) / Math.sqrt(dimensions);
    return {
      identity: `id${identity}`,
      face: { box: { left: 0.1, top: 0.1, width: 0.1 + next() * 0.2, height: 0.2 }, confidence: 0.8 + next() * 0.2, ...(at !== undefined ? { at } : {}), embedding: normalise(centres[identity]!.map((value) => value + gaussian() * scale)) },
    };
  };
  const pick = () => Math.min(centres.length - 1, Math.floor(centres.length * next() ** 2));
  const distinct = (count: number) => {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(pick());
    return [...chosen];
  };
  const library: EvalMedia[] = [];
  for (let i = 0; i < 220; i += 1) library.push({ id: `photo${i}`, faces: distinct(1 + Math.floor(next() * 4)).map((identity) => face(identity)) });
  for (let i = 0; i < 15; i += 1) {
    const people = distinct(1 + Math.floor(next() * 3));
    const keyframes = 3 + Math.floor(next() * 6);
    const faces = [];
    for (let k = 0; k < keyframes; k += 1) for (const identity of people) if (next() < 0.8) faces.push(face(identity, k * 2.5));
    library.push({ id: `video${i}`, faces });
  }
  return library;
}

function pairSimilarities(library: readonly EvalMedia[]): PairSimilarities {
  const faces = library.flatMap((media) => media.faces).filter((entry) => entry.face.embedding);
  const same: number[] = [];
  const different: number[] = [];
  for (let i = 0; i < faces.length; i += 1) {
    for (let j = i + 1; j < faces.length; j += 1) {
      const similarity = cosineSimilarity(centred(faces[i]!.face.embedding!, FACERES_CENTRE), centred(faces[j]!.face.embedding!, FACERES_CENTRE)) ?? 0;
      (faces[i]!.identity === faces[j]!.identity ? same : different).push(similarity);
    }
  }
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  const at = (values: number[], fraction: number) => values[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? Number.NaN;
  sorted(same);
  sorted(different);
  return {
    same: { pairs: same.length, min: same[0] ?? Number.NaN, median: at(same, 0.5), max: same.at(-1) ?? Number.NaN },
    different: { pairs: different.length, median: at(different, 0.5), p99: at(different, 0.99), max: different.at(-1) ?? Number.NaN },
  };
}

/** Runs the evaluation. @returns the figures printPeopleEval prints */
export async function runPeopleEval(options: { writeCentre?: boolean } = {}): Promise<PeopleEvalReport> {
  const policy = DEFAULT_MATCH_POLICY;
  const detected = await detectLibrary();
  if (options.writeCentre) await writeCentre(detected.centreFaces);
  const sets = [
    await evaluateSet('real photos', detected.real, policy),
    await evaluateSet('real + augmented copies', [...detected.real, ...detected.augmented], policy),
    await evaluateSet('synthetic (128-d)', syntheticLibrary(), policy),
  ];
  return { detector: detected.detector, realPairs: pairSimilarities(detected.real), sets, policy };
}

async function writeCentre(faces: readonly number[][]): Promise<void> {
  const values = faces[0]!.map((_, i) => Number((faces.reduce((sum, face) => sum + face[i]!, 0) / faces.length).toFixed(5)));
  const about =
    "Mean face descriptor of @vladmandic/human's description model (faceres, 1024 values), over the faces test/bench/analysis/people-eval.ts --write-centre finds in the grid of human's assets/screenshot-facematch.jpg. The local people matcher centres descriptors on it before comparing (see centroid-matcher.ts).";
  await writeFile(CENTRE_FILE, `${JSON.stringify({ about, faces: faces.length, values })}\n`);
  console.log(`wrote ${path.relative(process.cwd(), CENTRE_FILE)} from ${faces.length} faces`);
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const row = (figures: ClusterFigures) =>
  `precision ${pct(figures.precision).padStart(6)}  recall ${pct(figures.recall).padStart(6)}  people ${String(figures.people).padStart(3)} / identities ${String(figures.identities).padStart(3)}  mixed people ${figures.mixedPeople}  (${figures.pairsTogether} pairs joined, ${figures.samePairs} same-person pairs)`;

/** Prints the report as a few readable tables. */
export function printPeopleEval(report: PeopleEvalReport): void {
  const { detector } = report;
  console.log(`People clustering — default policy: threshold ${report.policy.threshold}, margin ${report.policy.margin} (cosine of centred descriptors)`);
  console.log(`detector: ${detector.images} images, ${detector.foundLabelled}/${detector.labelledFaces} labelled faces found in the original photos, ${detector.msPerImage.toFixed(0)} ms/image`);
  const { same, different } = report.realPairs;
  const f = (value: number) => value.toFixed(2);
  console.log(`real photos, face to face: same person ${same.pairs} pairs cos ${f(same.min)}–${f(same.max)} (median ${f(same.median)}); different people ${different.pairs} pairs median ${f(different.median)}, p99 ${f(different.p99)}, max ${f(different.max)}`);
  for (const set of report.sets) {
    console.log(`\n## ${set.name}: ${set.faces} faces in ${set.media} media items`);
    console.log(`default     ${row(set.atDefault)}  ${set.atDefault.msPerMedia.toFixed(1)} ms/media`);
    console.log(`5 shuffled orders: precision ≥ ${pct(set.orders.precisionMin)}, recall ${pct(set.orders.recallMin)}–${pct(set.orders.recallMax)}`);
    for (const figures of set.thresholds) console.log(`threshold ${figures.threshold.toFixed(2)}  ${row(figures)}`);
    for (const figures of set.margins) console.log(`margin ${figures.margin.toFixed(2)}     ${row(figures)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printPeopleEval(await runPeopleEval({ writeCentre: process.argv.includes('--write-centre') }));
}
