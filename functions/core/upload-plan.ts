/**
 * How an upload travels: one presigned PUT, or a multipart upload for big files (S3 allows 5 GB in a
 * single PUT, but a failed 4 GB PUT restarts from zero; parts are retried one by one).
 */
import { MULTIPART_PART_BYTES, MULTIPART_THRESHOLD_BYTES } from '../../infra/storage';

/** S3's limits: at most 10,000 parts; every part but the last at least 5 MiB. */
export const MAX_PARTS = 10_000;
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export type UploadPlan = { kind: 'single' } | { kind: 'multipart'; partSize: number; partCount: number };

/** Single PUT below the threshold; otherwise parts of MULTIPART_PART_BYTES, grown if 10,000 would not do. */
export function planUpload(size: number): UploadPlan {
  if (size < MULTIPART_THRESHOLD_BYTES) {
    return { kind: 'single' };
  }
  const partSize = Math.max(MULTIPART_PART_BYTES, Math.ceil(size / MAX_PARTS / MIN_PART_BYTES) * MIN_PART_BYTES);
  return { kind: 'multipart', partSize, partCount: Math.ceil(size / partSize) };
}

/** Why a completion's part list is unusable, or null: numbered 1..n, each once, in order, with ETags. */
export function partsProblem(parts: readonly { partNumber: number; etag: string }[], expectedCount?: number): string | null {
  if (parts.length === 0) {
    return 'at least one part is required';
  }
  if (parts.length > MAX_PARTS) {
    return `at most ${MAX_PARTS} parts`;
  }
  for (const [index, part] of parts.entries()) {
    if (part.partNumber !== index + 1) {
      return `parts must be numbered 1 to ${parts.length} in order; found ${part.partNumber} at position ${index + 1}`;
    }
    if (!part.etag || part.etag.length > 128) {
      return `part ${part.partNumber} has no valid ETag`;
    }
  }
  if (expectedCount !== undefined && parts.length !== expectedCount) {
    return `expected ${expectedCount} parts, got ${parts.length}`;
  }
  return null;
}
