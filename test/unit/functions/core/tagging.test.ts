import { describe, expect, it } from 'vitest';
import { defaultTaggingOptions, pathKey, tagCandidates, tagName, type TaggingOptions } from '../../../../functions/core/tagging';

const paths = (candidates: { path: string[] }[]) => candidates.map((c) => c.path.join('/'));

describe('Function: tagCandidates', () => {
  it('files a label under its parents, root first', () => {
    // Act
    const candidates = tagCandidates({ labels: [{ name: 'Dog', confidence: 0.93, parents: ['Mammal', 'Animal'] }] });

    // Assess
    expect(candidates).toEqual([{ path: ['Animal', 'Mammal', 'Dog'], confidence: 0.93, source: 'AUTO', kind: 'labels' }]);
  });

  it('leaves out findings below their thresholds', () => {
    // Act
    const candidates = tagCandidates({
      labels: [
        { name: 'Dog', confidence: 0.59, parents: ['Mammal', 'Animal'] },
        { name: 'Car', confidence: 0.6, parents: ['Vehicle', 'Transportation'] },
      ],
      faces: [{ confidence: 0.5 }],
      textLines: [{ text: 'EXIT', confidence: 0.79 }],
      textAnalysis: { keyPhrases: [{ text: 'harbour seals', confidence: 0.7 }], entities: [{ text: 'Oslo', type: 'LOCATION', confidence: 0.5 }] },
    });

    // Assess
    expect(paths(candidates)).toEqual(['Transportation/Vehicle/Car']);
  });

  it('maps faces, text, moderation, key phrases and entities to their roots', () => {
    // Act
    const candidates = tagCandidates({
      faces: [{ confidence: 0.85 }, { confidence: 0.99 }],
      textLines: [{ text: 'OPEN', confidence: 0.95 }],
      moderation: [
        { name: 'Nudity', parent: 'Explicit Nudity', confidence: 0.9 },
        { name: 'Suggestive', parent: null, confidence: 0.7 },
      ],
      textAnalysis: {
        keyPhrases: [{ text: 'the harbour seals', confidence: 0.9 }],
        entities: [
          { text: 'Ada Lovelace', type: 'PERSON', confidence: 0.95 },
          { text: 'Oslo', type: 'LOCATION', confidence: 0.9 },
          { text: 'Acme Corp', type: 'ORGANIZATION', confidence: 0.9 },
          { text: 'May 3', type: 'DATE', confidence: 0.9 },
          { text: 'three', type: 'QUANTITY', confidence: 0.99 },
        ],
      },
    });

    // Assess
    expect(paths(candidates).sort()).toEqual(
      [
        'Dates/May 3',
        'Keywords/harbour seals',
        'Moderation/Explicit Nudity/Nudity',
        'Moderation/Suggestive',
        'Organizations/Acme Corp',
        'People/Ada Lovelace',
        'Places/Oslo',
        'Text',
      ].sort(),
    );
    // `People` from the faces is implied by `People/Ada Lovelace`, so it is left out.
    expect(candidates.find((c) => c.path.join('/') === 'Text')).toMatchObject({ confidence: 0.95, kind: 'text' });
    expect(candidates.find((c) => c.path[0] === 'Keywords')?.kind).toBe('text-analysis');
  });

  it('tags faces as People with the most confident face', () => {
    // Act
    const candidates = tagCandidates({ faces: [{ confidence: 0.85 }, { confidence: 0.99 }] });

    // Assess
    expect(candidates).toEqual([{ path: ['People'], confidence: 0.99, source: 'AUTO', kind: 'faces' }]);
  });

  it('keeps one tag per path whatever its case, at the highest confidence', () => {
    // Act
    const candidates = tagCandidates({
      textAnalysis: {
        keyPhrases: [
          { text: 'Solar Power', confidence: 0.85 },
          { text: 'solar power', confidence: 0.95 },
        ],
        entities: [],
      },
    });

    // Assess
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ path: ['Keywords', 'solar power'], confidence: 0.95 });
  });

  it('leaves out a tag that a more specific one implies', () => {
    // Act
    const candidates = tagCandidates({
      labels: [
        { name: 'Animal', confidence: 0.99, parents: [] },
        { name: 'Dog', confidence: 0.9, parents: ['Mammal', 'Animal'] },
        { name: 'Person', confidence: 0.8, parents: [] },
      ],
    });

    // Assess
    expect(paths(candidates)).toEqual(['Animal/Mammal/Dog', 'Person']);
  });

  it('bounds the count, keeping the most confident', () => {
    // Prepare
    const options: TaggingOptions = { ...defaultTaggingOptions, maxTags: 2 };
    const labels = ['Cat', 'Dog', 'Horse', 'Cow'].map((name, index) => ({ name, confidence: 0.7 + index * 0.05, parents: ['Mammal', 'Animal'] }));

    // Act
    const candidates = tagCandidates({ labels }, options);

    // Assess
    expect(paths(candidates)).toEqual(['Animal/Mammal/Cow', 'Animal/Mammal/Horse']);
  });

  it('bounds key phrases and entities separately so a long transcript does not crowd out labels', () => {
    // Prepare
    const keyPhrases = Array.from({ length: 30 }, (_, i) => ({ text: `phrase ${i}`, confidence: 0.9 + i / 1000 }));

    // Act
    const candidates = tagCandidates({ labels: [{ name: 'Dog', confidence: 0.61, parents: [] }], textAnalysis: { keyPhrases, entities: [] } });

    // Assess
    expect(candidates.filter((c) => c.path[0] === 'Keywords')).toHaveLength(defaultTaggingOptions.maxKeyPhrases);
    expect(paths(candidates)).toContain('Dog');
  });

  it('honours configured thresholds', () => {
    // Prepare
    const options: TaggingOptions = { ...defaultTaggingOptions, thresholds: { ...defaultTaggingOptions.thresholds, labels: 0.4 } };

    // Act
    const candidates = tagCandidates({ labels: [{ name: 'Cup', confidence: 0.45, parents: ['Tableware'] }] }, options);

    // Assess
    expect(paths(candidates)).toEqual(['Tableware/Cup']);
  });
});

describe('Function: tagName', () => {
  it('makes a finding a name the API accepts', () => {
    expect(tagName('  AC/DC \n live ')).toBe('AC-DC live');
    expect(tagName('\u0007')).toBeNull();
    expect(tagName('x'.repeat(80))).toHaveLength(64);
  });

  it('never cuts a character in two at the length limit', () => {
    // Prepare: 63 letters then an emoji (two UTF-16 units) would end at 65.
    const name = tagName(`${'a'.repeat(63)}🦩`);

    // Assess
    expect(name).toBe('a'.repeat(63));
  });
});

describe('Function: pathKey', () => {
  it('compares paths case-insensitively', () => {
    expect(pathKey(['Animal', 'Dog'])).toBe(pathKey(['animal', 'DOG']));
  });
});
