/**
 * Exactly one outcome per object version: whether an ingest delivery should run, given what the
 * version item says. Pure; the repository then claims with a condition on what was observed.
 */
import type { StoredVersion } from '../../ports/media-repository';

export type ClaimDecision =
  | { run: true }
  | { run: false; reason: 'already-ingested' | 'already-failed' | 'unknown-version' };

/**
 * - first delivery (no key yet), or a new key (a reprocess request, a re-upload's object version): run;
 * - the same key again while PROCESSING/UPLOADED/PENDING_UPLOAD (a retry after a crash or timeout): run;
 * - the same key again once READY or FAILED (a redelivered event): skip — the outcome stands.
 */
export function decideClaim(version: StoredVersion | null, ingestKey: string): ClaimDecision {
  if (!version) {
    return { run: false, reason: 'unknown-version' };
  }
  if (version.ingestKey === ingestKey) {
    if (version.status === 'READY') {
      return { run: false, reason: 'already-ingested' };
    }
    if (version.status === 'FAILED') {
      return { run: false, reason: 'already-failed' };
    }
  }
  return { run: true };
}
