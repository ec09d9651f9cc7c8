/**
 * AppSync's `nextToken` for Query and Scan: opaque to clients, and impossible to forge or alter.
 * (AppSync's own tokens are encrypted blobs; a bad one fails with
 * "InvalidPaginationTokenException: Invalid pagination token given.", see dynamodb-errors.ts.)
 *
 * Token = `base64url(iv ‖ AES-256-CTR(payload)) "." base64url(HMAC-SHA256(scope ‖ body))`
 * (encrypt-then-MAC, both keys derived from the configured secret with HKDF-SHA256). The payload
 * is DynamoDB's LastEvaluatedKey. Encrypted because a LastEvaluatedKey can name items the caller
 * never saw (a Scan or filtered Query stops on whatever item it evaluated last). The MAC also
 * covers the scope — a hash of the operation, table, index and key condition the token was issued
 * for — so a token only continues the listing it came from; one from another index, table or
 * partition is rejected like a tampered one. The MAC is checked before anything is decrypted.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { MappingTemplateError } from './dynamodb-errors';
import { base64Of, isPlainObject, toSdkItem, type AttributeValue, type TypedItem } from './dynamodb-typed-values';

const VERSION = 1;
const IV_BYTES = 16;
/** DynamoDB keys are at most a few KB; anything longer is not ours. */
const MAX_TOKEN_LENGTH = 16 * 1024;

interface TokenKeys {
  readonly encryption: Buffer;
  readonly authentication: Buffer;
}

const derivedKeys = new WeakMap<Uint8Array, TokenKeys>();

/**
 * The scope a token is bound to.
 * @param parts anything JSON-serialisable that identifies the listing (operation, table, index, …)
 * @returns a short hash
 */
export function paginationScope(parts: unknown): string {
  return createHash('sha256').update(stableJson(parts)).digest('base64url');
}

/**
 * Seals a LastEvaluatedKey into a token.
 * @returns the opaque token string
 */
export function sealPaginationToken(lastEvaluatedKey: TypedItem, scope: string, secret: Uint8Array): string {
  const keys = keysFor(secret);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-ctr', keys.encryption, iv);
  const plaintext = JSON.stringify({ v: VERSION, k: jsonSafeItem(lastEvaluatedKey) });
  const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64url');
  return `${body}.${mac(keys.authentication, scope, body)}`;
}

/**
 * Opens a token sealed by {@link sealPaginationToken} with the same secret and scope.
 * @returns the ExclusiveStartKey, or undefined when the token is malformed, forged, tampered
 *   with, or was issued for another listing
 */
export function openPaginationToken(token: string, scope: string, secret: Uint8Array): TypedItem | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const keys = keysFor(secret);
  const expected = Buffer.from(mac(keys.authentication, scope, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;

  const sealed = Buffer.from(body, 'base64url');
  if (sealed.length <= IV_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', keys.encryption, sealed.subarray(0, IV_BYTES));
  const plaintext = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES)), decipher.final()]).toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(plaintext);
  } catch {
    return undefined;
  }
  if (!isPlainObject(payload) || payload.v !== VERSION) return undefined;
  try {
    return toSdkItem(payload.k, '$[nextToken]');
  } catch (error) {
    if (error instanceof MappingTemplateError) return undefined;
    throw error;
  }
}

/** Accepts the secret as bytes or as a string (UTF-8). */
export function secretBytes(secret: Uint8Array | string): Uint8Array {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (bytes.length < 16) throw new Error('The pagination token secret must be at least 16 bytes long.');
  return bytes;
}

function keysFor(secret: Uint8Array): TokenKeys {
  let keys = derivedKeys.get(secret);
  if (!keys) {
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, '', `mediagraph nextToken ${purpose}`, 32));
    keys = { encryption: derive('encryption'), authentication: derive('authentication') };
    derivedKeys.set(secret, keys);
  }
  return keys;
}

function mac(key: Buffer, scope: string, body: string): string {
  return createHmac('sha256', key).update(`${scope}.${body}`).digest('base64url');
}

/** Typed values with bytes written as base64, so they survive JSON (toSdkItem reads them back). */
function jsonSafeItem(item: TypedItem): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) result[name] = jsonSafeValue(value);
  return result;
}

function jsonSafeValue(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: base64Of(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64Of) };
  if (value.M !== undefined) return { M: jsonSafeItem(value.M) };
  if (value.L !== undefined) return { L: value.L.map(jsonSafeValue) };
  return value;
}

/** JSON with object keys sorted, so equal scopes hash equally whatever order fields were written in. */
function stableJson(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
