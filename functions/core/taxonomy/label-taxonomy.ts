/**
 * Queries over the shipped label tree: a label's ancestors (what `DetectedLabel.parents` carries
 * locally), the label for a detector class, and the tree's edges for building the tag hierarchy.
 */
import { COCO_CLASS_LABELS, type CocoClass } from './coco-labels';
import { LABEL_PARENTS } from './label-tree';

/** A label the tree does not hold: a programming error in a table, not a user error. */
export class UnknownLabelError extends Error {
  readonly label: string;
  constructor(label: string) {
    super(`Label "${label}" is not in the shipped taxonomy (functions/core/taxonomy/label-tree.ts)`);
    this.name = 'UnknownLabelError';
    this.label = label;
  }
}

/** True when `name` is a label of the shipped tree. */
export function isTaxonomyLabel(name: string): boolean {
  return Object.hasOwn(LABEL_PARENTS, name);
}

/**
 * Ancestors of a label, nearest first, e.g. "Dog" → ["Mammal", "Animal"]; [] for a top-level label.
 * @throws UnknownLabelError when the label is not in the tree
 */
export function labelAncestors(name: string): string[] {
  if (!isTaxonomyLabel(name)) throw new UnknownLabelError(name);
  const ancestors: string[] = [];
  let parent = LABEL_PARENTS[name] ?? null;
  while (parent !== null) {
    if (ancestors.includes(parent)) throw new Error(`Cycle in the label tree at "${parent}"`);
    ancestors.push(parent);
    parent = LABEL_PARENTS[parent] ?? null;
  }
  return ancestors;
}

/** True when `name` is one of the 80 COCO class names the local detector emits. */
export function isCocoClass(name: string): name is CocoClass {
  return Object.hasOwn(COCO_CLASS_LABELS, name);
}

/**
 * The label and ancestors for a COCO class as the detector names it ("cell phone").
 * @returns null for a name that is not a COCO class
 */
export function cocoClassLabel(cocoClass: string): { name: string; parents: string[] } | null {
  if (!isCocoClass(cocoClass)) return null;
  const name = COCO_CLASS_LABELS[cocoClass];
  return { name, parents: labelAncestors(name) };
}

/** Every label with its parent (null at the top): the edges of the tree, to seed a tag hierarchy. */
export function taxonomyEdges(): { name: string; parent: string | null }[] {
  return Object.entries(LABEL_PARENTS).map(([name, parent]) => ({ name, parent }));
}
