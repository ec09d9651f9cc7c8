/**
 * The `Range` header of GetObject: one byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`), as S3
 * supports it (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax:
 * "Amazon S3 doesn't support retrieving multiple ranges of data per GET request"). A header that
 * is not a single valid range is ignored (the whole object is sent, per RFC 9110 §14.2); a range
 * that starts past the end is unsatisfiable (416 InvalidRange).
 */

/** What to send. */
export type RangeSelection =
  | { readonly kind: 'full' }
  /** Inclusive byte offsets. */
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Resolves a `Range` header against an object size.
 * @returns the bytes to send
 */
export function selectRange(header: string | undefined, size: number): RangeSelection {
  if (header === undefined) return { kind: 'full' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
