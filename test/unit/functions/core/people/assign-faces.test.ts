import { describe, expect, it } from 'vitest';
import { assignFaces, FaceAssignmentError } from '../../../../../functions/core/people/assign-faces';
import { cosineSimilarity, normalise } from '../../../../../functions/core/people/embeddings';
import type { NewFace } from '../../../../../functions/core/people/face-matcher';
import { createInMemoryPeople } from './in-memory-people-repository';
import { between, box, identity, near } from './vectors';

const counter = () => {
  let next = 0;
  return () => `id${String((next += 1)).padStart(3, '0')}`;
};
const options = () => ({ newId: counter(), now: () => new Date('2025-01-01T00:00:00Z') });
const ann = (seed: number, extra = {}) => ({ box: box(), confidence: 0.9, embedding: near(identity(0), 0.15, seed), ...extra });
const bob = (seed: number, extra = {}) => ({ box: box(), confidence: 0.9, embedding: near(identity(1), 0.15, seed), ...extra });

describe('assignFaces', () => {
  it('starts a person per new face, then joins later faces of the same person across media', async () => {
    // Prepare
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    repository.addMedia('m2');
    const ids = options();
    // Act
    const first = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [ann(1), bob(2)] }, repository, ids);
    const second = await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [ann(3)] }, repository, ids);
    // Assess
    expect(first.created).toHaveLength(2);
    expect(second.created).toEqual([]);
    const annId = first.personIds[0]!;
    expect(second.personIds).toEqual([annId]);
    expect(repository.people.get(annId)).toMatchObject({ faceCount: 2, mediaCount: 2 });
    expect([...repository.media.get('m2')!.personIds]).toEqual([annId]);
    expect([...repository.media.get('m1')!.personIds].sort()).toEqual([...first.personIds].sort());
    const faces = [...repository.faces.values()].filter((face) => face.personId === annId);
    expect(faces.map((face) => face.mediaId).sort()).toEqual(['m1', 'm2']);
  });

  it('keeps the centroid as the running mean of the faces (compared normalised)', async () => {
    const repository = createInMemoryPeople();
    const embeddings = [near(identity(0), 0.2, 11), near(identity(0), 0.2, 12), near(identity(0), 0.2, 13)];
    const ids = options();
    for (const [index, embedding] of embeddings.entries()) {
      repository.addMedia(`m${index}`);
      await assignFaces({ owner: 'alice', mediaId: `m${index}`, version: 1, faces: [{ box: box(), confidence: 0.9, embedding }] }, repository, ids);
    }
    const [person] = [...repository.people.values()];
    const expected = embeddings[0]!.map((_, i) => (embeddings[0]![i]! + embeddings[1]![i]! + embeddings[2]![i]!) / 3);
    expect(repository.people.size).toBe(1);
    person!.embeddingMean!.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 10));
    expect(cosineSimilarity(normalise(person!.embeddingMean!), identity(0))).toBeGreaterThan(0.95);
  });

  it('starts a new person for a face between two people instead of joining either', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    repository.addMedia('m2');
    const ids = options();
    await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [{ box: box(), confidence: 0.9, embedding: identity(0) }, { box: box(), confidence: 0.9, embedding: identity(1) }] }, repository, ids);
    // cos 0.707 to both: above the threshold, but no margin between them.
    const result = await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [{ box: box(), confidence: 0.9, embedding: between(identity(0), identity(1)) }] }, repository, ids);
    expect(result.created).toHaveLength(1);
    expect(repository.people.size).toBe(3);
  });

  it('joins the closer of two people that are one person found twice, instead of starting a third', async () => {
    // Prepare: the user split Ann's faces earlier, so she exists as two people with alike centroids.
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    const person = (id: string, seed: number) => ({
      id, owner: 'alice', name: null, faceCount: 1, mediaCount: 1, sample: null, embeddingMean: near(identity(0), 0.1, seed), revision: 1, createdAt: '', updatedAt: '',
    });
    repository.people.set('ann', person('ann', 1));
    repository.people.set('ann-again', person('ann-again', 2));
    // Act
    const result = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [ann(3)] }, repository, options());
    // Assess
    expect(result.created).toEqual([]);
    expect(['ann', 'ann-again']).toContain(result.personIds[0]);
  });

  it('is idempotent per media version: a re-run replaces the faces instead of counting them twice', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    repository.addMedia('m2');
    const ids = options();
    await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [ann(5)] }, repository, ids);
    const request = { owner: 'alice', mediaId: 'm1', version: 1, faces: [ann(1), bob(2)] };
    const first = await assignFaces(request, repository, ids);
    const before = structuredClone([...repository.people.values()]);
    // Act
    const again = await assignFaces(request, repository, ids);
    // Assess
    expect(again.created).toEqual([]);
    expect(again.personIds).toEqual(first.personIds);
    expect(repository.faces.size).toBe(3);
    const after = [...repository.people.values()];
    expect(after.map(({ faceCount, mediaCount, id }) => ({ id, faceCount, mediaCount }))).toEqual(
      before.map(({ faceCount, mediaCount, id }) => ({ id, faceCount, mediaCount })),
    );
    for (const person of after) {
      const earlier = before.find((p) => p.id === person.id)!;
      person.embeddingMean!.forEach((value, i) => expect(value).toBeCloseTo(earlier.embeddingMean![i]!, 10));
    }
  });

  it('takes a face that is gone from a re-run out of its person; an unnamed person left with no face is deleted, a named one kept', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    const ids = options();
    const first = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [ann(1), bob(2)] }, repository, ids);
    repository.people.get(first.personIds[0]!)!.name = 'Ann';
    // Act: version 2 of the photo has nobody in it.
    repository.media.get('m1')!.version = 2;
    const result = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 2, faces: [] }, repository, ids);
    // Assess
    expect(result.faceIds).toEqual([]);
    expect(repository.faces.size).toBe(0);
    expect(repository.people.get(first.personIds[1]!)).toBeUndefined();
    expect(repository.people.get(first.personIds[0]!)).toMatchObject({ name: 'Ann', faceCount: 0, mediaCount: 0, sample: null, embeddingMean: null });
    expect(repository.media.get('m1')!.personIds.size).toBe(0);
  });

  it('clusters a video among itself: one person seen in several keyframes is one person in one media item', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('video');
    const result = await assignFaces(
      { owner: 'alice', mediaId: 'video', version: 1, faces: [ann(1, { at: 0 }), ann(2, { at: 1.5 }), bob(3, { at: 1.5 }), ann(4, { at: 3 })] },
      repository,
      options(),
    );
    expect(result.created).toHaveLength(2);
    const annId = result.personIds[0]!;
    expect(result.personIds).toEqual([annId, annId, result.personIds[2], annId]);
    expect(repository.people.get(annId)).toMatchObject({ faceCount: 3, mediaCount: 1 });
    expect([...repository.faces.values()].find((face) => face.at === 3)).toMatchObject({ personId: annId, at: 3 });
  });

  it('ignores a run for an older version than the one shown, and one overtaken by a later version', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('shows-2', 'alice', 2);
    repository.addMedia('shows-1', 'alice', 1);
    const ids = options();
    const late = await assignFaces({ owner: 'alice', mediaId: 'shows-2', version: 1, faces: [ann(1)] }, repository, ids);
    expect(late).toMatchObject({ stale: true, faceIds: [] });
    // Versions 2 and 3 are being processed while version 1 is still shown; 3 finished first.
    await assignFaces({ owner: 'alice', mediaId: 'shows-1', version: 3, faces: [ann(2)] }, repository, ids);
    const overtaken = await assignFaces({ owner: 'alice', mediaId: 'shows-1', version: 2, faces: [bob(3)] }, repository, ids);
    expect(overtaken.stale).toBe(true);
    expect([...repository.faces.values()].map((face) => face.version)).toEqual([3]);
    expect(repository.people.size).toBe(1);
  });

  it('lets a restored earlier version replace the faces of the later one', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('m1', 'alice', 2);
    const ids = options();
    await assignFaces({ owner: 'alice', mediaId: 'm1', version: 2, faces: [ann(1)] }, repository, ids);
    repository.media.get('m1')!.version = 1;
    const restored = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [bob(2)] }, repository, ids);
    expect(restored.stale).toBe(false);
    expect([...repository.faces.values()].map((face) => face.version)).toEqual([1]);
    expect([...repository.people.values()].map((person) => person.faceCount)).toEqual([1]);
  });

  it('shows the most confident, largest face as the sample, and falls back to another media item when the sample goes', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('small');
    repository.addMedia('large');
    const ids = options();
    const small = await assignFaces({ owner: 'alice', mediaId: 'small', version: 1, faces: [ann(1, { box: box(0.1) })] }, repository, ids);
    const large = await assignFaces({ owner: 'alice', mediaId: 'large', version: 1, faces: [ann(2, { box: box(0.4) })] }, repository, ids);
    const personId = small.personIds[0]!;
    expect(repository.people.get(personId)!.sample).toMatchObject({ id: large.faceIds[0], mediaId: 'large', personId });
    repository.media.get('large')!.version = 2;
    await assignFaces({ owner: 'alice', mediaId: 'large', version: 2, faces: [] }, repository, ids);
    expect(repository.people.get(personId)).toMatchObject({ faceCount: 1, mediaCount: 1, sample: { id: small.faceIds[0], mediaId: 'small' } });
  });

  it('retries when a person changed between read and write', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    repository.failNextChanges(2);
    const result = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [ann(1)] }, repository, options());
    expect(result.created).toHaveLength(1);
    expect(repository.people.size).toBe(1);
  });

  it("refuses another owner's media and malformed faces", async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('m1', 'bob');
    await expect(assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [] }, repository)).rejects.toThrow(FaceAssignmentError);
    await expect(
      assignFaces({ owner: 'bob', mediaId: 'm1', version: 1, faces: [{ box: box(), confidence: 7, embedding: null }] }, repository),
    ).rejects.toThrow(/fractions between 0 and 1/);
  });

  it('stores faces without an embedding unmatched (no person) so they still show on the media item', async () => {
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    const result = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [{ box: box(), confidence: 0.9, embedding: null }] }, repository, options());
    expect(result.personIds).toEqual([null]);
    expect([...repository.faces.values()][0]).toMatchObject({ personId: null, mediaId: 'm1' });
    expect(repository.people.size).toBe(0);
  });

  it('plugs in a collection matcher (the AWS strategy): search by FaceId, person found through the matched face item', async () => {
    // Prepare: a stand-in for a Rekognition collection. IndexFaces gave each face a FaceId, stored
    // with ExternalImageId = media id; SearchFaces answers the faces it holds that look alike.
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    repository.addMedia('m2');
    const collection = new Map<string, { externalImageId: string; who: string }>();
    const matcher = {
      group: (faces: readonly NewFace[]) => faces.map((_, index) => [index]),
      async rank(faces: readonly NewFace[]) {
        const self = collection.get(faces[0]!.externalFaceId!)!;
        const matches = [...collection.entries()].filter(([faceId, face]) => faceId !== faces[0]!.externalFaceId && face.who === self.who);
        const stored = await repository.getFaces(matches.map(([faceId, face]) => ({ mediaId: face.externalImageId, id: faceId })));
        return stored.flatMap((face) => (face.personId ? [{ personId: face.personId, similarity: 0.97 }] : []));
      },
    };
    const indexFace = (faceId: string, mediaId: string): NewFace => {
      collection.set(faceId, { externalImageId: mediaId, who: 'ann' });
      return { box: box(), confidence: 0.99, embedding: null, externalFaceId: faceId };
    };
    const aws = { matcher, policy: { threshold: 0.9, margin: 0.02 } };
    // Act
    const first = await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [indexFace('rk-1', 'm1')] }, repository, aws);
    const second = await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [indexFace('rk-2', 'm2')] }, repository, aws);
    const rerun = await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [indexFace('rk-3', 'm2')] }, repository, aws);
    // Assess
    const personId = first.personIds[0]!;
    expect(first).toMatchObject({ faceIds: ['rk-1'], created: [personId] });
    expect(second).toMatchObject({ faceIds: ['rk-2'], personIds: [personId], created: [], removedExternalFaceIds: [] });
    expect(rerun).toMatchObject({ faceIds: ['rk-3'], personIds: [personId], created: [], removedExternalFaceIds: ['rk-2'] });
    expect(repository.people.get(personId)).toMatchObject({ faceCount: 2, mediaCount: 2, embeddingMean: null });
  });
});
