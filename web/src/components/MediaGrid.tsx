/** A responsive grid of media cards with infinite scroll (an IntersectionObserver on a sentinel below the grid). */
import { useEffect } from 'react';
import type { MediaCard as MediaCardData } from '../api/documents';
import { useInView } from '../hooks/useInView';
import { plural } from '../lib/format';
import { ErrorMessage, Spinner } from './feedback';
import { MediaCard } from './MediaCard';

export function MediaGrid({
  items,
  hasMore,
  loading,
  error,
  onLoadMore,
  label,
}: {
  items: readonly MediaCardData[];
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
  onLoadMore: () => void;
  label: string;
}) {
  const { ref, inView } = useInView<HTMLDivElement>({ rootMargin: '600px' });
  useEffect(() => {
    if (inView && hasMore && !loading && !error) onLoadMore();
  }, [inView, hasMore, loading, error, onLoadMore, items.length]);
  return (
    <section aria-label={label}>
      <ul className="grid" data-testid="media-grid">
        {items.map((media) => (
          <li key={media.id}>
            <MediaCard media={media} />
          </li>
        ))}
      </ul>
      <div ref={ref} className="grid__footer" aria-live="polite">
        {error ? <ErrorMessage error={error} onRetry={onLoadMore} title="Could not load more" /> : null}
        {loading ? <Spinner label="Loading more" /> : null}
        {!hasMore && !loading && items.length > 0 ? <span className="muted">{plural(items.length, 'item')} — that is everything</span> : null}
        {hasMore && !loading && !error ? (
          <button type="button" className="button button--ghost" onClick={onLoadMore}>
            Load more
          </button>
        ) : null}
      </div>
    </section>
  );
}
