/**
 * Search by tags: pick tags from the hierarchy (a tag also finds everything tagged below it), match
 * all of them (AND) or any (OR), optionally narrowed to one person. The choice lives in the URL.
 */
import { useCallback, useMemo } from 'react';
import { PEOPLE, SEARCH_MEDIA, TAG_TREE } from '../api/documents';
import { useApi } from '../app/context';
import { setSearch, useLocation } from '../app/router';
import { EmptyState, ErrorMessage, LoadingState } from '../components/feedback';
import { MediaGrid } from '../components/MediaGrid';
import { TagTreeList } from '../components/TagTreeList';
import { usePagedMedia } from '../hooks/usePagedMedia';
import { useQuery } from '../hooks/useQuery';
import { plural } from '../lib/format';
import { findNode } from '../lib/tag-tree';

const split = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function SearchPage() {
  const api = useApi();
  const { search } = useLocation();
  const mode: 'all' | 'any' = search.get('allOf') ? 'all' : 'any';
  const selected = split(search.get('allOf') ?? search.get('anyOf'));
  const personId = search.get('person') ?? '';
  const tree = useQuery(TAG_TREE, {});
  const people = useQuery(PEOPLE, { limit: 100 });
  const roots = tree.data?.tagTree ?? [];

  const update = (ids: string[], nextMode: 'all' | 'any', person: string) =>
    setSearch('/search', { [nextMode === 'all' ? 'allOf' : 'anyOf']: ids.join(','), person: person || null });
  const toggle = (id: string) => update(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id], mode, personId);

  const active = selected.length > 0 || personId !== '';
  const key = `${mode}:${selected.join(',')}:${personId}`;
  const fetchPage = useCallback(
    async (nextToken: string | null) =>
      (
        await api.request(SEARCH_MEDIA, {
          ...(selected.length > 0 ? { tags: mode === 'all' ? { allOf: selected } : { anyOf: selected } } : {}),
          ...(personId ? { personId } : {}),
          limit: 24,
          nextToken,
        })
      ).searchMedia,
    [api, key],
  );
  const results = usePagedMedia(fetchPage, key, { enabled: active });
  const names = useMemo(() => selected.map((id) => findNode(roots, id)?.path ?? '…'), [selected, roots]);

  return (
    <div className="page search">
      <div className="page__head">
        <h1>Search</h1>
      </div>
      <div className="search__layout">
        <aside className="panel search__tags" aria-label="Search terms">
          <fieldset className="field">
            <legend>Match</legend>
            <div className="segmented">
              <label className="segmented__option">
                <input type="radio" name="mode" checked={mode === 'any'} onChange={() => update(selected, 'any', personId)} />
                <span>Any tag (OR)</span>
              </label>
              <label className="segmented__option">
                <input type="radio" name="mode" checked={mode === 'all'} onChange={() => update(selected, 'all', personId)} />
                <span>All tags (AND)</span>
              </label>
            </div>
          </fieldset>
          <label className="field">
            <span>Person</span>
            <select value={personId} onChange={(e) => update(selected, mode, e.target.value)}>
              <option value="">Anyone</option>
              {(people.data?.people.items ?? []).map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name ?? `Unnamed (${plural(person.mediaCount, 'item')})`}
                </option>
              ))}
            </select>
          </label>
          {tree.error ? <ErrorMessage error={tree.error} onRetry={() => void tree.refetch()} /> : null}
          {tree.loading && !tree.data ? <LoadingState label="Loading tags…" /> : null}
          <TagTreeList
            roots={roots}
            label="Tags to search by"
            renderRow={({ node, totalCount }) => (
              <label className="check">
                <input type="checkbox" checked={selected.includes(node.id)} onChange={() => toggle(node.id)} data-testid={`search-tag-${node.path}`} />
                <span>{node.name}</span>
                <span className="muted small">{totalCount}</span>
              </label>
            )}
          />
        </aside>
        <section className="search__results" aria-label="Results" aria-live="polite">
          {!active ? (
            <EmptyState title="Pick tags to search by">A parent tag finds everything below it: choose “Animal” to find cats, dogs and horses.</EmptyState>
          ) : (
            <>
              <p className="muted" data-testid="search-summary">
                {names.length > 0 ? `${mode === 'all' ? 'All of' : 'Any of'}: ${names.join(mode === 'all' ? ' AND ' : ' OR ')}` : 'Everything'}
                {personId ? ' · one person' : ''}
                {results.loaded ? ` — ${plural(results.items.length, 'result')}${results.hasMore ? '+' : ''}` : ''}
              </p>
              {!results.loaded && results.loading ? <LoadingState label="Searching…" /> : null}
              {results.error && !results.loaded ? <ErrorMessage error={results.error} onRetry={results.reload} title="Search failed" /> : null}
              {results.loaded && results.items.length === 0 ? <EmptyState title="Nothing found">No media carries these tags{personId ? ' with this person' : ''}.</EmptyState> : null}
              {results.items.length > 0 ? <MediaGrid items={results.items} hasMore={results.hasMore} loading={results.loading} error={results.loaded ? results.error : null} onLoadMore={results.loadMore} label="Search results" /> : null}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
