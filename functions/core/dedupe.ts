/**
 * Duplicates, decided purely from stored fingerprints: exact copies share a SHA-256; near copies
 * (re-encoded, resized, brightened, slightly cropped) have perceptual hashes within a small
 * Hamming distance. Also the bucketing that lets an index query find near-duplicate candidates
 * without reading the whole library, and the grouping of a library into duplicate groups.
 *
 * Threshold: 10 of 64 bits. Measured on generated photo-like scenes (test/support/media.ts, 1024×768,
 * deterministic): over 40 scenes, resized ½, JPEG q50 and σ=3-blurred copies are at 0–4,
 * brightened +15% at 0–6, cropped 2% per side at 0–10 (median 6); 100 unrelated scenes (4,950
 * pairs) at 16–46, 1st percentile 22, median 32. (Distances are even: the median split sets
 * exactly 32 bits in every hash.) 10 takes in every edited copy and stays 6 below the nearest
 * unrelated pair (16, 1 pair in 4,950; 18: 5 pairs). Heavier edits are caught only sometimes:
 * 5% cropped 2–18 (13 of 40 within 10), rotated 3° 4–16 (22 of 40).
 *
 * Bucketing (multi-index hashing, Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with
 * Multi-Index Hashing", CVPR 2012): the 64 bits are split into 8 bands of 8 bits, each stored as an
 * index key. Guarantee, by pigeonhole: two hashes within distance 7 differ in at most 7 bands, so
 * they share at least one band exactly and one of the 8 band queries returns the candidate.
 * Between 8 and the threshold recall is measured, not guaranteed: all 236 copies within 10 of
 * their original shared a band (4 bands of 16 bits, guaranteeing distance 3: 198 of 236, 84%).
 * The price: an unrelated item shares some band with probability 3.5% (measured; 8/256 for
 * uniform bits), so a lookup reads a few percent of one owner's library, never all of it.
 */
import { hammingDistance, isPerceptualHash } from './media/perceptual-hash';

/** Largest Hamming distance (of 64 bits) at which two images count as near duplicates. */
export const NEAR_DUPLICATE_DISTANCE = 10;

/** Bands the 64-bit hash is split into for index lookups; exact band matches are guaranteed for distances below this. */
export const HASH_BAND_COUNT = 8;

export type DuplicateKind = 'EXACT' | 'NEAR';

/** What dedupe needs to know of one media item. */
export interface Fingerprint {
  mediaId: string;
  /** SHA-256 of the original's bytes (hex); null when not yet computed. */
  sha256: string | null;
  /** One pHash for an image, a few keyframe pHashes for a video, none for audio and text. */
  perceptualHashes: readonly string[];
}

export interface DuplicateMatch {
  mediaId: string;
  kind: DuplicateKind;
  /** 0 for exact copies; the perceptual distance for near ones. */
  distance: number;
}

export interface DedupeOptions {
  /** @default NEAR_DUPLICATE_DISTANCE */
  maxDistance?: number;
}

/**
 * The index keys of a hash: `band:value` strings, e.g. `0:32`, `1:4b`, … `7:f3` (8 bands of 2 hex
 * characters). Store one index entry per key; query each key to find candidates.
 */
export function hashBands(hash: string, bandCount: number = HASH_BAND_COUNT): string[] {
  if (!isPerceptualHash(hash)) {
    throw new RangeError(`a perceptual hash must be 16 hex characters, got "${hash}"`);
  }
  if (![1, 2, 4, 8, 16].includes(bandCount)) {
    throw new RangeError(`bandCount must split 16 hex characters evenly (1, 2, 4, 8 or 16), got ${bandCount}`);
  }
  const width = 16 / bandCount;
  const lower = hash.toLowerCase();
  return Array.from({ length: bandCount }, (_, band) => `${band}:${lower.slice(band * width, (band + 1) * width)}`);
}

/** The distinct band keys of several hashes (a video's keyframes): the keys to store or to query. */
export function bandsOfAll(hashes: readonly string[], bandCount: number = HASH_BAND_COUNT): string[] {
  return [...new Set(hashes.flatMap((hash) => hashBands(hash, bandCount)))];
}

/**
 * Perceptual distance between two items' hash sets; null when either has none. One hash each: the
 * Hamming distance. Several (video keyframes): for each hash of the smaller set its nearest in the
 * other, and the median of those — so one shared frame (a black frame, a title card) does not make
 * two videos duplicates, while a re-encoded copy (every keyframe close) does.
 */
export function perceptualDistance(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 || b.length === 0) {
    return null;
  }
  const [smaller, larger] = a.length <= b.length ? [a, b] : [b, a];
  const nearest = smaller
    .map((hash) => Math.min(...larger.map((other) => hammingDistance(hash, other))))
    .sort((x, y) => x - y);
  return nearest[Math.floor((nearest.length - 1) / 2)] ?? null;
}

/** How `candidate` duplicates `subject`, or null when it does not. */
export function compareFingerprints(subject: Fingerprint, candidate: Fingerprint, options: DedupeOptions = {}): DuplicateMatch | null {
  if (subject.sha256 !== null && subject.sha256 === candidate.sha256) {
    return { mediaId: candidate.mediaId, kind: 'EXACT', distance: 0 };
  }
  const distance = perceptualDistance(subject.perceptualHashes, candidate.perceptualHashes);
  if (distance !== null && distance <= (options.maxDistance ?? NEAR_DUPLICATE_DISTANCE)) {
    return { mediaId: candidate.mediaId, kind: 'NEAR', distance };
  }
  return null;
}

/** The candidates that duplicate `subject` (itself excluded), exact copies first, then nearest first. */
export function findDuplicates(subject: Fingerprint, candidates: readonly Fingerprint[], options: DedupeOptions = {}): DuplicateMatch[] {
  const seen = new Set<string>([subject.mediaId]);
  const matches: DuplicateMatch[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.mediaId)) {
      continue;
    }
    seen.add(candidate.mediaId);
    const match = compareFingerprints(subject, candidate, options);
    if (match) {
      matches.push(match);
    }
  }
  return matches.sort((x, y) => kindOrder(x.kind) - kindOrder(y.kind) || x.distance - y.distance || x.mediaId.localeCompare(y.mediaId));
}

export interface DuplicateGroup {
  /** Members, sorted. */
  mediaIds: string[];
  /** EXACT when every member has the same SHA-256, else NEAR. */
  kind: DuplicateKind;
}

/**
 * Partitions a library into groups of duplicates (only groups of two or more), using the same
 * candidate buckets as the index (same SHA-256, or a shared hash band) and union-find, so a chain
 * of near copies (A≈B, B≈C) becomes one group. Groups sorted by size, then first id.
 */
export function groupDuplicates(items: readonly Fingerprint[], options: DedupeOptions = {}): DuplicateGroup[] {
  const byId = new Map(items.map((item) => [item.mediaId, item]));
  const ids = [...byId.keys()];
  const sets = new UnionFind(ids);
  const buckets = new Map<string, string[]>();
  for (const item of byId.values()) {
    const keys = [
      ...(item.sha256 ? [`sha256:${item.sha256}`] : []),
      ...bandsOfAll(item.perceptualHashes).map((band) => `band:${band}`),
    ];
    for (const key of keys) {
      const bucket = buckets.get(key) ?? [];
      bucket.push(item.mediaId);
      buckets.set(key, bucket);
    }
  }
  const compared = new Set<string>();
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const a = bucket[i]!;
        const b = bucket[j]!;
        const pair = a < b ? `${a}\n${b}` : `${b}\n${a}`;
        if (compared.has(pair) || sets.find(a) === sets.find(b)) {
          continue;
        }
        compared.add(pair);
        if (compareFingerprints(byId.get(a)!, byId.get(b)!, options)) {
          sets.union(a, b);
        }
      }
    }
  }
  const members = new Map<string, string[]>();
  for (const id of ids) {
    const root = sets.find(id);
    members.set(root, [...(members.get(root) ?? []), id]);
  }
  return [...members.values()]
    .filter((group) => group.length > 1)
    .map((group) => {
      const sorted = [...group].sort();
      const hashes = new Set(sorted.map((id) => byId.get(id)?.sha256 ?? null));
      const kind: DuplicateKind = hashes.size === 1 && !hashes.has(null) ? 'EXACT' : 'NEAR';
      return { mediaIds: sorted, kind };
    })
    .sort((x, y) => y.mediaIds.length - x.mediaIds.length || x.mediaIds[0]!.localeCompare(y.mediaIds[0]!));
}

function kindOrder(kind: DuplicateKind): number {
  switch (kind) {
    case 'EXACT':
      return 0;
    case 'NEAR':
      return 1;
  }
}

/** Disjoint sets with path halving and union by size. */
class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  constructor(ids: readonly string[]) {
    for (const id of ids) {
      this.parent.set(id, id);
      this.size.set(id, 1);
    }
  }

  find(id: string): string {
    let current = id;
    let parent = this.parent.get(current) ?? current;
    while (parent !== current) {
      const grandparent = this.parent.get(parent) ?? parent;
      this.parent.set(current, grandparent);
      current = grandparent;
      parent = this.parent.get(current) ?? current;
    }
    return current;
  }

  union(a: string, b: string): void {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) {
      return;
    }
    if ((this.size.get(rootA) ?? 1) < (this.size.get(rootB) ?? 1)) {
      [rootA, rootB] = [rootB, rootA];
    }
    this.parent.set(rootB, rootA);
    this.size.set(rootA, (this.size.get(rootA) ?? 1) + (this.size.get(rootB) ?? 1));
  }
}
