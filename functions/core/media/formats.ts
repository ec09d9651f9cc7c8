/**
 * Format families: which content types name the same bytes on disk. A declared type and a
 * detected one are compatible when they are in the same family, so spelling variants
 * (image/jpg, audio/x-wav) and containers that hold either sound or pictures (an MP4 declared
 * audio/mp4 is sniffed as video/mp4: the ISO base media file format looks the same either way)
 * are never reported as a lie.
 */
import type { MediaType } from '../../../schema/types.generated';

export type FormatFamily =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'tiff'
  | 'heif'
  | 'avif'
  | 'iso-media'
  | 'matroska'
  | 'avi'
  | 'mpeg-audio'
  | 'wav'
  | 'flac'
  | 'ogg'
  | 'text';

interface FamilyInfo {
  /** Media type of the family; null when the container holds video or sound-only (streams decide). */
  mediaType: MediaType | null;
  mimes: readonly string[];
}

const families: Readonly<Record<FormatFamily, FamilyInfo>> = {
  jpeg: { mediaType: 'IMAGE', mimes: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
  png: { mediaType: 'IMAGE', mimes: ['image/png', 'image/apng'] },
  gif: { mediaType: 'IMAGE', mimes: ['image/gif'] },
  webp: { mediaType: 'IMAGE', mimes: ['image/webp'] },
  tiff: { mediaType: 'IMAGE', mimes: ['image/tiff', 'image/tiff-fx'] },
  heif: { mediaType: 'IMAGE', mimes: ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'] },
  avif: { mediaType: 'IMAGE', mimes: ['image/avif'] },
  // ISO/IEC 14496-12 files: the `ftyp` brand names mp4, QuickTime, m4a, m4v and 3GPP alike.
  'iso-media': {
    mediaType: null,
    mimes: [
      'video/mp4',
      'video/quicktime',
      'video/x-m4v',
      'video/3gpp',
      'video/3gpp2',
      'audio/mp4',
      'audio/x-m4a',
      'audio/m4a',
      'audio/3gpp',
    ],
  },
  matroska: {
    mediaType: null,
    mimes: ['video/webm', 'audio/webm', 'video/x-matroska', 'video/matroska', 'audio/x-matroska', 'audio/matroska'],
  },
  avi: { mediaType: 'VIDEO', mimes: ['video/x-msvideo', 'video/vnd.avi', 'video/avi', 'video/msvideo'] },
  'mpeg-audio': { mediaType: 'AUDIO', mimes: ['audio/mpeg', 'audio/mp3', 'audio/x-mpeg', 'audio/mpeg3'] },
  wav: { mediaType: 'AUDIO', mimes: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'] },
  flac: { mediaType: 'AUDIO', mimes: ['audio/flac', 'audio/x-flac'] },
  ogg: { mediaType: null, mimes: ['audio/ogg', 'video/ogg', 'application/ogg', 'audio/opus'] },
  text: {
    mediaType: 'TEXT',
    mimes: ['text/plain', 'text/markdown', 'text/csv', 'text/html', 'application/json', 'text/vtt', 'application/xml', 'text/xml'],
  },
};

const familyByMime = new Map<string, FormatFamily>(
  (Object.keys(families) as FormatFamily[]).flatMap((family) => families[family].mimes.map((mime) => [mime, family] as const)),
);

/** A content type without parameters, lower-cased: `Audio/Ogg; codecs=opus` → `audio/ogg`. */
export function baseMime(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The family a content type belongs to, or null when Mediagraph handles no such format. */
export function familyOf(contentType: string): FormatFamily | null {
  return familyByMime.get(baseMime(contentType)) ?? null;
}

/** The media type every file of the family has, or null for containers whose streams decide (mp4, webm, ogg). */
export function familyMediaType(family: FormatFamily): MediaType | null {
  return families[family].mediaType;
}

const descriptions: Readonly<Record<string, string>> = {
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'image/apng': 'an animated PNG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'image/tiff': 'a TIFF image',
  'image/heic': 'a HEIC image',
  'image/heif': 'a HEIF image',
  'image/avif': 'an AVIF image',
  'image/bmp': 'a BMP image',
  'video/mp4': 'an MP4 file',
  'video/quicktime': 'a QuickTime movie',
  'video/x-m4v': 'an M4V video',
  'audio/x-m4a': 'an M4A audio file',
  'audio/mp4': 'an MP4 audio file',
  'video/webm': 'a WebM file',
  'video/matroska': 'a Matroska file',
  'video/vnd.avi': 'an AVI video',
  'audio/mpeg': 'an MP3 audio file',
  'audio/wav': 'a WAV audio file',
  'audio/flac': 'a FLAC audio file',
  'audio/ogg': 'an Ogg audio file',
  'video/ogg': 'an Ogg video',
  'text/plain': 'plain text',
  'text/markdown': 'Markdown text',
  'text/csv': 'CSV text',
  'text/html': 'an HTML document',
  'application/json': 'JSON text',
  'application/pdf': 'a PDF document',
  'application/zip': 'a ZIP archive',
  'application/xml': 'an XML document',
};

/** How to name a detected format in a sentence ("the file is …"): `a JPEG image`, `a ZIP archive`. */
export function describeMime(mime: string, extension: string | null): string {
  const base = baseMime(mime);
  const known = descriptions[base];
  if (known) {
    return known;
  }
  return extension ? `a ${extension.toUpperCase()} file (${base})` : `a file of type ${base}`;
}
