/**
 * ListObjectsV2 paging (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html):
 * keys in UTF-8 binary order, filtered by prefix, rolled up into CommonPrefixes at the delimiter
 * (each prefix counts once toward max-keys), resumed after StartAfter or an opaque continuation
 * token. Pure: it pages over the sorted entries the repository hands it.
 */
import { S3Error } from './errors';
import type { ObjectVersion } from './object-records';

/** A listing request, already validated. */
export interface ListRequest {
  readonly prefix: string;
  readonly delimiter: string | undefined;
  readonly maxKeys: number;
  readonly startAfter: string | undefined;
  readonly continuationToken: string | undefined;
}

/** One page. */
export interface ListPage {
  readonly contents: readonly { readonly key: string; readonly version: ObjectVersion }[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextContinuationToken: string | undefined;
}

/** S3 returns at most 1,000 keys per page. */
export const MAX_KEYS_LIMIT = 1000;

interface Resume {
  /** Skip keys at or before this one. */
  readonly after: string;
  /** Skip keys under this common prefix (already reported). */
  readonly skipPrefix?: string;
}

/**
 * Cuts one page out of the sorted entries.
 * @throws {S3Error} InvalidArgument for a continuation token this server did not issue
 * @returns the page
 */
export function listPage(entries: readonly { readonly key: string; readonly version: ObjectVersion }[], request: ListRequest): ListPage {
  const resume = request.continuationToken !== undefined ? decodeToken(request.continuationToken) : request.startAfter !== undefined ? { after: request.startAfter } : undefined;
  const afterBytes = resume ? Buffer.from(resume.after, 'utf8') : null;
  const contents: { key: string; version: ObjectVersion }[] = [];
  const commonPrefixes: string[] = [];
  let count = 0;
  let last: Resume | undefined;
  let isTruncated = false;
  for (const entry of entries) {
    const { key } = entry;
    if (!key.startsWith(request.prefix)) continue;
    if (afterBytes && Buffer.compare(Buffer.from(key, 'utf8'), afterBytes) <= 0) continue;
    if (resume?.skipPrefix !== undefined && key.startsWith(resume.skipPrefix)) continue;
    const rolledUp = commonPrefixOf(key, request.prefix, request.delimiter);
    if (rolledUp !== null && rolledUp === commonPrefixes[commonPrefixes.length - 1]) continue;
    if (count === request.maxKeys) {
      isTruncated = true;
      break;
    }
    count += 1;
    if (rolledUp !== null) {
      commonPrefixes.push(rolledUp);
      last = { after: rolledUp, skipPrefix: rolledUp };
    } else {
      contents.push(entry);
      last = { after: key };
    }
  }
  return {
    contents,
    commonPrefixes,
    isTruncated,
    nextContinuationToken: isTruncated && last ? encodeToken(last) : undefined,
  };
}

/**
 * Reads `max-keys`.
 * @throws {S3Error} InvalidArgument when it is not a non-negative integer
 * @returns the page size, at most 1,000
 */
export function parseMaxKeys(value: string | undefined): number {
  if (value === undefined) return MAX_KEYS_LIMIT;
  if (!/^\d+$/.test(value)) {
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', { fields: { ArgumentName: 'max-keys', ArgumentValue: value } });
  }
  return Math.min(Number(value), MAX_KEYS_LIMIT);
}

function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | null {
  if (!delimiter) return null;
  const index = key.indexOf(delimiter, prefix.length);
  return index === -1 ? null : key.slice(0, index + delimiter.length);
}

function encodeToken(resume: Resume): string {
  return Buffer.from(JSON.stringify(resume), 'utf8').toString('base64');
}

function decodeToken(token: string): Resume {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<Resume>;
    if (typeof parsed.after === 'string' && (parsed.skipPrefix === undefined || typeof parsed.skipPrefix === 'string')) {
      return parsed.skipPrefix === undefined ? { after: parsed.after } : { after: parsed.after, skipPrefix: parsed.skipPrefix };
    }
  } catch {
    // fall through: S3 answers the same for any token it cannot read
  }
  throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { fields: { ArgumentName: 'continuation-token' } });
}
