/**
 * Short videos with faces for the video workload bench: each is two scenes (a hard cut between
 * them), each scene a photo with faces that ships in a package (test/support/vision-samples.ts:
 * @vladmandic/face-api's group photos, @vladmandic/human's author crops, scikit-image's astronaut
 * and cameraman), letterboxed on a background colour of the video's own so no two files are alike.
 * How many faces each photo shows comes from vision-labels.json.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ffmpegBinary } from '../../../functions/core/media/binaries';
import { seededRandom } from '../../support/media';
import { loadVisionSample, VISION_LABELS } from '../../support/vision-samples';

const run = promisify(execFile);

/** The packaged photos with faces in them. */
export const FACE_PHOTOS = [
  'face-api/sample1.jpg',
  'face-api/sample2.jpg',
  'face-api/sample3.jpg',
  'face-api/sample4.jpg',
  'face-api/sample5.jpg',
  'face-api/sample6.jpg',
  'human/author-faceid.png',
  'human/author-facematch.png',
  'skimage/astronaut.png',
  'skimage/camera.png',
] as const;

export interface FaceVideoOptions {
  /** Seconds per scene; a video has two. */
  sceneSeconds: number;
  width: number;
  height: number;
  /** Add a quiet tone track (the analyzer then transcribes it too). */
  audio: boolean;
}

/** One generated video and what it shows. */
export interface FaceVideo {
  file: string;
  scenes: [string, string];
  /** Faces a person would count in each scene, in order. */
  facesPerScene: [number, number];
}

const facesIn = (id: string): number => VISION_LABELS.images.find((image) => image.id === id)?.faces ?? 0;

/** Copies the packaged photos into `dir` once. @returns id → file */
export async function stagePhotos(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const id of FACE_PHOTOS) {
    const file = path.join(dir, `photo-${id.replace(/[^a-z0-9.]+/gi, '-')}`);
    await writeFile(file, await loadVisionSample(id));
    files.set(id, file);
  }
  return files;
}

/**
 * Writes video number `index` (H.264, 25 fps, MP4): scene photos and background colour are picked
 * from `index`, so every video differs and every photo appears about equally often. The content
 * depends only on `index` and `options`: a file already there is kept.
 */
export async function writeFaceVideo(file: string, index: number, photos: ReadonlyMap<string, string>, options: FaceVideoOptions): Promise<FaceVideo> {
  const random = seededRandom(7919 * (index + 1));
  const first = FACE_PHOTOS[index % FACE_PHOTOS.length]!;
  const second = FACE_PHOTOS[(index + 1 + Math.floor(random() * (FACE_PHOTOS.length - 1))) % FACE_PHOTOS.length]!;
  const colour = Math.floor(random() * 0xffffff)
    .toString(16)
    .padStart(6, '0');
  const video: FaceVideo = { file, scenes: [first, second], facesPerScene: [facesIn(first), facesIn(second)] };
  if (existsSync(file)) return video;
  const { width, height, sceneSeconds } = options;
  const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=0x${colour},setsar=1,fps=25,format=yuv420p`;
  const seconds = 2 * sceneSeconds;
  const args = ['-hide_banner', '-v', 'error', '-y', '-loop', '1', '-t', String(sceneSeconds), '-i', photos.get(first)!, '-loop', '1', '-t', String(sceneSeconds), '-i', photos.get(second)!];
  if (options.audio) args.push('-f', 'lavfi', '-t', String(seconds), '-i', 'sine=f=330:sample_rate=48000');
  args.push('-filter_complex', `[0:v]${fit}[a];[1:v]${fit}[b];[a][b]concat=n=2:v=1:a=0[v]`, '-map', '[v]');
  if (options.audio) args.push('-map', '2:a', '-c:a', 'aac', '-b:a', '64k');
  // Written under another name and renamed: an interrupted run leaves no half file to reuse.
  const partial = `${file}.partial.mp4`;
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-movflags', '+faststart', '-t', String(seconds), partial);
  await run(ffmpegBinary(), args);
  await rename(partial, file);
  return video;
}

/** Writes `count` videos into `dir` (kept between runs: it may hold them already), `parallel` ffmpeg processes at a time. */
export async function writeFaceVideos(dir: string, count: number, options: FaceVideoOptions, parallel = 2): Promise<FaceVideo[]> {
  await mkdir(dir, { recursive: true });
  const photos = await stagePhotos(dir);
  const videos: FaceVideo[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let index = next++; index < count; index = next++) {
        videos[index] = await writeFaceVideo(path.join(dir, `faces-${String(index).padStart(3, '0')}.mp4`), index, photos, options);
      }
    }),
  );
  return videos;
}
