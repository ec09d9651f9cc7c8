import { describe, expect, it } from 'vitest';
import { partsProblem, planUpload } from '../../../../functions/core/upload-plan';

describe('planUpload', () => {
  it('uses one PUT below 64 MiB', () => expect(planUpload(10 * 1024 * 1024)).toEqual({ kind: 'single' }));
  it('splits big files into 16 MiB parts', () =>
    expect(planUpload(100 * 1024 * 1024)).toEqual({ kind: 'multipart', partSize: 16 * 1024 * 1024, partCount: 7 }));
  it('grows parts so 5 GB fits in 10,000 parts or fewer', () => {
    const plan = planUpload(5 * 1024 ** 3);
    expect(plan.kind).toBe('multipart');
    if (plan.kind === 'multipart') {
      expect(plan.partCount).toBeLessThanOrEqual(10_000);
      expect(plan.partSize * plan.partCount).toBeGreaterThanOrEqual(5 * 1024 ** 3);
    }
  });
});

describe('partsProblem', () => {
  it('accepts parts numbered 1..n with ETags', () => expect(partsProblem([{ partNumber: 1, etag: '"a"' }, { partNumber: 2, etag: '"b"' }])).toBeNull());
  it('refuses gaps, repeats and empty lists', () => {
    expect(partsProblem([])).toMatch(/at least one/);
    expect(partsProblem([{ partNumber: 1, etag: 'a' }, { partNumber: 3, etag: 'b' }])).toMatch(/in order/);
    expect(partsProblem([{ partNumber: 1, etag: '' }])).toMatch(/ETag/);
  });
});
