import { describe, expect, it } from 'vitest';
import { assignFaces } from '../../../../../functions/core/people/assign-faces';
import { meanOf } from '../../../../../functions/core/people/embeddings';
import { handlePeopleRequest } from '../../../../../functions/core/people/handle-people-request';
import { PeopleRequestError, parsePeopleRequest } from '../../../../../functions/core/people/people-request';
import { splitPersonId } from '../../../../../functions/core/people/split-person';
import { createInMemoryPeople } from './in-memory-people-repository';
import { box, identity, near } from './vectors';

const now = () => new Date('2025-02-02T00:00:00Z');

/**
 * Alice's library: m1 shows A and B, m2 shows A seen so differently that it became A2, m3 shows B
 * again (matched to B); bob has a person of his own.
 */
async function library() {
  const repository = createInMemoryPeople();
  for (const id of ['m1', 'm2', 'm3']) repository.addMedia(id);
  repository.addMedia('bobs', 'bob');
  const face = (axis: number, seed: number, size = 0.2) => ({ box: box(size), confidence: 0.9, embedding: near(identity(axis), 0.1, seed) });
  const a = (await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [face(0, 1), face(1, 2)] }, repository)).personIds;
  // The same person seen differently (another axis) in m2: a separate cluster the user will merge.
  const a2 = (await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [face(2, 3, 0.5)] }, repository)).personIds;
  const b = (await assignFaces({ owner: 'alice', mediaId: 'm3', version: 1, faces: [face(1, 4)] }, repository)).personIds;
  const bobs = (await assignFaces({ owner: 'bob', mediaId: 'bobs', version: 1, faces: [face(3, 5)] }, repository)).personIds;
  expect(b[0]).toBe(a[1]);
  return { repository, a: a[0]!, b: a[1]!, a2: a2[0]!, bobs: bobs[0]! };
}

describe('mergePeople', () => {
  it("moves the others' faces into the person, recomputes it from all its faces and deletes the others", async () => {
    // Prepare
    const { repository, a, a2 } = await library();
    repository.people.get(a2)!.name = 'Ann';
    const allFaces = [...repository.faces.values()].filter((face) => face.personId === a || face.personId === a2);
    // Act
    const merged = await handlePeopleRequest(parsePeopleRequest({ action: 'merge', owner: 'alice', personId: a, otherIds: [a2] }), repository, now);
    // Assess
    expect(merged).toMatchObject({ id: a, owner: 'alice', name: 'Ann', faceCount: 2, mediaCount: 2, updatedAt: '2025-02-02T00:00:00.000Z' });
    // The larger face (from m2) is now the sample.
    expect(merged).toMatchObject({ sample: { mediaId: 'm2', personId: a } });
    expect(merged).not.toHaveProperty('embeddingMean');
    expect(repository.people.has(a2)).toBe(false);
    expect([...repository.faces.values()].filter((face) => face.personId === a)).toHaveLength(2);
    const mean = repository.people.get(a)!.embeddingMean!;
    meanOf(allFaces.map((face) => face.embedding!))!.forEach((value, i) => expect(mean[i]).toBeCloseTo(value, 10));
    expect([...repository.media.get('m2')!.personIds]).toEqual([a]);
  });

  it('counts a media item once when both people were in it', async () => {
    const { repository, a, b } = await library();
    const merged = await handlePeopleRequest({ action: 'merge', owner: 'alice', personId: a, otherIds: [b] }, repository, now);
    expect(merged).toMatchObject({ faceCount: 3, mediaCount: 2 });
    expect([...repository.media.get('m1')!.personIds]).toEqual([a]);
  });

  it("refuses another owner's person or an unknown one as NotFound, without changing anything", async () => {
    const { repository, a, bobs } = await library();
    const before = structuredClone([...repository.people.values()]);
    const refusal = handlePeopleRequest({ action: 'merge', owner: 'alice', personId: a, otherIds: [bobs, 'nobody'] }, repository, now);
    await expect(refusal).rejects.toThrow(new PeopleRequestError(`Person ${bobs}, nobody not found`, 'NotFound'));
    await expect(refusal).rejects.toMatchObject({ errorType: 'NotFound' });
    expect([...repository.people.values()]).toEqual(before);
  });
});

describe('splitPerson', () => {
  it('moves the faces to a new person, recomputes both and updates the media people', async () => {
    // Prepare: merge B into A first, so A has faces in m1 (two), m2 and m3.
    const { repository, a, a2, b } = await library();
    await handlePeopleRequest({ action: 'merge', owner: 'alice', personId: a, otherIds: [a2, b] }, repository, now);
    const m3Face = [...repository.faces.values()].find((face) => face.mediaId === 'm3')!;
    // Act
    const created = await handlePeopleRequest({ action: 'split', owner: 'alice', personId: a, faceIds: [m3Face.id] }, repository, now);
    // Assess
    expect(created).toMatchObject({ id: splitPersonId('alice', a, [m3Face.id]), name: null, faceCount: 1, mediaCount: 1, sample: { id: m3Face.id, personId: created.id } });
    expect(repository.people.get(a)).toMatchObject({ faceCount: 3, mediaCount: 2 });
    expect(repository.faces.get(`m3/${m3Face.id}`)!.personId).toBe(created.id);
    expect([...repository.media.get('m3')!.personIds]).toEqual([created.id]);
  });

  it('keeps the old person on a media item that still shows it', async () => {
    const { repository, a, b } = await library();
    await handlePeopleRequest({ action: 'merge', owner: 'alice', personId: a, otherIds: [b] }, repository, now);
    const [first] = [...repository.faces.values()].filter((face) => face.mediaId === 'm1');
    const created = await handlePeopleRequest({ action: 'split', owner: 'alice', personId: a, faceIds: [first!.id] }, repository, now);
    expect([...repository.media.get('m1')!.personIds].sort()).toEqual([a, created.id].sort());
  });

  it('completes the same split when retried after it moved the faces', async () => {
    const { repository, a, b } = await library();
    await handlePeopleRequest({ action: 'merge', owner: 'alice', personId: a, otherIds: [b] }, repository, now);
    const [first] = [...repository.faces.values()].filter((face) => face.personId === a);
    const once = await handlePeopleRequest({ action: 'split', owner: 'alice', personId: a, faceIds: [first!.id] }, repository, now);
    const twice = await handlePeopleRequest({ action: 'split', owner: 'alice', personId: a, faceIds: [first!.id] }, repository, now);
    expect(twice).toMatchObject({ id: once.id, faceCount: 1, mediaCount: 1 });
    expect(repository.people.get(a)).toMatchObject({ faceCount: 2, mediaCount: 2 });
    expect([...repository.people.values()].filter((person) => person.owner === 'alice')).toHaveLength(3);
  });

  it('refuses faces of another person (NotFound) and splitting off every face (BadRequest)', async () => {
    const { repository, a, b } = await library();
    const bFace = [...repository.faces.values()].find((face) => face.personId === b)!;
    const aFace = [...repository.faces.values()].find((face) => face.personId === a)!;
    await expect(handlePeopleRequest({ action: 'split', owner: 'alice', personId: a, faceIds: [bFace.id] }, repository, now)).rejects.toMatchObject({
      errorType: 'NotFound',
    });
    await expect(handlePeopleRequest({ action: 'split', owner: 'alice', personId: a, faceIds: [aFace.id] }, repository, now)).rejects.toMatchObject({
      errorType: 'BadRequest',
    });
    await expect(handlePeopleRequest({ action: 'split', owner: 'bob', personId: a, faceIds: [aFace.id] }, repository, now)).rejects.toMatchObject({
      errorType: 'NotFound',
    });
  });
});

describe('parsePeopleRequest', () => {
  it('accepts the resolvers\' payloads and refuses malformed or oversized ones', () => {
    expect(parsePeopleRequest({ action: 'merge', owner: 'o', personId: 'p', otherIds: ['q', 'q'] })).toEqual({ action: 'merge', owner: 'o', personId: 'p', otherIds: ['q'] });
    expect(() => parsePeopleRequest({ action: 'merge', owner: 'o', personId: 'p', otherIds: ['p'] })).toThrow(/into itself/);
    expect(() => parsePeopleRequest({ action: 'split', owner: 'o', personId: 'p', faceIds: Array.from({ length: 101 }, (_, i) => `f${i}`) })).toThrow(/1 to 100/);
    expect(() => parsePeopleRequest({ action: 'rename', owner: 'o', personId: 'p' })).toThrow(/Unknown action/);
    expect(() => parsePeopleRequest({ action: 'split', personId: 'p', faceIds: ['f'] })).toThrow(/owner is required/);
  });
});
