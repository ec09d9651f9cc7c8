/**
 * mergePeople: the same person was found as several; every face of the others moves to the target,
 * the target's figures are recomputed from all its faces, the media items' `personIds` follow, and the
 * others are deleted. Writes go in an order a retry completes: faces first (re-putting a face is
 * harmless), then the target recomputed from whatever faces it has, then media, then the deletions.
 */
import type { PeopleRepository, StoredFace, StoredPerson } from '../../ports/people-repository';
import { PeopleRequestError } from './people-request';
import { summarisePerson, withFigures } from './person-summary';

/** The owner's people with these ids. @throws PeopleRequestError (NotFound) naming those missing */
export async function loadOwnedPeople(repository: PeopleRepository, owner: string, ids: readonly string[]): Promise<Map<string, StoredPerson>> {
  const owned = new Map((await repository.getPeople(ids)).filter((person) => person.owner === owner).map((person) => [person.id, person]));
  const missing = ids.filter((id) => !owned.has(id));
  if (missing.length > 0) throw new PeopleRequestError(`Person ${missing.join(', ')} not found`, 'NotFound');
  return owned;
}

/** Faces listed once each (an index read may still show a moved face under its old person). */
export function uniqueFaces(faces: readonly StoredFace[]): StoredFace[] {
  const byKey = new Map<string, StoredFace>();
  for (const face of faces) byKey.set(`${face.mediaId}/${face.id}`, face);
  return [...byKey.values()];
}

/**
 * Joins `otherIds` into `personId`, for the owner only.
 * @returns the target person as stored after the merge
 * @throws PeopleRequestError NotFound when any person is missing or another owner's
 */
export async function mergePeople(
  request: { owner: string; personId: string; otherIds: readonly string[] },
  repository: PeopleRepository,
  now: () => Date = () => new Date(),
): Promise<StoredPerson> {
  return repository.withOwnerLock(request.owner, async () => {
    const people = await loadOwnedPeople(repository, request.owner, [request.personId, ...request.otherIds]);
    const target = people.get(request.personId)!;
    const others = request.otherIds.map((id) => people.get(id)!);
    const targetFaces = (await repository.listPersonFaces(target.id)).filter((face) => face.personId === target.id);
    const moved: StoredFace[] = [];
    for (const other of others) {
      for (const face of await repository.listPersonFaces(other.id)) moved.push({ ...face, personId: target.id });
    }
    const faces = uniqueFaces([...targetFaces, ...moved]);
    const merged: StoredPerson = {
      ...withFigures(target, summarisePerson(target.id, faces), now().toISOString()),
      name: target.name ?? others.find((other) => other.name !== null)?.name ?? null,
    };

    await repository.putFaces(moved);
    await repository.applyPersonChange({ person: merged, expectedRevision: target.revision, remove: false, putFaces: [], deleteFaces: [] });
    for (const mediaId of new Set(moved.map((face) => face.mediaId))) {
      await repository.updateMediaPeople(mediaId, [target.id], request.otherIds);
    }
    for (const other of others) {
      await repository.applyPersonChange({ person: { ...other, revision: other.revision + 1 }, expectedRevision: other.revision, remove: true, putFaces: [], deleteFaces: [] });
    }
    return merged;
  });
}
