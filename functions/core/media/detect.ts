/**
 * What a file really is, judged from its bytes (the declared content type is only a claim), and
 * whether the claim holds. Binary formats by magic numbers (`file-type`, which reads only the first
 * few kilobytes from disk), text by strict decoding (see `text-sniff.ts`).
 */
import { open, stat } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import type { MediaType } from '../../../schema/types.generated';
import { mediaTypeOf } from '../media-types';
import { ContentTypeMismatchError, EmptyFileError, UnsupportedFormatError } from './errors';
import type { FormatFamily } from './formats';
import { baseMime, describeMime, familyMediaType, familyOf } from './formats';
import type { TextCharset, TextMime } from './text-sniff';
import { sniffText } from './text-sniff';

export interface DetectedFormat {
  /** The sniffed content type: `image/jpeg`, `video/mp4`, `text/csv`; `application/x-empty` for 0 bytes, `application/octet-stream` when unknown. */
  mime: string;
  /** Usual file extension for the format, without the dot; null when unknown. */
  extension: string | null;
  /** The family used to compare with the declared type; null when Mediagraph handles no such format. */
  family: FormatFamily | null;
  /**
   * IMAGE, VIDEO, AUDIO or TEXT when the bytes alone decide; null for containers that carry either
   * video or only sound (MP4, WebM, Ogg: the streams decide, see `mediaTypeFromStreams`) and for unsupported formats.
   */
  mediaType: MediaType | null;
  /** For sentences: "a JPEG image", "plain text". */
  description: string;
  /** Text encoding, for text only. */
  charset: TextCharset | null;
  size: number;
}

/** Sniffs the file's real format from its bytes. Never throws for odd content; only for I/O errors. */
export async function detectFormat(path: string): Promise<DetectedFormat> {
  const { size } = await stat(path);
  if (size === 0) {
    return { mime: 'application/x-empty', extension: null, family: null, mediaType: null, description: 'an empty file', charset: null, size };
  }
  // A UTF-16 byte-order mark (FF FE) also matches an MPEG audio frame sync: try text first then.
  const text = (await startsWithUtf16Bom(path)) ? await sniffText(path) : null;
  const magic = text ? undefined : await fileTypeFromFile(path);
  if (magic) {
    const family = familyOf(magic.mime);
    return {
      mime: baseMime(magic.mime),
      extension: magic.ext ?? null,
      family,
      mediaType: family ? familyMediaType(family) : null,
      description: describeMime(magic.mime, magic.ext),
      charset: null,
      size,
    };
  }
  const sniffed = text ?? (await sniffText(path));
  if (sniffed) {
    return {
      mime: sniffed.mime,
      extension: textExtensions[sniffed.mime],
      family: 'text',
      mediaType: 'TEXT',
      description: describeMime(sniffed.mime, null),
      charset: sniffed.charset,
      size,
    };
  }
  return {
    mime: 'application/octet-stream',
    extension: null,
    family: null,
    mediaType: null,
    description: 'data in no recognised format (not an accepted media format, nor UTF-8 text)',
    charset: null,
    size,
  };
}

async function startsWithUtf16Bom(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff);
  } finally {
    await file.close();
  }
}

const textExtensions: Readonly<Record<TextMime, string>> = {
  'text/plain': 'txt',
  'application/json': 'json',
  'text/html': 'html',
  'text/csv': 'csv',
  'text/markdown': 'md',
};

export type DeclaredCheck =
  | {
      ok: true;
      /**
       * The media type to process the file as: the detected one when the bytes decide, else the
       * declared one (an MP4 declared audio/mp4); refine AV files with `mediaTypeFromStreams`.
       */
      mediaType: MediaType;
    }
  | { ok: false; error: EmptyFileError | UnsupportedFormatError | ContentTypeMismatchError };

/**
 * Whether the bytes are what the uploader declared. Same family → ok (image/jpg vs image/jpeg,
 * audio/x-wav vs audio/wav, video/quicktime vs an mp4 brand, any text kind vs any other); otherwise a
 * `ContentTypeMismatchError` such as "declared image/png but the file is a JPEG image".
 */
export function checkDeclared(declaredContentType: string, detected: DetectedFormat): DeclaredCheck {
  if (detected.size === 0) {
    return { ok: false, error: new EmptyFileError() };
  }
  const declared = baseMime(declaredContentType);
  const declaredFamily = familyOf(declared);
  // The allow-list first; spelling variants of accepted formats (image/jpg, audio/x-m4a) by their family.
  const declaredMediaType = mediaTypeOf(declared) ?? (declaredFamily ? mediaTypeOfVariant(declaredFamily, declared) : null);
  if (!declaredMediaType || !declaredFamily) {
    return { ok: false, error: new UnsupportedFormatError(`declared type ${declared || '(none)'} is not an accepted content type`) };
  }
  if (detected.family !== declaredFamily) {
    return { ok: false, error: new ContentTypeMismatchError(declared, detected.mime, detected.description) };
  }
  return { ok: true, mediaType: detected.mediaType ?? declaredMediaType };
}

function mediaTypeOfVariant(family: FormatFamily, mime: string): MediaType | null {
  const fixed = familyMediaType(family);
  if (fixed) {
    return fixed;
  }
  if (mime.startsWith('video/')) {
    return 'VIDEO';
  }
  return mime.startsWith('audio/') ? 'AUDIO' : null;
}
