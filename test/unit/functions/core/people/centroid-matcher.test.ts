import { describe, expect, it } from 'vitest';
import { centred, FACERES_CENTRE, groupByEmbedding, rankByCentroid } from '../../../../../functions/core/people/centroid-matcher';
import { cosineSimilarity, normalise } from '../../../../../functions/core/people/embeddings';
import type { StoredPerson } from '../../../../../functions/ports/people-repository';
import { box, identity, near } from './vectors';

const policy = { threshold: 0.6, margin: 0.05 };

describe('groupByEmbedding', () => {
  it("groups a video's keyframe faces of one person together and keeps other people apart", () => {
    // Prepare: Ann in keyframes at 0, 2 and 4 s; Bob at 2 s.
    const faces = [
      { box: box(), confidence: 0.9, at: 0, embedding: near(identity(0), 0.2, 1) },
      { box: box(), confidence: 0.95, at: 2, embedding: near(identity(0), 0.2, 2) },
      { box: box(), confidence: 0.8, at: 2, embedding: near(identity(1), 0.2, 3) },
      { box: box(), confidence: 0.85, at: 4, embedding: near(identity(0), 0.2, 4) },
    ];
    // Act
    const groups = groupByEmbedding(faces, policy);
    // Assess
    expect(groups).toEqual([[0, 1, 3], [2]]);
  });

  it('never groups two faces of one frame, however alike (twins in one photo are two people)', () => {
    const faces = [
      { box: box(), confidence: 0.9, embedding: near(identity(0), 0.05, 1) },
      { box: box(), confidence: 0.9, embedding: near(identity(0), 0.05, 2) },
    ];
    expect(groupByEmbedding(faces, policy)).toEqual([[0], [1]]);
  });

  it('leaves out faces without an embedding', () => {
    expect(groupByEmbedding([{ box: box(), confidence: 0.9, embedding: null }], policy)).toEqual([]);
  });
});

describe('rankByCentroid', () => {
  it('ranks people by the cosine of their mean to the faces, skipping means of another length', () => {
    const person = (id: string, mean: number[] | null): StoredPerson => ({
      id,
      owner: 'alice',
      name: null,
      faceCount: 1,
      mediaCount: 1,
      sample: null,
      embeddingMean: mean,
      revision: 1,
      createdAt: '',
      updatedAt: '',
    });
    const ranked = rankByCentroid(
      [{ box: box(), confidence: 0.9, embedding: identity(0) }],
      [person('far', identity(1)), person('near', near(identity(0), 0.1, 7)), person('other-model', [1, 0]), person('aws', null)],
    );
    expect(ranked.map((candidate) => candidate.personId)).toEqual(['near', 'far']);
    expect(ranked[0]!.similarity).toBeGreaterThan(0.9);
  });
});

describe('centred', () => {
  it('takes the model mean out of raw (all non-negative) descriptors, so strangers stop looking alike', () => {
    // Prepare: two "people" that differ only slightly around the model's mean descriptor.
    const a = FACERES_CENTRE.map((value, i) => value + (i % 2 === 0 ? 0.002 : 0));
    const b = FACERES_CENTRE.map((value, i) => value + (i % 2 === 1 ? 0.002 : 0));
    // Act
    const raw = cosineSimilarity(a, b)!;
    const compared = cosineSimilarity(centred(a, FACERES_CENTRE), centred(b, FACERES_CENTRE))!;
    // Assess
    expect(FACERES_CENTRE).toHaveLength(1024);
    expect(raw).toBeGreaterThan(0.9);
    expect(compared).toBeLessThan(0.1);
  });

  it('leaves vectors of another length, or already centred (with negative values), as they are apart from length', () => {
    expect(centred([3, 4], FACERES_CENTRE)).toEqual([0.6, 0.8]);
    const alreadyCentred = FACERES_CENTRE.map((_, i) => (i === 0 ? -0.5 : 0.01));
    expect(centred(alreadyCentred, FACERES_CENTRE)).toEqual(normalise(alreadyCentred));
  });
});
