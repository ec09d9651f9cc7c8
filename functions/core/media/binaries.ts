/**
 * Where the ffmpeg and ffprobe executables are. Resolved once per process.
 *
 * ffmpeg: `FFMPEG_BIN` if set, else the binary `ffmpeg-static` downloaded at install (present in
 * the Lambda bundle; absent on machines without internet, see NOTES.md), else `ffmpeg` on PATH.
 * ffprobe: `FFPROBE_BIN` if set, else the binary shipped inside `@ffprobe-installer/ffprobe`, else
 * `ffprobe` on PATH.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let ffmpegPath: string | undefined;
let ffprobePath: string | undefined;

/** The ffmpeg executable to spawn. */
export function ffmpegBinary(): string {
  ffmpegPath ??= process.env.FFMPEG_BIN || existingPath(() => require('ffmpeg-static') as unknown) || 'ffmpeg';
  return ffmpegPath;
}

/** The ffprobe executable to spawn. */
export function ffprobeBinary(): string {
  ffprobePath ??=
    process.env.FFPROBE_BIN ||
    existingPath(() => (require('@ffprobe-installer/ffprobe') as { path?: unknown }).path) ||
    'ffprobe';
  return ffprobePath;
}

/** The path a package reports, when it is a string naming an existing file; null otherwise (package missing, platform unsupported). */
function existingPath(load: () => unknown): string | null {
  try {
    const path = load();
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    // The package is optional at run time: missing or unsupported platform means "look elsewhere".
    return null;
  }
}
