/** The tag tree: browse (a tag opens its search), create, rename and move tags; subtrees follow. */
import { useState, type FormEvent } from 'react';
import { CREATE_TAG, MOVE_TAG, RENAME_TAG, TAG_TREE, type TagTreeNode } from '../api/documents';
import { useApi } from '../app/context';
import { Link } from '../app/router';
import { ErrorMessage, LoadingState } from '../components/feedback';
import { TagTreeList } from '../components/TagTreeList';
import { useQuery } from '../hooks/useQuery';
import { plural } from '../lib/format';
import { flattenTree, moveTargets } from '../lib/tag-tree';

type Editing = { id: string; mode: 'rename' | 'move'; value: string } | null;

export function TagsPage() {
  const api = useApi();
  const tree = useQuery(TAG_TREE, {});
  const roots: TagTreeNode[] = tree.data?.tagTree ?? [];
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newName, setNewName] = useState('');
  const [newParent, setNewParent] = useState('');

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      setEditing(null);
      await tree.refetch();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const { id, mode, value } = editing;
    if (mode === 'rename') {
      void act(async () => `Renamed to ${(await api.request(RENAME_TAG, { id, name: value.trim() })).renameTag.path}.`);
    } else {
      void act(async () => `Moved to ${(await api.request(MOVE_TAG, { id, parentId: value === '' ? null : value })).moveTag.path}.`);
    }
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const created = (await api.request(CREATE_TAG, { input: { name: newName.trim(), ...(newParent ? { parentId: newParent } : {}) } })).createTag;
      setNewName('');
      return `Created ${created.path}.`;
    });
  };

  return (
    <div className="page">
      <div className="page__head">
        <h1>Tags</h1>
        <p className="muted">{plural(flattenTree(roots).length, 'tag')}</p>
      </div>
      <div aria-live="polite">
        {notice ? (
          <p className="alert alert--success" role="status">
            {notice}
          </p>
        ) : null}
        {error ? <ErrorMessage error={error} title="Not changed" /> : null}
      </div>
      <form className="panel inline-form" onSubmit={create} aria-label="Create a tag">
        <label className="field field--grow">
          <span>New tag</span>
          <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="e.g. Holidays" maxLength={100} />
        </label>
        <label className="field">
          <span>Under</span>
          <select value={newParent} onChange={(e) => setNewParent(e.target.value)}>
            <option value="">(top level)</option>
            {flattenTree(roots).map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.path}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={busy || newName.trim() === ''}>
          Create
        </button>
      </form>
      {tree.loading && !tree.data ? <LoadingState label="Loading tags…" /> : null}
      {tree.error ? <ErrorMessage error={tree.error} onRetry={() => void tree.refetch()} title="Could not load tags" /> : null}
      <section className="panel" aria-label="Tag tree" data-testid="tag-tree">
        <TagTreeList
          roots={roots}
          label="Tag tree"
          renderRow={({ node, totalCount }) =>
            editing?.id === node.id ? (
              <form className="inline-form" onSubmit={save} aria-label={`${editing.mode === 'rename' ? 'Rename' : 'Move'} ${node.path}`}>
                {editing.mode === 'rename' ? (
                  <label className="field field--grow">
                    <span className="visually-hidden">New name for {node.name}</span>
                    <input autoFocus value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.target.value })} maxLength={100} />
                  </label>
                ) : (
                  <label className="field field--grow">
                    <span className="visually-hidden">New parent of {node.name}</span>
                    <select autoFocus value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.target.value })} data-testid="move-target">
                      <option value="" disabled={node.parentId === null}>
                        (top level)
                      </option>
                      {moveTargets(roots, node.id)
                        .filter((target) => target.id !== null)
                        .map((target) => (
                          <option key={target.id} value={target.id!}>
                            {target.path}
                          </option>
                        ))}
                    </select>
                  </label>
                )}
                <button type="submit" className="button button--small button--primary" disabled={busy || (editing.mode === 'rename' && editing.value.trim() === '')}>
                  {editing.mode === 'rename' ? 'Rename' : 'Move'}
                </button>
                <button type="button" className="button button--small button--ghost" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <div className="tag-row">
                <Link to={`/search?anyOf=${encodeURIComponent(node.id)}`} className="tag-row__name" title={`Search ${node.path}`}>
                  {node.name}
                </Link>
                <span className="muted small">{plural(totalCount, 'item')}</span>
                <span className="tag-row__actions">
                  <button type="button" className="button button--small button--ghost" aria-label={`Rename ${node.path}`} onClick={() => setEditing({ id: node.id, mode: 'rename', value: node.name })}>
                    Rename
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    aria-label={`Move ${node.path}`}
                    onClick={() => setEditing({ id: node.id, mode: 'move', value: moveTargets(roots, node.id).find((t) => t.id !== null)?.id ?? '' })}
                  >
                    Move
                  </button>
                </span>
              </div>
            )
          }
        />
      </section>
    </div>
  );
}
