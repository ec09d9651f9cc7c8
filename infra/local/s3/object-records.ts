/**
 * What the server keeps about each stored object version (one JSON index per key, next to the
 * bytes), and the guard that reads it back from disk.
 */
import type { ChecksumAlgorithm } from './checksums';
import { CHECKSUM_ALGORITHMS } from './checksums';

/** Representation headers S3 stores with an object and returns on GET/HEAD. */
export interface StoredHeaders {
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
  readonly contentLanguage?: string;
  readonly cacheControl?: string;
  readonly expires?: string;
}

/** One version of a key: stored bytes, or a delete marker. */
export interface ObjectVersion {
  /** `null` (the string) when the bucket is not versioned, as S3 reports it. */
  readonly versionId: string;
  readonly deleteMarker: boolean;
  /** File name of the bytes inside the key's directory; null for delete markers. */
  readonly dataFile: string | null;
  readonly size: number;
  /** Hex MD5 (single PUT) or `<hex>-<parts>` (multipart), without quotes. */
  readonly etag: string;
  /** ISO 8601 with milliseconds. */
  readonly lastModified: string;
  readonly contentType: string;
  readonly headers: StoredHeaders;
  /** `x-amz-meta-*` values by lower-case name without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly checksum: { readonly algorithm: ChecksumAlgorithm; readonly value: string } | null;
  readonly partCount: number | null;
  readonly sequencer: string;
}

/** Every version of one key, newest first. */
export interface KeyIndex {
  readonly key: string;
  readonly versions: readonly ObjectVersion[];
}

/**
 * Checks a key index read from disk.
 * @returns the index, or null when the document is not one
 */
export function parseKeyIndex(value: unknown): KeyIndex | null {
  if (!isRecord(value) || typeof value.key !== 'string' || !Array.isArray(value.versions)) return null;
  const versions = value.versions.filter(isObjectVersion);
  return versions.length === value.versions.length ? { key: value.key, versions } : null;
}

function isObjectVersion(value: unknown): value is ObjectVersion {
  return (
    isRecord(value) &&
    typeof value.versionId === 'string' &&
    typeof value.deleteMarker === 'boolean' &&
    (value.dataFile === null || (typeof value.dataFile === 'string' && /^[0-9a-f]{32}\.data$/.test(value.dataFile))) &&
    typeof value.size === 'number' &&
    typeof value.etag === 'string' &&
    typeof value.lastModified === 'string' &&
    typeof value.contentType === 'string' &&
    isRecord(value.headers) &&
    isRecord(value.metadata) &&
    (value.checksum === null ||
      (isRecord(value.checksum) &&
        CHECKSUM_ALGORITHMS.includes(value.checksum.algorithm as ChecksumAlgorithm) &&
        typeof value.checksum.value === 'string')) &&
    (value.partCount === null || typeof value.partCount === 'number') &&
    typeof value.sequencer === 'string'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
