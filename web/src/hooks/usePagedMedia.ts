/**
 * Pages of media from a paginated query (listMedia or searchMedia), for infinite scroll: the first
 * page on mount and whenever `key` changes, the next on `loadMore()`, every page when `loadAll`.
 * Live changes merge in place.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaCard } from '../api/documents';
import { mergeById } from '../lib/media-sort';

export interface Page {
  items: MediaCard[];
  nextToken: string | null;
}

export interface PagedMedia {
  items: MediaCard[];
  loading: boolean;
  error: Error | null;
  hasMore: boolean;
  /** True once the first page arrived. */
  loaded: boolean;
  loadMore(): void;
  reload(): void;
  merge(change: Partial<MediaCard> & { id: string }): void;
  prepend(item: MediaCard): void;
  remove(id: string): void;
}

export function usePagedMedia(fetchPage: (nextToken: string | null) => Promise<Page>, key: string, options: { loadAll?: boolean; enabled?: boolean } = {}): PagedMedia {
  const [items, setItems] = useState<MediaCard[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [generation, setGeneration] = useState(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const current = useRef({ key: '', busy: false, generation: 0 });
  const enabled = options.enabled ?? true;

  const load = useCallback(async (token: string | null, reset: boolean) => {
    const mine = current.current;
    if (mine.busy && !reset) return;
    mine.busy = true;
    const myGeneration = ++mine.generation;
    setLoading(true);
    try {
      const page = await fetcher.current(token);
      if (myGeneration !== mine.generation) return;
      setItems((previous) => {
        const base = reset ? [] : previous;
        const seen = new Set(base.map((item) => item.id));
        return [...base, ...page.items.filter((item) => !seen.has(item.id))];
      });
      setNextToken(page.nextToken);
      setError(null);
      setLoaded(true);
    } catch (caught) {
      if (myGeneration !== mine.generation) return;
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      if (myGeneration === mine.generation) {
        mine.busy = false;
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    current.current = { key, busy: false, generation: current.current.generation + 1 };
    setItems([]);
    setNextToken(null);
    setLoaded(false);
    void load(null, true);
  }, [key, load, enabled, generation]);

  // Sorting other than newest-first needs the whole list.
  useEffect(() => {
    if (options.loadAll && nextToken && !loading && !error) void load(nextToken, false);
  }, [options.loadAll, nextToken, loading, error, load]);

  return {
    items,
    loading,
    error,
    loaded,
    hasMore: nextToken !== null,
    loadMore: () => {
      if (nextToken && !loading) void load(nextToken, false);
    },
    reload: () => setGeneration((g) => g + 1),
    merge: (change) => setItems((previous) => mergeById(previous, change)),
    prepend: (item) => setItems((previous) => (previous.some((p) => p.id === item.id) ? previous : [item, ...previous])),
    remove: (id) => setItems((previous) => previous.filter((item) => item.id !== id)),
  };
}
