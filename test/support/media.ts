/**
 * Test media, generated on the fly (nothing big is committed): photo-like synthetic images written
 * with sharp (with EXIF and GPS when asked), their edited variants, ffmpeg test-pattern video and
 * tones with known black, frozen and silent segments, espeak-ng speech, and a bad-input corpus
 * (truncated MP4, renamed PNG, decompression-bomb PNG, zero bytes, text).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';
import type { Exif } from 'sharp';
import { ffmpegBinary } from '../../functions/core/media/binaries';

const run = promisify(execFile);

/** A fresh temp directory and a function that removes it. */
export async function makeMediaDir(prefix = 'mediagraph-media-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a seed always draws the same scene. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SceneOptions {
  seed: number;
  width?: number;
  height?: number;
}

/**
 * A photo-like scene as lossless PNG bytes: a sky-to-ground gradient at a random angle, large
 * soft shapes, small sharp details (edges for the sharpness measure), and sensor-like noise.
 */
export async function sceneImage({ seed, width = 1600, height = 1200 }: SceneOptions): Promise<Buffer> {
  const random = seededRandom(seed);
  const colour = () => `rgb(${Math.floor(random() * 256)},${Math.floor(random() * 256)},${Math.floor(random() * 256)})`;
  const angle = Math.floor(random() * 360);
  const shapes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const cx = Math.floor(random() * width);
    const cy = Math.floor(random() * height);
    const r = Math.floor((0.08 + random() * 0.2) * Math.min(width, height));
    shapes.push(
      random() < 0.5
        ? `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour()}" fill-opacity="0.85"/>`
        : `<rect x="${cx - r}" y="${cy - r / 2}" width="${2 * r}" height="${r}" fill="${colour()}" fill-opacity="0.85" transform="rotate(${Math.floor(random() * 90)} ${cx} ${cy})"/>`,
    );
  }
  for (let i = 0; i < 300; i++) {
    const x = Math.floor(random() * width);
    const y = Math.floor(random() * height);
    const w = Math.floor(3 + random() * 0.03 * width);
    shapes.push(`<rect x="${x}" y="${y}" width="${w}" height="${Math.floor(2 + random() * 10)}" fill="${colour()}" fill-opacity="0.7"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" gradientTransform="rotate(${angle} 0.5 0.5)">
      <stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    ${shapes.join('\n')}
  </svg>`;
  // Seeded noise (sharp's own noise generator is not seeded): mean 128, σ ≈ 12, a sum of three uniforms.
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) {
    noise[i] = Math.round(128 + (random() + random() + random() - 1.5) * 24);
  }
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
    .png()
    .toBuffer();
}

export interface PhotoExif {
  make?: string;
  model?: string;
  /** EXIF DateTimeOriginal, `YYYY:MM:DD HH:MM:SS`. */
  takenAt?: string;
  /** EXIF OffsetTimeOriginal, e.g. `+02:00`. */
  offset?: string;
  /** Altitude in metres, at or above sea level (see below). */
  gps?: { latitude: number; longitude: number; altitude?: number };
  /** EXIF orientation 1–8. */
  orientation?: number;
}

/** Writes a JPEG of the scene, with EXIF (camera, time, GPS, orientation) when given. */
export async function writePhotoJpeg(path: string, scene: SceneOptions, exif?: PhotoExif, quality = 90): Promise<void> {
  let image = sharp(await sceneImage(scene));
  if (exif) {
    image = image.withMetadata(exif.orientation ? { orientation: exif.orientation } : {}).withExif(exifDirectories(exif));
  }
  await image.jpeg({ quality }).toFile(path);
}

/** sharp's EXIF input: string values per IFD (IFD0 = TIFF, IFD2 = Exif, IFD3 = GPS), rationals as `n/d`. */
function exifDirectories(exif: PhotoExif): Exif {
  const ifd0: Record<string, string> = {};
  const ifd2: Record<string, string> = {};
  const ifd3: Record<string, string> = {};
  if (exif.make) ifd0.Make = exif.make;
  if (exif.model) ifd0.Model = exif.model;
  if (exif.orientation) ifd0.Orientation = String(exif.orientation);
  if (exif.takenAt) ifd2.DateTimeOriginal = exif.takenAt;
  if (exif.offset) ifd2.OffsetTimeOriginal = exif.offset;
  if (exif.gps) {
    ifd3.GPSLatitudeRef = exif.gps.latitude >= 0 ? 'N' : 'S';
    ifd3.GPSLatitude = degreesToRationals(Math.abs(exif.gps.latitude));
    ifd3.GPSLongitudeRef = exif.gps.longitude >= 0 ? 'E' : 'W';
    ifd3.GPSLongitude = degreesToRationals(Math.abs(exif.gps.longitude));
    if (exif.gps.altitude !== undefined) {
      // libvips writes EXIF BYTE tags from strings as 0, so GPSAltitudeRef stays "above sea level".
      if (exif.gps.altitude < 0) {
        throw new RangeError('sharp cannot write altitudes below sea level (GPSAltitudeRef is a BYTE tag)');
      }
      ifd3.GPSAltitude = `${Math.round(exif.gps.altitude * 100)}/100`;
    }
  }
  return { IFD0: ifd0, IFD2: ifd2, IFD3: ifd3 };
}

function degreesToRationals(value: number): string {
  const degrees = Math.floor(value);
  const minutesFloat = (value - degrees) * 60;
  const minutes = Math.floor(minutesFloat);
  const hundredthsOfSeconds = Math.round((minutesFloat - minutes) * 60 * 10000);
  return `${degrees}/1 ${minutes}/1 ${hundredthsOfSeconds}/10000`;
}

export type VariantName = 'resized' | 'brightened' | 'jpegQ50' | 'cropped2' | 'blurred';

/** Edited copies a user might upload again, upright (orientation applied): half size, +15% brightness, JPEG quality 50, 2% cropped per side, Gaussian blur σ=3. */
export async function writeVariant(sourcePath: string, variant: VariantName, path: string): Promise<void> {
  // Editors bake the EXIF orientation into the pixels, as sharp's rotate() does.
  const upright = await sharp(sourcePath).rotate().toBuffer();
  const image = sharp(upright);
  const { width = 0, height = 0 } = await image.metadata();
  switch (variant) {
    case 'resized':
      await image.resize(Math.round(width / 2)).jpeg({ quality: 90 }).toFile(path);
      return;
    case 'brightened':
      await image.modulate({ brightness: 1.15 }).jpeg({ quality: 90 }).toFile(path);
      return;
    case 'jpegQ50':
      await image.jpeg({ quality: 50 }).toFile(path);
      return;
    case 'cropped2': {
      const left = Math.round(width * 0.02);
      const top = Math.round(height * 0.02);
      await image
        .extract({ left, top, width: width - 2 * left, height: height - 2 * top })
        .jpeg({ quality: 90 })
        .toFile(path);
      return;
    }
    case 'blurred':
      await image.blur(3).jpeg({ quality: 90 }).toFile(path);
      return;
  }
}

async function ffmpeg(args: string[]): Promise<void> {
  await run(ffmpegBinary(), ['-hide_banner', '-v', 'error', '-y', ...args]);
}

export interface TestVideoOptions {
  seconds?: number;
  width?: number;
  height?: number;
  fps?: number;
  /** [start, end) seconds painted black. */
  black?: [number, number];
  /** [start, end) seconds showing the frame at start, frozen. */
  frozen?: [number, number];
  /** Add a 440 Hz tone track (ffmpeg's `sine` source, -18 dBFS). @default true */
  audio?: boolean;
  /** Seed of ffmpeg's test pattern choice: 0 = testsrc2, 1 = mandelbrot (a different video). */
  pattern?: 0 | 1;
}

/** An H.264/AAC MP4 of ffmpeg's moving test pattern, with optional black and frozen segments. */
export async function writeTestVideo(path: string, options: TestVideoOptions = {}): Promise<void> {
  const { seconds = 10, width = 640, height = 360, fps = 25, audio = true } = options;
  const source = options.pattern === 1 ? `mandelbrot=s=${width}x${height}:r=${fps}` : `testsrc2=s=${width}x${height}:r=${fps}`;
  const filters: string[] = [];
  if (options.black) {
    const [start, end] = options.black;
    filters.push(`drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='gte(t,${start})*lt(t,${end})'`);
  }
  let graph = `[0:v]${filters.length ? filters.join(',') : 'null'}`;
  if (options.frozen) {
    const [start, end] = options.frozen;
    graph += `,split[a][b];[a][b]freezeframes=first=${Math.round(start * fps)}:last=${Math.round(end * fps) - 1}:replace=${Math.round(start * fps)}`;
  }
  graph += '[v]';
  const args = ['-f', 'lavfi', '-t', String(seconds), '-i', source];
  if (audio) {
    args.push('-f', 'lavfi', '-t', String(seconds), '-i', 'sine=f=440:sample_rate=48000');
  }
  args.push('-filter_complex', graph, '-map', '[v]');
  if (audio) {
    args.push('-map', '1:a', '-c:a', 'aac', '-b:a', '96k');
  }
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-t', String(seconds), path);
  await ffmpeg(args);
}

export interface ClipOptions {
  seconds?: number;
  /** Include a 320×240 test-pattern picture. @default true */
  video?: boolean;
  /** Include a 440 Hz tone. @default true */
  audio?: boolean;
  /** Codec and muxer arguments (the container follows the file extension), e.g. `['-c:v', 'libvpx', '-c:a', 'libopus']`. */
  codecArgs?: string[];
}

/** A short clip in any container ffmpeg writes, for format-detection tests. */
export async function writeClip(path: string, options: ClipOptions = {}): Promise<void> {
  const { seconds = 1, video = true, audio = true, codecArgs = [] } = options;
  const args: string[] = [];
  if (video) args.push('-f', 'lavfi', '-t', String(seconds), '-i', 'testsrc2=s=320x240:r=25');
  if (audio) args.push('-f', 'lavfi', '-t', String(seconds), '-i', 'sine=f=440:sample_rate=48000');
  await ffmpeg([...args, ...codecArgs, path]);
}

/** A copy of a video re-encoded smaller and at a lower quality (a near-duplicate video). */
export async function writeReencodedVideo(sourcePath: string, path: string): Promise<void> {
  await ffmpeg(['-i', sourcePath, '-vf', 'scale=480:-2', '-c:v', 'libx264', '-crf', '32', '-preset', 'veryfast', '-c:a', 'copy', path]);
}

export interface ToneOptions {
  seconds?: number;
  /** Peak level of the sine, dBFS. @default -20 */
  peakDbfs?: number;
  frequency?: number;
  /** [start, end) seconds of digital silence. */
  silence?: [number, number];
  /** Drive the sine this many times past full scale, so its peaks are cut flat. */
  overdrive?: number;
}

/** A mono 48 kHz 16-bit WAV sine with a known level, optional silence and clipping. */
export async function writeToneWav(path: string, options: ToneOptions = {}): Promise<void> {
  const { seconds = 10, peakDbfs = -20, frequency = 1000 } = options;
  const amplitude = options.overdrive ?? 10 ** (peakDbfs / 20);
  let expression = `clip(${amplitude}*sin(2*PI*${frequency}*t)\\,-1\\,1)`;
  if (options.silence) {
    const [start, end] = options.silence;
    expression = `if(gte(t\\,${start})*lt(t\\,${end})\\,0\\,${expression})`;
  }
  await ffmpeg(['-f', 'lavfi', '-i', `aevalsrc=${expression}:s=48000:d=${seconds}`, '-c:a', 'pcm_s16le', path]);
}

/** Speech synthesised by espeak-ng into a WAV file. */
export async function writeSpeechWav(path: string, text: string): Promise<void> {
  await run('espeak-ng', ['-w', path, text]);
}

/** The first `fraction` of a file: a download or upload cut short. */
export async function writeTruncated(sourcePath: string, path: string, fraction: number): Promise<void> {
  const bytes = await readFile(sourcePath);
  await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** An MP4 whose index (`moov`) sits at the end, then cut in half: no player can open it. */
export async function writeTruncatedMp4(path: string, scratchDir: string): Promise<void> {
  const whole = join(scratchDir, 'whole-for-truncation.mp4');
  await ffmpeg(['-f', 'lavfi', '-t', '4', '-i', 'testsrc2=s=320x240:r=25', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', whole]);
  await writeTruncated(whole, path, 0.5);
}

/**
 * A decompression bomb: a 1-bit greyscale PNG that declares width × height pixels of one colour.
 * Written chunk by chunk (deflate of zero rows compresses about 1000:1), so 30000 × 30000 is about
 * 110 KB on disk but 900 megapixels (2.7 GB as RGB) once decoded.
 */
export async function writeBombPng(path: string, width = 30000, height = 30000): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filters, no interlace
    await file.write(pngChunk('IHDR', header));
    const rowBytes = 1 + Math.ceil(width / 8);
    const rowsPerBlock = Math.max(1, Math.floor((4 * 1024 * 1024) / rowBytes));
    const deflate = createDeflate({ level: 9 });
    const compressed: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
    const done = new Promise<void>((resolve, reject) => {
      deflate.on('end', resolve);
      deflate.on('error', reject);
    });
    const block = Buffer.alloc(rowsPerBlock * rowBytes);
    for (let row = 0; row < height; row += rowsPerBlock) {
      const rows = Math.min(rowsPerBlock, height - row);
      if (!deflate.write(block.subarray(0, rows * rowBytes))) {
        await new Promise((resolve) => deflate.once('drain', resolve));
      }
    }
    deflate.end();
    await done;
    await file.write(pngChunk('IDAT', Buffer.concat(compressed)));
    await file.write(pngChunk('IEND', Buffer.alloc(0)));
  } finally {
    await file.close();
  }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A small valid PNG (for renaming tests: a PNG declared as JPEG). */
export async function writeSmallPng(path: string, seed = 7): Promise<void> {
  await sharp(await sceneImage({ seed, width: 320, height: 240 })).png().toFile(path);
}

/** Text samples of each kind the detector refines. */
export const textSamples = {
  plain: 'Field notes, 3 May.\nThe heron came back to the pond at dawn.\nNothing else of note.\n',
  markdown: '# Trip report\n\nWe saw **three** herons.\n\n- pond\n- river\n\nSee [the map](https://example.com/map).\n',
  csv: 'name,species,count\nheron,Ardea cinerea,3\n"duck, mallard",Anas platyrhynchos,12\n',
  json: '{"sightings":[{"species":"heron","count":3}],"observer":"Zoë"}\n',
  html: '<!DOCTYPE html>\n<html><head><title>Herons</title></head><body><p>Three herons.</p></body></html>\n',
  unicode: 'Ünïcödé: 日本語のテキスト, emoji 🦩, Ελληνικά.\n',
} as const;

/** Writes a UTF-8 text file. */
export async function writeText(path: string, text: string): Promise<void> {
  await writeFile(path, text, 'utf8');
}
