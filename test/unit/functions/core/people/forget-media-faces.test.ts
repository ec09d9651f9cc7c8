import { describe, expect, it } from 'vitest';
import { assignFaces } from '../../../../../functions/core/people/assign-faces';
import { forgetMediaFaces } from '../../../../../functions/core/people/forget-media-faces';
import { handlePeopleRequest } from '../../../../../functions/core/people/handle-people-request';
import { PeopleRequestError, parsePeopleRequest } from '../../../../../functions/core/people/people-request';
import { createInMemoryPeople } from './in-memory-people-repository';
import { box, identity, near } from './vectors';

const now = () => new Date('2025-03-03T00:00:00Z');
const face = (axis: number, seed: number, size = 0.2, extra: { at?: number; externalFaceId?: string } = {}) => ({
  box: box(size),
  confidence: 0.9,
  embedding: near(identity(axis), 0.1, seed),
  ...extra,
});

/** Alice's library: A in m1 (small face) and m2 (large face: the sample), B only in m2. */
async function library() {
  const repository = createInMemoryPeople();
  repository.addMedia('m1');
  repository.addMedia('m2');
  const then = () => new Date('2025-01-01T00:00:00Z');
  const [a] = (await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [face(0, 1)] }, repository, { now: then })).personIds;
  const again = await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [face(0, 2, 0.5), face(1, 3)] }, repository, { now: then });
  expect(again.personIds[0]).toBe(a);
  return { repository, a: a!, b: again.personIds[1]! };
}

describe('Function: forgetMediaFaces', () => {
  it("takes the media item's faces out of their people exactly as a re-analysis finding no face would", async () => {
    // Prepare: the same library twice; one forgets m2, the other re-analyses m2 with no face found.
    const forgotten = await library();
    const reanalysed = await library();
    // Act
    const result = await forgetMediaFaces({ owner: 'alice', mediaId: 'm2' }, forgotten.repository, { now });
    await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [] }, reanalysed.repository, { now });
    // Assess
    const person = forgotten.repository.people.get(forgotten.a)!;
    const expected = reanalysed.repository.people.get(reanalysed.a)!;
    expect(person).toMatchObject({ faceCount: 1, mediaCount: 1, sample: { mediaId: 'm1', personId: forgotten.a } });
    expect({ ...person, id: null, sample: { ...person.sample, id: null, personId: null } }).toEqual({
      ...expected,
      id: null,
      sample: { ...expected.sample, id: null, personId: null },
    });
    const m1Face = [...forgotten.repository.faces.values()].find((stored) => stored.mediaId === 'm1')!;
    person.embeddingMean!.forEach((value, i) => expect(value).toBeCloseTo(m1Face.embedding![i]!, 10));
    expect(person.sample!.id).toBe(m1Face.id);
    expect([...forgotten.repository.faces.values()].map((stored) => stored.mediaId)).toEqual(['m1']);
    expect(forgotten.repository.media.get('m2')!.personIds.size).toBe(0);
    expect(result).toEqual({ mediaId: 'm2', forgottenFaces: 2, updatedPeople: [forgotten.a], deletedPeople: [forgotten.b], removedExternalFaceIds: [] });
  });

  it('deletes a person left with no face, even a named one, and leaves the other people alone', async () => {
    // Prepare
    const { repository, a, b } = await library();
    repository.people.get(a)!.name = 'Ann';
    repository.people.get(b)!.name = 'Ben';
    // Act
    await forgetMediaFaces({ owner: 'alice', mediaId: 'm2' }, repository, { now });
    const second = await forgetMediaFaces({ owner: 'alice', mediaId: 'm1' }, repository, { now });
    // Assess
    expect(second).toMatchObject({ forgottenFaces: 1, updatedPeople: [], deletedPeople: [a] });
    expect(repository.people.size).toBe(0);
    expect(repository.faces.size).toBe(0);
  });

  it('removes faces of a version not shown yet and unmatched faces, and changes nothing when run again', async () => {
    // Prepare: version 2 of m1 is uploaded but not shown yet; its faces replaced version 1's already.
    const { repository, a } = await library();
    await assignFaces({ owner: 'alice', mediaId: 'm1', version: 2, faces: [face(0, 7)] }, repository);
    await repository.putFaces([{ ...[...repository.faces.values()][0]!, id: 'unmatched', personId: null, mediaId: 'm1' }]);
    // Act
    const first = await forgetMediaFaces({ owner: 'alice', mediaId: 'm1' }, repository, { now });
    const revision = repository.people.get(a)!.revision;
    const again = await forgetMediaFaces({ owner: 'alice', mediaId: 'm1' }, repository, { now });
    // Assess
    expect(first.forgottenFaces).toBe(2);
    expect([...repository.faces.values()].every((stored) => stored.mediaId === 'm2')).toBe(true);
    expect(repository.people.get(a)).toMatchObject({ faceCount: 1, mediaCount: 1, sample: { mediaId: 'm2' } });
    expect(again).toEqual({ mediaId: 'm1', forgottenFaces: 0, updatedPeople: [], deletedPeople: [], removedExternalFaceIds: [] });
    expect(repository.people.get(a)!.revision).toBe(revision);
  });

  it('forgets the leftover faces of a media item already deleted', async () => {
    // Prepare
    const { repository, b } = await library();
    repository.media.delete('m2');
    // Act
    const result = await forgetMediaFaces({ owner: 'alice', mediaId: 'm2' }, repository, { now });
    // Assess
    expect(result.deletedPeople).toEqual([b]);
    expect([...repository.faces.values()].some((stored) => stored.mediaId === 'm2')).toBe(false);
  });

  it("refuses another owner's media item with NotFound and changes nothing", async () => {
    // Prepare
    const { repository } = await library();
    const before = structuredClone([...repository.people.values()]);
    // Act
    const refusal = forgetMediaFaces({ owner: 'mallory', mediaId: 'm2' }, repository, { now });
    // Assess
    await expect(refusal).rejects.toBeInstanceOf(PeopleRequestError);
    await expect(refusal).rejects.toMatchObject({ errorType: 'NotFound' });
    expect([...repository.people.values()]).toEqual(before);
  });

  it("removes the faces from the provider's collection before the stored faces go", async () => {
    // Prepare: faces matched by a collection carry its face ids (their stored ids too).
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    await assignFaces(
      { owner: 'alice', mediaId: 'm1', version: 1, faces: [face(0, 1, 0.2, { externalFaceId: 'rk-1' }), face(1, 2, 0.2, { externalFaceId: 'rk-2' })] },
      repository,
    );
    const calls: { owner: string; ids: readonly string[]; storedFaces: number }[] = [];
    // Act
    const result = await forgetMediaFaces({ owner: 'alice', mediaId: 'm1' }, repository, {
      now,
      removeExternalFaces: async (owner, ids) => {
        calls.push({ owner, ids, storedFaces: repository.faces.size });
      },
    });
    // Assess
    expect(calls).toEqual([{ owner: 'alice', ids: ['rk-1', 'rk-2'], storedFaces: 2 }]);
    expect(result.removedExternalFaceIds).toEqual(['rk-1', 'rk-2']);
    expect(repository.faces.size).toBe(0);
  });

  it('retries when a person changed between read and write', async () => {
    // Prepare
    const { repository, a } = await library();
    repository.failNextChanges(1);
    // Act
    await forgetMediaFaces({ owner: 'alice', mediaId: 'm2' }, repository, { now });
    // Assess
    expect(repository.people.get(a)).toMatchObject({ faceCount: 1, mediaCount: 1 });
  });
});

describe('Function: parsePeopleRequest (forget)', () => {
  it('accepts forget with an owner and a media id, no person needed', () => {
    expect(parsePeopleRequest({ action: 'forget', owner: 'alice', mediaId: 'm1', extra: 1 })).toEqual({ action: 'forget', owner: 'alice', mediaId: 'm1' });
  });

  it('refuses forget without a media id or an owner', () => {
    expect(() => parsePeopleRequest({ action: 'forget', owner: 'alice' })).toThrow('mediaId is required');
    expect(() => parsePeopleRequest({ action: 'forget', mediaId: 'm1' })).toThrow('owner is required');
  });

  it('runs forget through handlePeopleRequest with the collection remover', async () => {
    // Prepare
    const { repository } = await library();
    const removed: string[][] = [];
    // Act
    const result = await handlePeopleRequest(parsePeopleRequest({ action: 'forget', owner: 'alice', mediaId: 'm2' }) as { action: 'forget'; owner: string; mediaId: string }, repository, now, {
      removeExternalFaces: async (_owner, ids) => {
        removed.push([...ids]);
      },
    });
    // Assess
    expect(result).toMatchObject({ mediaId: 'm2', forgottenFaces: 2 });
    expect(removed).toEqual([]);
  });
});
