/**
 * Why a file could not be analysed, as typed values. Ingest maps them to a `FAILED` status whose
 * reason is the error's message (written for the uploader to read), and uses `permanent` to decide
 * between failing now and letting the function retry (a timeout may pass; a lying file never will).
 */

/** Every way media analysis can fail; switch on it exhaustively. */
export type MediaProblem =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'CONTENT_TYPE_MISMATCH'
  | 'IMAGE_TOO_LARGE'
  | 'CORRUPT_MEDIA'
  | 'TOOL_TIMEOUT'
  | 'TOOL_UNAVAILABLE';

/** Base of the media errors: a problem kind, a readable message, and whether retrying is pointless. */
export abstract class MediaError extends Error {
  abstract readonly problem: MediaProblem;
  /** True when the same bytes will fail the same way on every retry. */
  abstract readonly permanent: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The file has no bytes. */
export class EmptyFileError extends MediaError {
  readonly problem = 'EMPTY_FILE';
  readonly permanent = true;

  constructor() {
    super('the file is empty (0 bytes)');
  }
}

/** The bytes (or the declared type) are of a format Mediagraph does not accept. */
export class UnsupportedFormatError extends MediaError {
  readonly problem = 'UNSUPPORTED_FORMAT';
  readonly permanent = true;
}

/** The file is something other than its declared content type says: "declared image/png but the file is a JPEG image". */
export class ContentTypeMismatchError extends MediaError {
  readonly problem = 'CONTENT_TYPE_MISMATCH';
  readonly permanent = true;

  constructor(
    readonly declared: string,
    readonly detectedMime: string,
    detectedDescription: string,
  ) {
    super(`declared ${declared} but the file is ${detectedDescription}`);
  }
}

/** An image whose pixel count exceeds the limit: refused from its header, before any decoding (decompression-bomb guard). Width and height are 0 when unknown. */
export class ImageTooLargeError extends MediaError {
  readonly problem = 'IMAGE_TOO_LARGE';
  readonly permanent = true;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly maxPixels: number,
  ) {
    super(
      width > 0 && height > 0
        ? `the image is ${width}×${height} (${formatMegapixels(width * height)} megapixels), ` +
            `more than the limit of ${formatMegapixels(maxPixels)} megapixels`
        : `the image has more than the limit of ${formatMegapixels(maxPixels)} megapixels`,
    );
  }
}

/** The decoder could not read the file (truncated, corrupt, or not really media); the message carries the decoder's reason. */
export class CorruptMediaError extends MediaError {
  readonly problem = 'CORRUPT_MEDIA';
  readonly permanent = true;
}

/** An external tool (ffmpeg, ffprobe) ran longer than allowed and was killed. Retrying may help on a less loaded worker. */
export class ToolTimeoutError extends MediaError {
  readonly problem = 'TOOL_TIMEOUT';
  readonly permanent = false;

  constructor(
    readonly tool: string,
    readonly timeoutMs: number,
  ) {
    super(`${tool} did not finish within ${timeoutMs} ms`);
  }
}

/** An external tool could not be started (missing binary, no resources). A deployment problem, not the file's. */
export class ToolUnavailableError extends MediaError {
  readonly problem = 'TOOL_UNAVAILABLE';
  readonly permanent = false;
}

function formatMegapixels(pixels: number): string {
  return (pixels / 1e6).toFixed(1);
}
