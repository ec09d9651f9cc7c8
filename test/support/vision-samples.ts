/**
 * Images with known content for the vision adapters' tests and evaluation
 * (test/bench/analysis/vision-labels.json says what each shows). Nothing is committed but the labels:
 * - `skimage/*`: scikit-image's sample photos (astronaut, coffee cup, cat, motorcycle, horse, page of
 *   text, ...) from Debian's `python3-skimage` package. Used from its install folder when present,
 *   otherwise the .deb is fetched with `apt-get download` (≈ 20 MB, no install, none of its Python
 *   dependencies) and only its `skimage/data` images are unpacked under node_modules/.cache.
 * - `face-api/*`: the group photos @vladmandic/face-api ships in `demo/` (devDependency).
 * - `human/*`: two crops of @vladmandic/human's screenshots showing its author's face — two photos
 *   of one person, for the "same person is closer" check.
 * - `generated/*`: text rendered with sharp (SVG, DejaVu Sans) from the labels file's lines, one over
 *   the coffee photo, and a blank gradient with no text.
 *
 * Run `npx tsx test/support/vision-samples.ts` to fetch the Debian samples ahead of a test run.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import visionLabels from '../bench/analysis/vision-labels.json';

const run = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'vision-samples');
const DEBIAN_SKIMAGE_DATA = '/usr/lib/python3/dist-packages/skimage/data';

/** Expected content of one evaluation image. */
export interface VisionSampleLabels {
  readonly id: string;
  /** Taxonomy labels a correct detector reports. */
  readonly labels: readonly string[];
  /** Labels also present or arguable: neither required nor false. */
  readonly acceptableLabels: readonly string[];
  readonly faces: number;
  /** Lines of text; null when not evaluated, [] when the image has none. */
  readonly text: readonly string[] | null;
  /** Whether moderation should flag it; null when arguable (reported, not scored). */
  readonly unsafe: boolean | null;
}

/** Every evaluation image with its expected content, and pairs of images of one person. */
export const VISION_LABELS: { readonly images: readonly VisionSampleLabels[]; readonly samePerson: readonly (readonly [string, string])[] } = {
  images: visionLabels.images,
  samePerson: visionLabels.samePerson.map(([a, b]) => [a!, b!] as const),
};

/** A sample's source is missing and cannot be fetched here. */
export class VisionSampleUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VisionSampleUnavailableError';
  }
}

/**
 * The encoded bytes of a sample image (PNG or JPEG as its source has it).
 * @param id e.g. "skimage/coffee.png", "face-api/sample1.jpg", "generated/text-poster.png"
 * @throws VisionSampleUnavailableError when the id is unknown or its source cannot be had
 */
export async function loadVisionSample(id: string): Promise<Buffer> {
  const [source, name] = splitId(id);
  switch (source) {
    case 'skimage':
      return readFile(path.join(await skimageDataDirectory(), name));
    case 'face-api':
      return readFile(packagePath('@vladmandic/face-api', 'demo', name));
    case 'human':
      return humanCrop(name);
    case 'generated':
      return generated(name);
  }
}

/** Labels of one sample. */
export function visionSampleLabels(id: string): VisionSampleLabels {
  const labels = VISION_LABELS.images.find((image) => image.id === id);
  if (!labels) throw new VisionSampleUnavailableError(`No labels for ${id} in test/bench/analysis/vision-labels.json`);
  return labels;
}

type Source = 'skimage' | 'face-api' | 'human' | 'generated';

function splitId(id: string): [Source, string] {
  const slash = id.indexOf('/');
  const source = id.slice(0, slash);
  const name = id.slice(slash + 1);
  if (source === 'skimage' || source === 'face-api' || source === 'human' || source === 'generated') return [source, name];
  throw new VisionSampleUnavailableError(`Unknown vision sample ${id}`);
}

function packagePath(packageName: string, ...segments: string[]): string {
  const file = path.join(REPO_ROOT, 'node_modules', packageName, ...segments);
  if (!existsSync(file)) throw new VisionSampleUnavailableError(`${packageName} lacks ${segments.join('/')}; run npm ci`);
  return file;
}

let skimageFetch: Promise<string> | undefined;

/**
 * The folder of scikit-image's sample images: Debian's install when present, else our unpacked copy
 * of the package (fetched on first use).
 * @throws VisionSampleUnavailableError when apt-get cannot fetch the package
 */
export function skimageDataDirectory(): Promise<string> {
  for (const candidate of [process.env.SKIMAGE_DATA_DIR, DEBIAN_SKIMAGE_DATA, path.join(CACHE_DIR, 'skimage')]) {
    if (candidate && existsSync(path.join(candidate, 'coffee.png'))) return Promise.resolve(candidate);
  }
  skimageFetch ??= fetchSkimageData().catch((error: unknown) => {
    skimageFetch = undefined;
    throw error;
  });
  return skimageFetch;
}

async function fetchSkimageData(): Promise<string> {
  const target = path.join(CACHE_DIR, 'skimage');
  await mkdir(CACHE_DIR, { recursive: true });
  const work = await mkdtemp(path.join(CACHE_DIR, 'fetch-'));
  try {
    const download = () => run('apt-get', ['download', '-qq', 'python3-skimage'], { cwd: work });
    try {
      await download();
    } catch {
      // A fresh machine may have no package lists yet.
      await run('apt-get', ['update', '-qq']);
      await download();
    }
    const deb = (await readdir(work)).find((name) => name.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download left no .deb');
    const unpacked = path.join(work, 'unpacked');
    await mkdir(unpacked);
    await run('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" --wildcards "./usr/lib/python3/dist-packages/skimage/data/*.png" "./usr/lib/python3/dist-packages/skimage/data/*.jpg"', 'sh', path.join(work, deb), unpacked]);
    // Another test file may have unpacked it meanwhile: keep whichever landed first.
    if (!existsSync(path.join(target, 'coffee.png'))) await rename(path.join(unpacked, 'usr/lib/python3/dist-packages/skimage/data'), target).catch(() => undefined);
    if (!existsSync(path.join(target, 'coffee.png'))) throw new Error('the package held no skimage/data/coffee.png');
    return target;
  } catch (error) {
    throw new VisionSampleUnavailableError('Could not fetch Debian python3-skimage for its sample images (needs apt-get and dpkg-deb)', { cause: error });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Regions of @vladmandic/human's screenshots that show its author's face (pixels of the originals). */
const HUMAN_CROPS: Readonly<Record<string, { file: string; left: number; top: number; width: number; height: number }>> = {
  'author-faceid.png': { file: 'screenshot-faceid.jpg', left: 12, top: 138, width: 150, height: 150 },
  'author-facematch.png': { file: 'screenshot-facematch.jpg', left: 0, top: 20, width: 165, height: 172 },
};

async function humanCrop(name: string): Promise<Buffer> {
  const crop = HUMAN_CROPS[name];
  if (!crop) throw new VisionSampleUnavailableError(`Unknown human/${name}`);
  const { file, ...region } = crop;
  return sharp(packagePath('@vladmandic/human', 'assets', file)).extract(region).png().toBuffer();
}

/** How each generated text image looks; its lines come from the labels file. */
const TEXT_STYLES: Readonly<Record<string, { width: number; height: number; background: string; colour: string; size: number }>> = {
  'text-poster.png': { width: 800, height: 300, background: '#ffffff', colour: '#111111', size: 40 },
  'text-dark.png': { width: 900, height: 260, background: '#1d2b44', colour: '#f5f5f5', size: 34 },
  'text-small.png': { width: 640, height: 200, background: '#f4efe2', colour: '#333333', size: 22 },
};

async function generated(name: string): Promise<Buffer> {
  const lines = visionSampleLabels(`generated/${name}`).text ?? [];
  const style = TEXT_STYLES[name];
  if (style) {
    const lineHeight = style.size * 1.6;
    const top = (style.height - lineHeight * lines.length) / 2 + style.size;
    const text = lines
      .map((line, index) => `<text x="40" y="${top + index * lineHeight}" font-family="DejaVu Sans" font-size="${style.size}" fill="${style.colour}">${escapeXml(line)}</text>`)
      .join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${style.width}" height="${style.height}"><rect width="100%" height="100%" fill="${style.background}"/>${text}</svg>`;
    return sharp(Buffer.from(svg)).png().toBuffer();
  }
  if (name === 'text-on-photo.png') {
    const band = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect x="20" y="300" width="560" height="70" fill="#000000" fill-opacity="0.6"/><text x="40" y="348" font-family="DejaVu Sans" font-weight="bold" font-size="34" fill="#ffffff">${escapeXml(lines[0] ?? '')}</text></svg>`;
    return sharp(await loadVisionSample('skimage/coffee.png')).composite([{ input: Buffer.from(band) }]).png().toBuffer();
  }
  if (name === 'blank-gradient.png') {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#6ba4d8"/><stop offset="1" stop-color="#f0d9a8"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
    return sharp(Buffer.from(svg)).png().toBuffer();
  }
  throw new VisionSampleUnavailableError(`Unknown generated/${name}`);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const directory = await skimageDataDirectory();
  console.log(`scikit-image samples: ${directory}`);
}
