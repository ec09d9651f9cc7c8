import { describe, expect, it } from 'vitest';
import { COCO_CLASS_LABELS } from '../../../../../functions/core/taxonomy/coco-labels';
import { cocoClassLabel, isTaxonomyLabel, labelAncestors, taxonomyEdges, UnknownLabelError } from '../../../../../functions/core/taxonomy/label-taxonomy';
import { LABEL_PARENTS } from '../../../../../functions/core/taxonomy/label-tree';
import { MODERATION_PARENTS, moderationParent } from '../../../../../functions/core/taxonomy/moderation-taxonomy';

describe('Function: labelAncestors', () => {
  it('gives ancestors nearest first', () => {
    // Act
    const ancestors = labelAncestors('Dog');

    // Assess
    expect(ancestors).toEqual(['Mammal', 'Animal']);
  });

  it('gives no ancestors for a top-level label', () => {
    expect(labelAncestors('Person')).toEqual([]);
  });

  it('walks deeper chains', () => {
    expect(labelAncestors('Fork')).toEqual(['Cutlery', 'Tableware', 'Kitchenware']);
    expect(labelAncestors('Airplane')).toEqual(['Aircraft', 'Vehicle', 'Transportation']);
  });

  it('rejects a label the tree does not hold', () => {
    expect(() => labelAncestors('Unicorn')).toThrow(UnknownLabelError);
  });
});

describe('Function: cocoClassLabel', () => {
  it('maps every one of the 80 COCO classes to a label of the tree', () => {
    // Assess
    const classes = Object.keys(COCO_CLASS_LABELS);
    expect(classes).toHaveLength(80);
    for (const cocoClass of classes) {
      const label = cocoClassLabel(cocoClass);
      expect(label, cocoClass).not.toBeNull();
      expect(isTaxonomyLabel(label!.name), cocoClass).toBe(true);
    }
  });

  it('gives the Rekognition-like name and the parents of a class', () => {
    expect(cocoClassLabel('cell phone')).toEqual({ name: 'Mobile Phone', parents: ['Phone', 'Electronics'] });
    expect(cocoClassLabel('car')).toEqual({ name: 'Car', parents: ['Vehicle', 'Transportation'] });
    expect(cocoClassLabel('cup')).toEqual({ name: 'Cup', parents: ['Tableware', 'Kitchenware'] });
  });

  it('gives null for a name that is not a COCO class', () => {
    expect(cocoClassLabel('Dog')).toBeNull();
    expect(cocoClassLabel('toString')).toBeNull();
  });

  it('gives distinct labels to distinct classes', () => {
    const names = Object.values(COCO_CLASS_LABELS);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('Function: taxonomyEdges', () => {
  it('lists every label once, each parent being a label of the tree', () => {
    // Act
    const edges = taxonomyEdges();

    // Assess
    expect(edges).toHaveLength(Object.keys(LABEL_PARENTS).length);
    for (const edge of edges) {
      if (edge.parent !== null) expect(isTaxonomyLabel(edge.parent), `${edge.name} → ${edge.parent}`).toBe(true);
      expect(() => labelAncestors(edge.name)).not.toThrow();
    }
  });

  it('has no label whose ancestors include itself', () => {
    for (const { name } of taxonomyEdges()) expect(labelAncestors(name)).not.toContain(name);
  });
});

describe('Function: moderationParent', () => {
  it('gives the top-level category of a second-level label', () => {
    expect(moderationParent('Nudity')).toBe('Explicit Nudity');
    expect(moderationParent('Revealing Clothes')).toBe('Suggestive');
  });

  it('gives null for a top-level category or an unknown name', () => {
    expect(moderationParent('Suggestive')).toBeNull();
    expect(moderationParent('Gambling')).toBeNull();
  });

  it('has only top-level categories as parents', () => {
    for (const parent of Object.values(MODERATION_PARENTS)) {
      if (parent !== null) expect(MODERATION_PARENTS[parent]).toBeNull();
    }
  });
});
