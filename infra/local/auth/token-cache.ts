/**
 * A bounded least-recently-used cache of verified tokens, so a client sending the same token on
 * every request pays for one RS256 signature check, not one per request. An entry lives until the
 * token's `exp`; the oldest entry goes when the cache is full.
 */

/** A verified token's decoded contents, kept until it expires. */
export interface CacheEntry<T> {
  readonly value: T;
  /** Expiry in seconds since the epoch (the token's `exp`). */
  readonly expiresAt: number;
}

/** Outcome of a lookup: a live value, an entry that has expired, or nothing. */
export type CacheLookup<T> = { status: 'hit'; value: T } | { status: 'expired' } | { status: 'miss' };

/** The cache. */
export interface TokenCache<T> {
  get(token: string, nowSeconds: number): CacheLookup<T>;
  set(token: string, entry: CacheEntry<T>): void;
  readonly size: number;
}

/**
 * Creates an empty cache holding at most `maxEntries` tokens.
 * @returns the cache
 */
export function createTokenCache<T>(maxEntries: number): TokenCache<T> {
  if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError(`maxEntries must be a non-negative integer, got ${maxEntries}`);
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  const entries = new Map<string, CacheEntry<T>>();
  return {
    get(token, nowSeconds) {
      const entry = entries.get(token);
      if (entry === undefined) return { status: 'miss' };
      entries.delete(token);
      // Same rule as aws-jwt-verify: a token is expired once `exp` is in the past.
      if (entry.expiresAt < nowSeconds) return { status: 'expired' };
      entries.set(token, entry);
      return { status: 'hit', value: entry.value };
    },
    set(token, entry) {
      if (maxEntries === 0) return;
      entries.delete(token);
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      entries.set(token, entry);
    },
    get size() {
      return entries.size;
    },
  };
}
