/**
 * Which files Mediagraph accepts: the allow-list of declared content types, each with its media
 * type. Declared once; read by the upload resolvers (bundled, so APPSYNC_JS-safe: plain data and
 * simple functions) and by ingest, which checks the bytes against the declaration.
 */
import type { MediaType } from '../../schema/types.generated';

export const acceptedContentTypes: Readonly<Record<string, MediaType>> = {
  'image/jpeg': 'IMAGE',
  'image/jpg': 'IMAGE',
  'image/pjpeg': 'IMAGE',
  'image/png': 'IMAGE',
  'image/gif': 'IMAGE',
  'image/webp': 'IMAGE',
  'image/tiff': 'IMAGE',
  'image/heic': 'IMAGE',
  'image/avif': 'IMAGE',
  'video/mp4': 'VIDEO',
  'video/quicktime': 'VIDEO',
  'video/webm': 'VIDEO',
  'video/x-matroska': 'VIDEO',
  'video/x-msvideo': 'VIDEO',
  'audio/mpeg': 'AUDIO',
  'audio/mp4': 'AUDIO',
  'audio/x-m4a': 'AUDIO',
  'audio/mp3': 'AUDIO',
  'audio/wav': 'AUDIO',
  'audio/x-wav': 'AUDIO',
  'audio/flac': 'AUDIO',
  'audio/ogg': 'AUDIO',
  'audio/webm': 'AUDIO',
  'text/plain': 'TEXT',
  'text/markdown': 'TEXT',
  'text/csv': 'TEXT',
  'text/html': 'TEXT',
  'application/json': 'TEXT',
};

/** Default upload size limit: 5 GB, S3's single-object limit for a multipart upload's parts total here. */
export const DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024 * 1024;

/** Longest accepted file name, in UTF-16 code units (S3 keys allow 1,024 bytes; names sit inside keys). */
export const MAX_NAME_LENGTH = 255;

/** The media type for a declared content type (parameters such as `; charset=utf-8` ignored), or null. */
export function mediaTypeOf(contentType: string): MediaType | null {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return acceptedContentTypes[base] ?? null;
}

/**
 * Why a file name is refused, or null when it is fine: empty, too long, control characters, or
 * path separators and dot-segments (a name is a label, never a path).
 */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    return 'name must not be empty';
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `name must be at most ${MAX_NAME_LENGTH} characters`;
  }
  if (trimmed === '.' || trimmed === '..') {
    return 'name must not be a dot-segment';
  }
  if (name.includes('/') || name.includes('\\')) {
    return 'name must not contain path separators';
  }
  const chars = name.split('');
  const control = chars.find((c) => c < ' ' || c === '\u007f');
  if (control !== undefined) {
    return 'name must not contain control characters';
  }
  return null;
}

/** Declared content types by file extension (lower case, without the dot), for clients that upload files. */
export const contentTypeByExtension: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  avif: 'image/avif',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
};
