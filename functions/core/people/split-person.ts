/**
 * splitPerson: faces wrongly matched to a person move to a new person of their own; both people are
 * recomputed from their faces and the media items' `personIds` follow. The new person's id is derived
 * from the request, so a retried split finds the faces it already moved and completes the same split.
 */
import { createHash } from 'node:crypto';
import type { PeopleRepository, StoredFace, StoredPerson } from '../../ports/people-repository';
import { loadOwnedPeople, uniqueFaces } from './merge-people';
import { PeopleRequestError } from './people-request';
import { summarisePerson, withFigures } from './person-summary';

/** A UUID-shaped id determined by the owner, the person and the set of faces split off. */
export function splitPersonId(owner: string, personId: string, faceIds: readonly string[]): string {
  const hex = createHash('sha256').update(JSON.stringify([owner, personId, [...faceIds].sort()])).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Moves `faceIds` of `personId` to a new person.
 * @returns the new person as stored
 * @throws PeopleRequestError NotFound for a missing person or a face not of that person; BadRequest
 *   when every face would leave (that is the same person under another id)
 */
export async function splitPerson(
  request: { owner: string; personId: string; faceIds: readonly string[] },
  repository: PeopleRepository,
  now: () => Date = () => new Date(),
): Promise<StoredPerson> {
  return repository.withOwnerLock(request.owner, async () => {
    const person = (await loadOwnedPeople(repository, request.owner, [request.personId])).get(request.personId)!;
    const newId = splitPersonId(request.owner, request.personId, request.faceIds);
    const [existingNew] = (await repository.getPeople([newId])).filter((candidate) => candidate.owner === request.owner);
    const own = (await repository.listPersonFaces(person.id)).filter((face) => face.personId === person.id);
    // A retried split may have moved some faces before it stopped.
    const already = await repository.listPersonFaces(newId);
    const wanted = new Set(request.faceIds);
    const selected = uniqueFaces([...own, ...already].filter((face) => wanted.has(face.id)));
    const missing = request.faceIds.filter((id) => !selected.some((face) => face.id === id));
    if (missing.length > 0) throw new PeopleRequestError(`Face ${missing.join(', ')} is not a face of person ${person.id}`, 'NotFound');
    const remaining = own.filter((face) => !wanted.has(face.id));
    if (remaining.length === 0) throw new PeopleRequestError('Every face of the person was selected: nothing would be left to split from');

    const stamp = now().toISOString();
    const moved: StoredFace[] = selected.map((face) => ({ ...face, personId: newId }));
    const base: StoredPerson = existingNew ?? {
      id: newId,
      owner: request.owner,
      name: null,
      faceCount: 0,
      mediaCount: 0,
      sample: null,
      embeddingMean: null,
      revision: 0,
      createdAt: stamp,
      updatedAt: stamp,
    };
    const created = withFigures(base, summarisePerson(newId, moved), stamp);
    const kept = withFigures(person, summarisePerson(person.id, remaining), stamp);

    await repository.putFaces(moved);
    await repository.applyPersonChange({ person: created, expectedRevision: existingNew ? existingNew.revision : null, remove: false, putFaces: [], deleteFaces: [] });
    await repository.applyPersonChange({ person: kept, expectedRevision: person.revision, remove: false, putFaces: [], deleteFaces: [] });
    const stillShown = new Set(remaining.map((face) => face.mediaId));
    for (const mediaId of new Set(moved.map((face) => face.mediaId))) {
      await repository.updateMediaPeople(mediaId, [newId], stillShown.has(mediaId) ? [] : [person.id]);
    }
    return created;
  });
}
