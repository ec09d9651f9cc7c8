/**
 * S3's canonical request (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html):
 * unlike other services, S3 does NOT normalise the path and does NOT escape it a second time — the
 * canonical URI is each path segment URI-encoded once (`/` kept, `.`/`..`/empty segments kept as
 * they are). The query is every parameter except `X-Amz-Signature`, decoded then encoded once,
 * sorted by name then value. Pure functions over strings.
 */
import { escapeUri } from '../auth/sigv4';
import { S3Error } from './errors';

/** What a SigV4 signature covers. */
export interface S3CanonicalRequestInput {
  readonly method: string;
  /** The path exactly as received (still percent-encoded), e.g. `/bucket/photos/a%20b.jpg`. */
  readonly rawPath: string;
  /** Decoded query parameters in the order received (names as sent, case kept). */
  readonly query: readonly (readonly [string, string])[];
  /** Header names lower-cased; repeated headers joined with `,`. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Lower-case names in `SignedHeaders` order. */
  readonly signedHeaders: readonly string[];
  /** The hex SHA-256 of the payload or one of S3's payload literals (`UNSIGNED-PAYLOAD`, …). */
  readonly payloadHash: string;
}

/**
 * The canonical request, byte for byte as an S3 client signed it.
 * @throws {S3Error} InvalidURI when the path holds a malformed percent escape
 * @returns the canonical request string
 */
export function s3CanonicalRequest(input: S3CanonicalRequestInput): string {
  const headerLines = input.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(input.headers[name] ?? '')}`);
  return [
    input.method.toUpperCase(),
    s3CanonicalUri(input.rawPath),
    s3CanonicalQuery(input.query),
    ...headerLines,
    '',
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

/**
 * The canonical URI: each segment decoded, then URI-encoded once (RFC 3986 unreserved kept).
 * @throws {S3Error} InvalidURI for a malformed escape
 * @returns the canonical URI
 */
export function s3CanonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => escapeUri(decodePathComponent(segment)))
    .join('/');
}

/**
 * The canonical query string, without `X-Amz-Signature`.
 * @returns `name=value` pairs, encoded once, sorted by name then value, joined with `&`
 */
export function s3CanonicalQuery(query: readonly (readonly [string, string])[]): string {
  return query
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [escapeUri(name), escapeUri(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * Splits a raw query string into decoded pairs, as S3 reads it (`+` stays a plus sign).
 * @throws {S3Error} InvalidURI for a malformed escape
 * @returns the pairs in order
 */
export function parseRawQuery(rawQuery: string): [string, string][] {
  if (rawQuery === '') return [];
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const separator = part.indexOf('=');
    const name = separator === -1 ? part : part.slice(0, separator);
    const value = separator === -1 ? '' : part.slice(separator + 1);
    pairs.push([decodePathComponent(name), decodePathComponent(value)]);
  }
  return pairs;
}

/**
 * Decodes one percent-encoded component.
 * @throws {S3Error} InvalidURI when an escape is malformed or not UTF-8
 * @returns the decoded text
 */
export function decodePathComponent(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch (error) {
    throw new S3Error('InvalidURI', undefined, { cause: error });
  }
}

function canonicalHeaderValue(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').trim();
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
