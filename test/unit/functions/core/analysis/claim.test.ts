import { describe, expect, it } from 'vitest';
import { decideAnalysisClaim, isStillCurrent } from '../../../../../functions/core/analysis/claim';
import type { AnalysisSnapshot } from '../../../../../functions/ports/analysis-ledger';

const ready = (overrides: { media?: Partial<NonNullable<AnalysisSnapshot['media']>>; version?: Partial<NonNullable<AnalysisSnapshot['version']>> } = {}): AnalysisSnapshot => ({
  media: { owner: 'alice', version: 2, status: 'READY', stage: 'ingested', ...overrides.media },
  version: { status: 'READY', ingestKey: 'originals/alice/m1/v2@ov2', analysisKey: null, analysisStatus: null, analysisAttempts: 0, ...overrides.version },
});
const request = { owner: 'alice', version: 2 };

describe('Function: decideAnalysisClaim', () => {
  it('runs the first delivery, keyed by the ingest run', () => {
    expect(decideAnalysisClaim(ready(), request)).toEqual({ run: true, runKey: 'originals/alice/m1/v2@ov2' });
  });

  it('skips a redelivered event once its run is analysed', () => {
    const snapshot = ready({ version: { analysisKey: 'originals/alice/m1/v2@ov2', analysisStatus: 'DONE', analysisAttempts: 1 } });
    expect(decideAnalysisClaim(snapshot, request)).toEqual({ run: false, reason: 'already-analyzed' });
  });

  it('runs again when the run was left RUNNING (a retry after a crash or timeout)', () => {
    const snapshot = ready({ media: { status: 'PROCESSING', stage: 'labels' }, version: { analysisKey: 'originals/alice/m1/v2@ov2', analysisStatus: 'RUNNING', analysisAttempts: 1 } });
    expect(decideAnalysisClaim(snapshot, request)).toMatchObject({ run: true });
  });

  it('runs a reprocessed version again (a new ingest run)', () => {
    const snapshot = ready({ version: { ingestKey: 'reprocess:r7', analysisKey: 'originals/alice/m1/v2@ov2', analysisStatus: 'DONE', analysisAttempts: 1 } });
    expect(decideAnalysisClaim(snapshot, request)).toEqual({ run: true, runKey: 'reprocess:r7' });
  });

  it.each([
    ['media-deleted', { ...ready(), media: null }],
    ['unknown-version', { ...ready(), version: null }],
    ['owner-mismatch', ready({ media: { owner: 'mallory' } })],
    ['version-not-ingested', ready({ version: { status: 'PROCESSING' } })],
    ['not-shown-version', ready({ media: { version: 3 } })],
    ['ingest-running', ready({ media: { status: 'PROCESSING', stage: 'checksum' } })],
    ['item-failed', ready({ media: { status: 'FAILED', stage: 'failed' } })],
  ] as const)('skips with %s', (reason, snapshot) => {
    expect(decideAnalysisClaim(snapshot, request)).toEqual({ run: false, reason });
  });
});

describe('Function: isStillCurrent', () => {
  const claimed = ready({ media: { status: 'PROCESSING', stage: 'faces' }, version: { analysisKey: 'originals/alice/m1/v2@ov2', analysisStatus: 'RUNNING', analysisAttempts: 1 } });
  const runKey = 'originals/alice/m1/v2@ov2';

  it('holds while the item shows this run\'s analysis', () => {
    expect(isStillCurrent(claimed, request, runKey)).toBe(true);
  });

  it('fails when ingest started again for the item (an upload of a newer version)', () => {
    expect(isStillCurrent({ ...claimed, media: { ...claimed.media!, stage: 'download' } }, request, runKey)).toBe(false);
  });

  it('fails when a reprocess re-keyed the version', () => {
    expect(isStillCurrent({ ...claimed, version: { ...claimed.version!, ingestKey: 'reprocess:r8' } }, request, runKey)).toBe(false);
  });

  it('fails when another analysis run claimed the version', () => {
    expect(isStillCurrent({ ...claimed, version: { ...claimed.version!, analysisKey: 'reprocess:r8' } }, request, runKey)).toBe(false);
  });

  it('fails when another version is shown, or the item is gone', () => {
    expect(isStillCurrent({ ...claimed, media: { ...claimed.media!, version: 3 } }, request, runKey)).toBe(false);
    expect(isStillCurrent({ ...claimed, media: null }, request, runKey)).toBe(false);
  });
});
