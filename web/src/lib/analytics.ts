/**
 * Library analytics computed from the media list (there is no stats query: the dashboard pages
 * through `listMedia` and aggregates here). Pure, so every figure is unit-tested.
 *
 * Processing time is what a user waits: from the item's creation (the upload request) to its last
 * update once processing ended (READY `analyzed`, or FAILED). Items still in flight are left out.
 */
import type { MediaStatus, MediaType } from '../../../schema/types.generated';

export interface AnalyticsMedia {
  id: string;
  name: string;
  mediaType: MediaType;
  status: MediaStatus;
  stage: string | null;
  size: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  tags: { tag: { path: string } }[];
}

export interface Bucket {
  label: string;
  /** Inclusive lower bound (ms). */
  from: number;
  /** Exclusive upper bound (ms); Infinity for the last. */
  to: number;
  count: number;
}

export interface LibraryAnalytics {
  total: number;
  byType: Record<MediaType, number>;
  byStatus: Record<MediaStatus, number>;
  storageBytes: number;
  storageByType: Record<MediaType, number>;
  processing: { count: number; medianMs: number | null; p90Ms: number | null; buckets: Bucket[] };
  topTags: { path: string; count: number }[];
  failures: { id: string; name: string; error: string; at: string }[];
  /** Uploads per day (UTC), oldest first, over the last `days` days. */
  perDay: { day: string; count: number }[];
}

export const MEDIA_TYPES: readonly MediaType[] = ['IMAGE', 'VIDEO', 'AUDIO', 'TEXT'];
export const MEDIA_STATUSES: readonly MediaStatus[] = ['PENDING_UPLOAD', 'UPLOADED', 'PROCESSING', 'READY', 'FAILED'];

const BUCKET_EDGES: readonly { label: string; to: number }[] = [
  { label: '< 5 s', to: 5_000 },
  { label: '5–15 s', to: 15_000 },
  { label: '15–30 s', to: 30_000 },
  { label: '30–60 s', to: 60_000 },
  { label: '1–2 min', to: 120_000 },
  { label: '2–5 min', to: 300_000 },
  { label: '5–15 min', to: 900_000 },
  { label: '> 15 min', to: Number.POSITIVE_INFINITY },
];

/** Whether processing of the item is over (so its time counts). */
export function processingEnded(media: Pick<AnalyticsMedia, 'status' | 'stage'>): boolean {
  return media.status === 'FAILED' || (media.status === 'READY' && media.stage === 'analyzed');
}

/** Milliseconds from creation to the end of processing, or null while it is not over. */
export function processingTimeMs(media: Pick<AnalyticsMedia, 'status' | 'stage' | 'createdAt' | 'updatedAt'>): number | null {
  if (!processingEnded(media)) return null;
  const ms = Date.parse(media.updatedAt) - Date.parse(media.createdAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** The value at quantile q (0–1) of sorted numbers, by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function computeAnalytics(items: readonly AnalyticsMedia[], options: { now?: number; days?: number; topTags?: number } = {}): LibraryAnalytics {
  const byType = zeros(MEDIA_TYPES);
  const byStatus = zeros(MEDIA_STATUSES);
  const storageByType = zeros(MEDIA_TYPES);
  const tagCounts = new Map<string, number>();
  const times: number[] = [];
  const failures: LibraryAnalytics['failures'] = [];
  let storageBytes = 0;
  const days = options.days ?? 14;
  const now = options.now ?? Date.now();
  const today = Math.floor(now / 86_400_000);
  const perDayCounts = new Map<number, number>();

  for (const item of items) {
    byType[item.mediaType] += 1;
    byStatus[item.status] += 1;
    const size = item.size ?? 0;
    storageBytes += size;
    storageByType[item.mediaType] += size;
    const ms = processingTimeMs(item);
    if (ms !== null) times.push(ms);
    if (item.status === 'FAILED') failures.push({ id: item.id, name: item.name, error: item.error ?? 'No reason given', at: item.updatedAt });
    // A tag counts once per item even when an item carries it twice (AUTO and USER).
    for (const path of new Set(item.tags.map((t) => t.tag.path))) tagCounts.set(path, (tagCounts.get(path) ?? 0) + 1);
    const day = Math.floor(Date.parse(item.createdAt) / 86_400_000);
    if (Number.isFinite(day) && today - day < days && day <= today) perDayCounts.set(day, (perDayCounts.get(day) ?? 0) + 1);
  }

  times.sort((a, b) => a - b);
  let lower = 0;
  const buckets: Bucket[] = BUCKET_EDGES.map(({ label, to }) => {
    const bucket = { label, from: lower, to, count: times.filter((t) => t >= lower && t < to).length };
    lower = to;
    return bucket;
  });
  const topTags = [...tagCounts.entries()]
    .map(([path, count]) => ({ path, count }))
    .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path))
    .slice(0, options.topTags ?? 10);
  const perDay = Array.from({ length: days }, (_, index) => {
    const day = today - (days - 1 - index);
    return { day: new Date(day * 86_400_000).toISOString().slice(0, 10), count: perDayCounts.get(day) ?? 0 };
  });
  failures.sort((a, b) => b.at.localeCompare(a.at));
  return {
    total: items.length,
    byType,
    byStatus,
    storageBytes,
    storageByType,
    processing: { count: times.length, medianMs: quantile(times, 0.5), p90Ms: quantile(times, 0.9), buckets },
    topTags,
    failures,
    perDay,
  };
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}
