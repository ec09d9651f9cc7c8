/**
 * Technical metadata of an image: dimensions, orientation, colour, frames (sharp's header read,
 * no pixel decoding) and the EXIF a user cares about — camera, time taken, GPS position (exifr,
 * which reads only the segments it needs). Nothing is stripped from the original; this only reads.
 */
import * as exifrModule from 'exifr';
import type { ImageLimits } from './image-input';
import { readImageHeader } from './image-input';

export interface GpsPosition {
  /** Decimal degrees, north positive. */
  latitude: number;
  /** Decimal degrees, east positive. */
  longitude: number;
  /** Metres above sea level (negative below), when recorded. */
  altitude: number | null;
}

export interface CameraInfo {
  make: string | null;
  model: string | null;
  lens: string | null;
  /** Seconds. */
  exposureTime: number | null;
  fNumber: number | null;
  iso: number | null;
  /** Millimetres. */
  focalLength: number | null;
}

export interface ImageMetadata {
  /** Decoder's name for the format: jpeg, png, webp, gif, tiff, heif. */
  format: string;
  /** Stored pixel width (before EXIF orientation is applied). */
  width: number;
  /** Stored pixel height of one frame. */
  height: number;
  /** Width and height as displayed, after the EXIF orientation (swapped for orientations 5–8). */
  displayWidth: number;
  displayHeight: number;
  megapixels: number;
  /** EXIF orientation 1–8 (1 = upright), 1 when absent. */
  orientation: number;
  /** libvips interpretation: srgb, b-w, cmyk, rgb16, … */
  colorSpace: string;
  hasIccProfile: boolean;
  hasAlpha: boolean;
  channels: number;
  /** Bits per sample, e.g. 8 or 16. */
  bitsPerSample: number | null;
  /** Frames (GIF, WebP, multi-page TIFF); 1 for still images. */
  frames: number;
  animated: boolean;
  camera: CameraInfo | null;
  /**
   * When the photo was taken, as written by the camera: ISO 8601 local time
   * (`2024-05-01T12:34:56`), with the offset when the camera recorded one (`…+02:00`).
   */
  takenAt: string | null;
  gps: GpsPosition | null;
  /** Why EXIF could not be read, when it was present but unreadable (the image itself is fine). */
  exifProblem: string | null;
}

/**
 * Reads the image's metadata. Refuses images above the pixel limit before decoding
 * (`ImageTooLargeError`); unreadable files give `CorruptMediaError` or `UnsupportedFormatError`.
 */
export async function readImageMetadata(path: string, limits: ImageLimits = {}): Promise<ImageMetadata> {
  const header = await readImageHeader(path, limits);
  const width = header.width ?? 0;
  const height = header.pageHeight ?? header.height ?? 0;
  const orientation = header.orientation ?? 1;
  const swapped = orientation >= 5 && orientation <= 8;
  const frames = header.pages ?? 1;
  const exif = header.exif || header.format === 'heif' || header.format === 'tiff' ? await readExif(path) : emptyExif;
  return {
    format: header.format,
    width,
    height,
    displayWidth: swapped ? height : width,
    displayHeight: swapped ? width : height,
    megapixels: round((width * height) / 1e6, 2),
    orientation,
    colorSpace: header.space ?? 'unknown',
    hasIccProfile: header.hasProfile ?? false,
    hasAlpha: header.hasAlpha ?? false,
    channels: header.channels ?? 0,
    bitsPerSample: bitsOf(header.depth),
    frames,
    animated: frames > 1 && (header.format === 'gif' || header.format === 'webp'),
    camera: exif.camera,
    takenAt: exif.takenAt,
    gps: exif.gps,
    exifProblem: exif.problem,
  };
}

interface ExifFields {
  camera: CameraInfo | null;
  takenAt: string | null;
  gps: GpsPosition | null;
  problem: string | null;
}

const emptyExif: ExifFields = { camera: null, takenAt: null, gps: null, problem: null };

// exifr ships UMD (CommonJS) as `main` and a named-export ES module as `module`: take parse from whichever loaded.
const exifr: typeof exifrModule =
  typeof (exifrModule as { parse?: unknown }).parse === 'function'
    ? exifrModule
    : (exifrModule as unknown as { default: typeof exifrModule }).default;

async function readExif(path: string): Promise<ExifFields> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(path, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: false,
      // Raw values: dates stay camera strings (exifr would read them in the server's time zone).
      reviveValues: false,
      translateValues: false,
    })) as Record<string, unknown> | undefined;
  } catch (error) {
    return { ...emptyExif, problem: `EXIF could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!tags) {
    return emptyExif;
  }
  return { camera: cameraOf(tags), takenAt: takenAtOf(tags), gps: gpsOf(tags), problem: null };
}

/** Camera fields from EXIF tags, or null when none is present. Pure; exported for tests. */
export function cameraOf(tags: Record<string, unknown>): CameraInfo | null {
  const camera: CameraInfo = {
    make: text(tags.Make),
    model: text(tags.Model),
    lens: text(tags.LensModel),
    exposureTime: finite(tags.ExposureTime),
    fNumber: finite(tags.FNumber),
    iso: finite(tags.ISO),
    focalLength: finite(tags.FocalLength),
  };
  return Object.values(camera).some((value) => value !== null) ? camera : null;
}

/** `DateTimeOriginal` (else `CreateDate`, else `ModifyDate`) as ISO 8601, with its offset tag when recorded. Pure; exported for tests. */
export function takenAtOf(tags: Record<string, unknown>): string | null {
  const candidates: [unknown, unknown][] = [
    [tags.DateTimeOriginal, tags.OffsetTimeOriginal],
    [tags.CreateDate, tags.OffsetTimeDigitized],
    [tags.ModifyDate, tags.OffsetTime],
  ];
  for (const [value, offset] of candidates) {
    const match = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim()) : null;
    if (!match || match[1] === '0000') {
      continue;
    }
    const local = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
    const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '';
    return local + zone;
  }
  return null;
}

/** The GPS position from exifr's computed latitude/longitude and the altitude tags; null when absent or out of range. Pure; exported for tests. */
export function gpsOf(tags: Record<string, unknown>): GpsPosition | null {
  const latitude = finite(tags.latitude);
  const longitude = finite(tags.longitude);
  if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    return null;
  }
  const altitude = finite(tags.GPSAltitude);
  // GPSAltitudeRef 1 means below sea level (EXIF 2.3, tag 0x0005); exifr returns it raw as a byte array.
  const ref = tags.GPSAltitudeRef;
  const below = ref instanceof Uint8Array ? ref[0] === 1 : ref === 1;
  return {
    latitude: round(latitude, 7),
    longitude: round(longitude, 7),
    altitude: altitude === null ? null : round(below ? -altitude : altitude, 2),
  };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const trimmed = value.replace(/\0/g, '').trim();
  return trimmed.length > 0 ? trimmed : null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function bitsOf(depth: string | undefined): number | null {
  switch (depth) {
    case 'uchar':
    case 'char':
      return 8;
    case 'ushort':
    case 'short':
      return 16;
    case 'uint':
    case 'int':
    case 'float':
      return 32;
    case 'double':
      return 64;
    default:
      return null;
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
