/** The library: a drop zone, filters kept in the URL, and the grid with infinite scroll and live status. */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { MediaStatus, MediaType } from '../../../schema/types.generated';
import { GET_MEDIA, LIST_MEDIA, ON_MEDIA_CHANGED, type MediaCard } from '../api/documents';
import { useApi } from '../app/context';
import { setSearch, useLocation } from '../app/router';
import { DropZone } from '../components/DropZone';
import { EmptyState, ErrorMessage, LoadingState } from '../components/feedback';
import { MediaFilters, type FilterValues } from '../components/MediaFilters';
import { MediaGrid } from '../components/MediaGrid';
import { usePagedMedia } from '../hooks/usePagedMedia';
import { useSubscription } from '../hooks/useSubscription';
import { MEDIA_STATUSES, MEDIA_TYPES } from '../lib/analytics';
import { plural } from '../lib/format';
import { dayBound, needsAllPages, SORT_LABELS, sortMedia, type SortKey } from '../lib/media-sort';
import { useUploads } from '../upload/UploadProvider';

const PAGE_SIZE = 24;

function readFilters(search: URLSearchParams): FilterValues {
  const type = search.get('type') ?? '';
  const status = search.get('status') ?? '';
  const sort = search.get('sort') ?? 'newest';
  return {
    type: (MEDIA_TYPES as readonly string[]).includes(type) ? (type as MediaType) : '',
    status: (MEDIA_STATUSES as readonly string[]).includes(status) ? (status as MediaStatus) : '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    sort: sort in SORT_LABELS ? (sort as SortKey) : 'newest',
  };
}

function matches(filters: FilterValues, media: MediaCard): boolean {
  if (filters.type && media.mediaType !== filters.type) return false;
  if (filters.status && media.status !== filters.status) return false;
  const from = dayBound(filters.from, false);
  const to = dayBound(filters.to, true);
  if (from && media.createdAt < from) return false;
  if (to && media.createdAt > to) return false;
  return true;
}

export function LibraryPage() {
  const api = useApi();
  const { search } = useLocation();
  const filters = readFilters(search);
  const filter = useMemo(() => {
    const createdAfter = dayBound(filters.from, false);
    const createdBefore = dayBound(filters.to, true);
    return {
      ...(filters.type ? { mediaType: filters.type } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(createdAfter ? { createdAfter } : {}),
      ...(createdBefore ? { createdBefore } : {}),
    };
  }, [filters.type, filters.status, filters.from, filters.to]);
  const key = JSON.stringify(filter);
  const fetchPage = useCallback(async (nextToken: string | null) => (await api.request(LIST_MEDIA, { filter, limit: PAGE_SIZE, nextToken })).listMedia, [api, filter]);
  const pages = usePagedMedia(fetchPage, key, { loadAll: needsAllPages(filters.sort) });

  // Live: changes merge in place; an item we have not seen (a new upload) is read and added when it fits the filters.
  useSubscription(ON_MEDIA_CHANGED, {}, (data) => {
    const change = data.onMediaChanged;
    if (!change) return;
    if (pages.items.some((item) => item.id === change.id)) {
      pages.merge(liveFields(change));
      // Previews and tags arrive with these steps: read the whole item again.
      if (!change.status || change.status === 'FAILED' || change.stage === 'ingested' || change.stage === 'analyzed') {
        void api
          .request(GET_MEDIA, { id: change.id })
          .then(({ getMedia }) => getMedia && pages.merge(getMedia))
          .catch(() => undefined);
      }
      return;
    }
    void api
      .request(GET_MEDIA, { id: change.id })
      .then(({ getMedia }) => getMedia && matches(filters, getMedia) && pages.prepend(getMedia))
      .catch(() => undefined);
  });

  // Uploads started here show at once (the API announces an item only once ingest reports on it).
  const { items: uploads } = useUploads();
  const shown = useRef(new Set<string>());
  useEffect(() => {
    for (const upload of uploads) {
      if (!upload.mediaId || upload.versionOf || shown.current.has(upload.mediaId)) continue;
      shown.current.add(upload.mediaId);
      void api
        .request(GET_MEDIA, { id: upload.mediaId })
        .then(({ getMedia }) => getMedia && matches(filters, getMedia) && pages.prepend(getMedia))
        .catch(() => undefined);
    }
  }, [uploads, api, filters, pages]);

  const items = useMemo(() => sortMedia(pages.items, filters.sort), [pages.items, filters.sort]);
  const filtered = Boolean(filters.type || filters.status || filters.from || filters.to);
  const onFilters = (values: FilterValues) =>
    setSearch('/', { type: values.type, status: values.status, from: values.from, to: values.to, sort: values.sort === 'newest' ? null : values.sort });

  return (
    <div className="page">
      <div className="page__head">
        <h1>Library</h1>
        {pages.loaded ? <p className="muted">{plural(items.length, 'item')}{pages.hasMore ? '+' : ''}</p> : null}
      </div>
      <DropZone compact={pages.items.length > 0} />
      <MediaFilters values={filters} onChange={onFilters} />
      {!pages.loaded && pages.loading ? <LoadingState label="Loading your library…" /> : null}
      {!pages.loaded && pages.error ? <ErrorMessage error={pages.error} onRetry={pages.reload} title="Could not load your library" /> : null}
      {pages.loaded && items.length === 0 ? (
        filtered ? (
          <EmptyState title="Nothing matches these filters">Try another type, status or date range.</EmptyState>
        ) : (
          <EmptyState title="Your library is empty">Drop files above, or choose them, to upload your first media.</EmptyState>
        )
      ) : null}
      {items.length > 0 ? <MediaGrid items={items} hasMore={pages.hasMore} loading={pages.loading} error={pages.loaded ? pages.error : null} onLoadMore={pages.loadMore} label="Media" /> : null}
    </div>
  );
}

/** The fields a subscription event carries (AppSync sends null for fields the mutation did not select). */
export function liveFields(change: { id: string; status: MediaCard['status'] | null; progress: number | null; stage: string | null; error: string | null; updatedAt: string | null }): Partial<MediaCard> & { id: string } {
  if (!change.status) return { id: change.id, ...(change.updatedAt ? { updatedAt: change.updatedAt } : {}) };
  return {
    id: change.id,
    status: change.status,
    ...(change.progress !== null ? { progress: change.progress } : {}),
    stage: change.stage,
    error: change.error,
    ...(change.updatedAt ? { updatedAt: change.updatedAt } : {}),
  };
}
