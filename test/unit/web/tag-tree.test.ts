import { describe, expect, it } from 'vitest';
import { filterTree, flattenTree, moveTargets, type TagNode } from '../../../web/src/lib/tag-tree';

const node = (id: string, path: string, parentId: string | null, mediaCount: number, children: TagNode[] = []): TagNode => ({ id, name: path.split('/').pop()!, path, parentId, mediaCount, children });

const tree = [
  node('animal', 'Animal', null, 0, [node('mammal', 'Animal/Mammal', 'animal', 1, [node('horse', 'Animal/Mammal/Horse', 'mammal', 2), node('cat', 'Animal/Mammal/Cat', 'mammal', 3)])]),
  node('trips', 'Trips', null, 1),
];

describe('Function: flattenTree', () => {
  it('lists depth first with children by name, and totals media over each subtree', () => {
    const flat = flattenTree(tree);
    expect(flat.map((f) => [f.node.path, f.depth, f.totalCount])).toEqual([
      ['Animal', 0, 6],
      ['Animal/Mammal', 1, 6],
      ['Animal/Mammal/Cat', 2, 3],
      ['Animal/Mammal/Horse', 2, 2],
      ['Trips', 0, 1],
    ]);
  });
});

describe('Function: moveTargets', () => {
  it('never offers the tag itself, its descendants or its current parent', () => {
    expect(moveTargets(tree, 'mammal').map((t) => t.path)).toEqual(['(top level)', 'Trips']);
    expect(moveTargets(tree, 'trips').map((t) => t.path)).toEqual(['Animal', 'Animal/Mammal', 'Animal/Mammal/Cat', 'Animal/Mammal/Horse']);
  });
});

describe('Function: filterTree', () => {
  it('keeps matches and their ancestors', () => {
    expect(filterTree(tree, 'hor').map((f) => f.node.path)).toEqual(['Animal', 'Animal/Mammal', 'Animal/Mammal/Horse']);
    expect(filterTree(tree, '  ')).toHaveLength(5);
  });
});
