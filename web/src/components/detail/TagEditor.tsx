/** The item's tags (automatic ones with their confidence) with remove buttons, and a field to add one by path. */
import { useMemo, useState, type FormEvent } from 'react';
import { ADD_TAGS, REMOVE_TAGS, TAG_TREE, type MediaTagView } from '../../api/documents';
import { ensureTagPath } from '../../api/tag-paths';
import { useApi } from '../../app/context';
import { Link } from '../../app/router';
import { useQuery } from '../../hooks/useQuery';
import { formatPercent } from '../../lib/format';
import { flattenTree } from '../../lib/tag-tree';
import { ErrorMessage } from '../feedback';
import { Icon } from '../Icon';

export function TagEditor({ mediaId, tags, onChanged }: { mediaId: string; tags: readonly MediaTagView[]; onChanged: (tags: MediaTagView[]) => void }) {
  const api = useApi();
  const tree = useQuery(TAG_TREE, {});
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const paths = useMemo(() => flattenTree(tree.data?.tagTree ?? []).map((entry) => entry.node.path), [tree.data]);
  const sorted = [...tags].sort((a, b) => (a.source === b.source ? b.confidence - a.confidence : a.source === 'USER' ? -1 : 1));

  const act = async (work: () => Promise<MediaTagView[]>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await work());
      await tree.refetch();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const path = value.trim();
    if (!path) return;
    void act(async () => {
      const tagId = await ensureTagPath(api, tree.data?.tagTree ?? [], path);
      const result = await api.request(ADD_TAGS, { mediaId, tagIds: [tagId] });
      setValue('');
      return result.addTags.tags;
    });
  };

  const remove = (tag: MediaTagView) => void act(async () => (await api.request(REMOVE_TAGS, { mediaId, tagIds: [tag.tag.id] })).removeTags.tags);

  return (
    <div className="tag-editor">
      {sorted.length > 0 ? (
        <ul className="chips" aria-label="Tags on this item" data-testid="media-tags">
          {sorted.map((t) => (
            <li key={`${t.tag.id}-${t.source}`} className={`chip chip--${t.source.toLowerCase()}`}>
              <Link to={`/search?anyOf=${encodeURIComponent(t.tag.id)}`} title={`Search ${t.tag.path}`}>
                {t.tag.path.replace(/\//g, ' › ')}
              </Link>
              <span className="chip__meta">{t.source === 'AUTO' ? formatPercent(t.confidence) : 'yours'}</span>
              <button type="button" className="chip__remove" aria-label={`Remove tag ${t.tag.path}`} disabled={busy} onClick={() => remove(t)}>
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tags yet.</p>
      )}
      <form className="inline-form" onSubmit={add}>
        <label className="field field--grow">
          <span className="visually-hidden">Add a tag</span>
          <input list="tag-paths" placeholder="Add a tag, e.g. Trips/Rome" value={value} onChange={(e) => setValue(e.target.value)} disabled={busy} />
          <datalist id="tag-paths">
            {paths.map((path) => (
              <option key={path} value={path} />
            ))}
          </datalist>
        </label>
        <button type="submit" className="button" disabled={busy || value.trim() === ''}>
          Add tag
        </button>
      </form>
      {error ? <ErrorMessage error={error} title="Tags not changed" /> : null}
    </div>
  );
}
