/**
 * The tag hierarchy as the dashboard shows it: a tree from `tagTree`, flattened in display order
 * with depths, filtered by name, and the moves that are allowed (never under itself or a
 * descendant — the API refuses those too). Pure.
 */

/** A tag node as the tree query returns it. */
export interface TagNode {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
  mediaCount: number;
  children: TagNode[];
}

export interface FlatTag {
  node: TagNode;
  depth: number;
  /** Media tagged with this tag or any descendant (an upper bound: an item may carry several). */
  totalCount: number;
}

/** Depth-first, children by name. */
export function flattenTree(roots: readonly TagNode[]): FlatTag[] {
  const out: FlatTag[] = [];
  const visit = (node: TagNode, depth: number): number => {
    const entry: FlatTag = { node, depth, totalCount: node.mediaCount };
    out.push(entry);
    for (const child of sortByName(node.children)) entry.totalCount += visit(child, depth + 1);
    return entry.totalCount;
  };
  for (const root of sortByName(roots)) visit(root, 0);
  return out;
}

export function sortByName(nodes: readonly TagNode[]): TagNode[] {
  return [...nodes].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** The ids of `id` and every tag below it. */
export function subtreeIds(roots: readonly TagNode[], id: string): Set<string> {
  const found = findNode(roots, id);
  const ids = new Set<string>();
  const collect = (node: TagNode) => {
    ids.add(node.id);
    node.children.forEach(collect);
  };
  if (found) collect(found);
  return ids;
}

export function findNode(roots: readonly TagNode[], id: string): TagNode | null {
  for (const root of roots) {
    if (root.id === id) return root;
    const inChild = findNode(root.children, id);
    if (inChild) return inChild;
  }
  return null;
}

/** Where `id` may move: the root (null) or any tag outside its own subtree, except its current parent. */
export function moveTargets(roots: readonly TagNode[], id: string): { id: string | null; path: string }[] {
  const node = findNode(roots, id);
  if (!node) return [];
  const blocked = subtreeIds(roots, id);
  const targets: { id: string | null; path: string }[] = node.parentId === null ? [] : [{ id: null, path: '(top level)' }];
  for (const { node: candidate } of flattenTree(roots)) {
    if (!blocked.has(candidate.id) && candidate.id !== node.parentId) targets.push({ id: candidate.id, path: candidate.path });
  }
  return targets;
}

/**
 * The tags whose path matches `query` (case-insensitive substring), with their ancestors kept so the
 * tree still reads; an empty query keeps everything.
 */
export function filterTree(roots: readonly TagNode[], query: string): FlatTag[] {
  const all = flattenTree(roots);
  const needle = query.trim().toLowerCase();
  if (needle === '') return all;
  const keep = new Set<string>();
  const byId = new Map(all.map((entry) => [entry.node.id, entry.node]));
  for (const { node } of all) {
    if (!node.name.toLowerCase().includes(needle)) continue;
    for (let current: TagNode | undefined = node; current; current = current.parentId ? byId.get(current.parentId) : undefined) keep.add(current.id);
  }
  return all.filter((entry) => keep.has(entry.node.id));
}
