/**
 * Signature Version 4, the verifying side: parse an `Authorization: AWS4-HMAC-SHA256 …` header and
 * recompute the signature from the request as received. Pure functions over strings; the
 * credential lookup and AWS's error answers live in `iam.ts`.
 *
 * The canonical request is built exactly as `@smithy/signature-v4` builds it when signing (the
 * signer the workers use): method, double-escaped normalised path, sorted escaped query, the
 * signed headers lower-cased with values trimmed and runs of spaces collapsed, the signed header
 * list, and the hex SHA-256 of the body
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
 */
import { createHash, createHmac } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const SCOPE_TERMINATOR = 'aws4_request';

/** The parts of an `Authorization` header; a missing part is `undefined`. */
export interface ParsedAuthorization {
  readonly credential: string | undefined;
  readonly signedHeaders: string | undefined;
  readonly signature: string | undefined;
}

/** `Credential=<key id>/<date>/<region>/<service>/<terminator>`, split. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
}

/** What the signature covers. */
export interface CanonicalRequestInput {
  readonly method: string;
  /** Path and query as received, e.g. `/graphql?x=1`. */
  readonly pathAndQuery: string;
  /** Header names lower-cased. */
  readonly headers: Record<string, string | undefined>;
  /** Lower-case names, in the order of `SignedHeaders`. */
  readonly signedHeaders: readonly string[];
  /** Hex SHA-256 of the body. */
  readonly payloadHash: string;
}

/**
 * Splits `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` into its parameters.
 * @returns the parameters found (the caller reports the missing ones)
 */
export function parseAuthorizationHeader(value: string): ParsedAuthorization {
  const parameters = new Map<string, string>();
  for (const part of value.slice(SIGV4_ALGORITHM.length).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  return {
    credential: parameters.get('Credential'),
    signedHeaders: parameters.get('SignedHeaders'),
    signature: parameters.get('Signature'),
  };
}

/**
 * Splits a credential into key id and scope.
 * @returns the scope, with empty strings for missing parts (they then fail the scope checks)
 */
export function parseCredentialScope(credential: string): CredentialScope {
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = credential.split('/');
  return { accessKeyId, date, region, service, terminator };
}

/**
 * The canonical request, byte for byte as the signer built it.
 * @returns the canonical request string
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const queryStart = input.pathAndQuery.indexOf('?');
  const path = queryStart === -1 ? input.pathAndQuery : input.pathAndQuery.slice(0, queryStart);
  const query = queryStart === -1 ? '' : input.pathAndQuery.slice(queryStart + 1);
  const headerLines = input.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(input.headers[name] ?? '')}`);
  return [
    input.method.toUpperCase(),
    canonicalPath(path),
    canonicalQuery(query),
    ...headerLines,
    '',
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

/**
 * The string to sign for a canonical request.
 * @returns `AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of canonical request>`
 */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

/**
 * The signing key: HMAC chain over date, region, service and terminator.
 * @returns the 32-byte key
 */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  let key = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
  for (const part of [region, service, SCOPE_TERMINATOR]) key = createHmac('sha256', key).update(part).digest();
  return key;
}

/**
 * The signature for a string to sign.
 * @returns lower-case hex
 */
export function signatureFor(signingKey: Buffer, toSign: string): string {
  return createHmac('sha256', signingKey).update(toSign).digest('hex');
}

/**
 * Hex SHA-256 of a UTF-8 string (the payload hash).
 * @returns lower-case hex
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * RFC 3986 escaping as the signer does it (`encodeURIComponent` plus `!'()*`).
 * @returns the escaped string
 */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(path: string): string {
  // Non-S3 services normalise `.`/`..` and empty segments, then escape the (already escaped) path again.
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const normalised = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${trailing}`;
  return escapeUri(normalised).replace(/%2F/g, '/');
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const byKey = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const key = safeDecode(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : safeDecode(pair.slice(separator + 1));
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const encodedKey = escapeUri(key);
    const list = byKey.get(encodedKey) ?? [];
    list.push(`${encodedKey}=${escapeUri(value)}`);
    byKey.set(encodedKey, list);
  }
  return [...byKey.keys()]
    .sort()
    .map((key) => (byKey.get(key) ?? []).sort().join('&'))
    .join('&');
}

function canonicalHeaderValue(value: string): string {
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    // A malformed escape cannot match what the signer escaped; keep the raw text so it mismatches.
    return component;
  }
}
