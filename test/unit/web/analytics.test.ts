import { describe, expect, it } from 'vitest';
import { computeAnalytics, processingTimeMs, quantile, type AnalyticsMedia } from '../../../web/src/lib/analytics';

const item = (overrides: Partial<AnalyticsMedia>): AnalyticsMedia => ({
  id: overrides.id ?? 'm1',
  name: 'a.png',
  mediaType: 'IMAGE',
  status: 'READY',
  stage: 'analyzed',
  size: 1000,
  error: null,
  createdAt: '2025-03-10T10:00:00.000Z',
  updatedAt: '2025-03-10T10:00:20.000Z',
  tags: [],
  ...overrides,
});

describe('Function: computeAnalytics', () => {
  it('counts by type and status and sums storage per type', () => {
    // Prepare
    const items = [item({ id: '1' }), item({ id: '2', mediaType: 'VIDEO', size: 5000, status: 'PROCESSING', stage: 'labels' }), item({ id: '3', size: null })];

    // Act
    const stats = computeAnalytics(items, { now: Date.parse('2025-03-11T00:00:00Z') });

    // Assess
    expect(stats.total).toBe(3);
    expect(stats.byType).toEqual({ IMAGE: 2, VIDEO: 1, AUDIO: 0, TEXT: 0 });
    expect(stats.byStatus).toMatchObject({ READY: 2, PROCESSING: 1, FAILED: 0 });
    expect(stats.storageBytes).toBe(6000);
    expect(stats.storageByType).toMatchObject({ IMAGE: 1000, VIDEO: 5000 });
  });

  it('measures processing only for items whose processing ended, into time buckets with median and p90', () => {
    // Prepare: 20 s, 2 min, a failure after 3 s, and one halfway (READY `ingested`) that must not count.
    const items = [
      item({ id: '1' }),
      item({ id: '2', updatedAt: '2025-03-10T10:02:00.000Z' }),
      item({ id: '3', status: 'FAILED', stage: 'failed', error: 'bad bytes', updatedAt: '2025-03-10T10:00:03.000Z' }),
      item({ id: '4', stage: 'ingested', updatedAt: '2025-03-10T11:00:00.000Z' }),
    ];

    // Act
    const { processing, failures } = computeAnalytics(items);

    // Assess
    expect(processing.count).toBe(3);
    expect(processing.medianMs).toBe(20_000);
    expect(processing.p90Ms).toBe(120_000);
    expect(Object.fromEntries(processing.buckets.map((b) => [b.label, b.count]))).toMatchObject({ '< 5 s': 1, '15–30 s': 1, '2–5 min': 1, '> 15 min': 0 });
    expect(failures).toEqual([{ id: '3', name: 'a.png', error: 'bad bytes', at: '2025-03-10T10:00:03.000Z' }]);
  });

  it('ranks tags by the number of items carrying them, counting an item once per tag', () => {
    // Prepare
    const tag = (path: string) => ({ tag: { path } });
    const items = [item({ id: '1', tags: [tag('Animal'), tag('Animal'), tag('Animal/Mammal')] }), item({ id: '2', tags: [tag('Animal')] }), item({ id: '3', tags: [tag('Vehicle')] })];

    // Act
    const { topTags } = computeAnalytics(items, { topTags: 2 });

    // Assess
    expect(topTags).toEqual([
      { path: 'Animal', count: 2 },
      { path: 'Animal/Mammal', count: 1 },
    ]);
  });

  it('counts uploads per UTC day over the last days, oldest first, with empty days as zero', () => {
    // Prepare
    const items = [item({ id: '1', createdAt: '2025-03-10T23:59:00Z' }), item({ id: '2', createdAt: '2025-03-08T01:00:00Z' }), item({ id: '3', createdAt: '2025-01-01T00:00:00Z' })];

    // Act
    const { perDay } = computeAnalytics(items, { now: Date.parse('2025-03-10T12:00:00Z'), days: 3 });

    // Assess
    expect(perDay).toEqual([
      { day: '2025-03-08', count: 1 },
      { day: '2025-03-09', count: 0 },
      { day: '2025-03-10', count: 1 },
    ]);
  });
});

describe('Function: processingTimeMs', () => {
  it('is null while an item is still being analysed', () => {
    expect(processingTimeMs({ status: 'PROCESSING', stage: 'labels', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:01:00Z' })).toBeNull();
  });
});

describe('Function: quantile', () => {
  it('takes the nearest rank', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.9)).toBe(4);
    expect(quantile([], 0.5)).toBeNull();
  });
});
