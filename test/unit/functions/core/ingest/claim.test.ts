import { describe, expect, it } from 'vitest';
import { decideClaim } from '../../../../../functions/core/ingest/claim';
import type { StoredVersion } from '../../../../../functions/ports/media-repository';

const version = (status: StoredVersion['status'], ingestKey: string | null): StoredVersion => ({
  mediaId: 'm', owner: 'o', version: 1, status, name: 'a.jpg', contentType: 'image/jpeg', ingestKey, attempts: 1,
});

describe('decideClaim: exactly one outcome per object version', () => {
  it('runs the first delivery', () => expect(decideClaim(version('PENDING_UPLOAD', null), 'k1')).toEqual({ run: true }));
  it('skips a redelivery of an ingested version', () =>
    expect(decideClaim(version('READY', 'k1'), 'k1')).toEqual({ run: false, reason: 'already-ingested' }));
  it('skips a redelivery of a version that failed on its content', () =>
    expect(decideClaim(version('FAILED', 'k1'), 'k1')).toEqual({ run: false, reason: 'already-failed' }));
  it('runs again after a crash mid-job (same key, still PROCESSING)', () => expect(decideClaim(version('PROCESSING', 'k1'), 'k1')).toEqual({ run: true }));
  it('runs a reprocess request (new key) on a ready version', () => expect(decideClaim(version('READY', 'k1'), 'reprocess:r')).toEqual({ run: true }));
  it('skips an unknown version', () => expect(decideClaim(null, 'k1')).toEqual({ run: false, reason: 'unknown-version' }));
});
