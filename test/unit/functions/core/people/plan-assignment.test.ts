import { describe, expect, it } from 'vitest';
import { FACES_PER_CHANGE, planAssignment } from '../../../../../functions/core/people/plan-assignment';
import type { StoredFace, StoredPerson } from '../../../../../functions/ports/people-repository';
import { box, identity } from './vectors';

const person: StoredPerson = {
  id: 'p',
  owner: 'alice',
  name: null,
  faceCount: 150,
  mediaCount: 3,
  sample: { id: 'elsewhere', mediaId: 'other', box: box(0.3), confidence: 0.99, at: null, personId: 'p' },
  embeddingMean: identity(0),
  revision: 7,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

const oldFace = (index: number): StoredFace => ({
  id: `old${index}`,
  mediaId: 'video',
  owner: 'alice',
  version: 1,
  box: box(),
  confidence: 0.9,
  at: index,
  embedding: identity(0),
  externalFaceId: null,
  personId: 'p',
  createdAt: '2024-01-01T00:00:00.000Z',
});

describe('planAssignment', () => {
  it("splits a person's change into transactions of at most 99 faces, chained by revision, each consistent", () => {
    // Prepare: 120 old keyframe faces of p in this video are replaced by 100 new ones.
    let next = 0;
    const faces = Array.from({ length: 100 }, (_, at) => ({ box: box(), confidence: 0.9, at, embedding: identity(0) }));
    // Act
    const plan = planAssignment(
      { owner: 'alice', mediaId: 'video', version: 1, faces },
      {
        existing: Array.from({ length: 120 }, (_, index) => oldFace(index)),
        shownVersion: 1,
        groups: [faces.map((_, index) => index)],
        decisions: [{ kind: 'join', personId: 'p', similarity: 0.99 }],
        people: new Map([['p', person]]),
        replacementSamples: new Map(),
        now: '2025-01-01T00:00:00.000Z',
        newPersonId: () => 'new-person',
        newFaceId: () => `f${(next += 1)}`,
      },
    );
    // Assess
    expect(plan.changes.map((change) => change.putFaces.length + change.deleteFaces.length)).toEqual([FACES_PER_CHANGE, FACES_PER_CHANGE, 22]);
    expect(plan.changes.map((change) => change.expectedRevision)).toEqual([7, 8, 9]);
    // After the first chunk 99 of the 120 old faces are out: the video still counts once.
    expect(plan.changes.map((change) => [change.person.faceCount, change.person.mediaCount])).toEqual([
      [51, 3],
      [150 - 120 + 78, 3],
      [130, 3],
    ]);
    expect(plan.changes.at(-1)!.person.sample).toMatchObject({ id: 'elsewhere' });
    expect(plan.created).toEqual([]);
    expect(plan.mediaPersonIds).toEqual(['p']);
  });
});
