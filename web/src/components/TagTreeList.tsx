/** The tag hierarchy as an indented list, filterable by name; rows are rendered by the caller. */
import { useState, type ReactNode } from 'react';
import type { TagTreeNode } from '../api/documents';
import { filterTree, type FlatTag } from '../lib/tag-tree';

export function TagTreeList({ roots, renderRow, label }: { roots: readonly TagTreeNode[]; renderRow: (entry: FlatTag) => ReactNode; label: string }) {
  const [query, setQuery] = useState('');
  const rows = filterTree(roots, query);
  return (
    <div className="tag-tree">
      <label className="field">
        <span className="visually-hidden">Filter tags</span>
        <input type="search" placeholder="Filter tags…" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {rows.length === 0 ? <p className="muted">{roots.length === 0 ? 'No tags yet: they appear as media is analysed.' : 'No tag matches.'}</p> : null}
      <ul className="tag-tree__list" aria-label={label}>
        {rows.map((entry) => (
          <li key={entry.node.id} className="tag-tree__row" style={{ paddingInlineStart: `${entry.depth * 1.25}rem` }} data-tag-path={entry.node.path}>
            {renderRow(entry)}
          </li>
        ))}
      </ul>
    </div>
  );
}
