/**
 * A PeopleRepository in memory for the core's unit tests: same contract as the DynamoDB adapter
 * (revision-checked person changes applied with their faces at once, media `personIds` sets).
 */
import {
  ConcurrentPeopleChangeError,
  type PeopleRepository,
  type PersonChange,
  type StoredFace,
  type StoredPerson,
} from '../../../../../functions/ports/people-repository';

export interface InMemoryPeople extends PeopleRepository {
  readonly media: Map<string, { id: string; owner: string; version: number; personIds: Set<string> }>;
  readonly faces: Map<string, StoredFace>;
  readonly people: Map<string, StoredPerson>;
  /** Person changes applied, in order. */
  readonly applied: PersonChange[];
  addMedia(id: string, owner?: string, version?: number): void;
  /** Makes the next `count` person changes fail as if someone else changed the person. */
  failNextChanges(count: number): void;
}

const copy = <T>(value: T): T => structuredClone(value);
const key = (mediaId: string, id: string) => `${mediaId}/${id}`;

export function createInMemoryPeople(): InMemoryPeople {
  const media: InMemoryPeople['media'] = new Map();
  const faces = new Map<string, StoredFace>();
  const people = new Map<string, StoredPerson>();
  const applied: PersonChange[] = [];
  let failures = 0;
  return {
    media,
    faces,
    people,
    applied,
    addMedia(id, owner = 'alice', version = 1) {
      media.set(id, { id, owner, version, personIds: new Set() });
    },
    failNextChanges(count) {
      failures = count;
    },
    async getMedia(mediaId) {
      const item = media.get(mediaId);
      return item ? { id: item.id, owner: item.owner, version: item.version } : null;
    },
    async listMediaFaces(mediaId) {
      return [...faces.values()].filter((face) => face.mediaId === mediaId).map(copy);
    },
    async listPeople(owner) {
      return [...people.values()].filter((person) => person.owner === owner).map(copy);
    },
    async getPeople(ids) {
      return [...new Set(ids)].flatMap((id) => (people.has(id) ? [copy(people.get(id)!)] : []));
    },
    async getFaces(refs) {
      return refs.flatMap((ref) => (faces.has(key(ref.mediaId, ref.id)) ? [copy(faces.get(key(ref.mediaId, ref.id))!)] : []));
    },
    async listPersonFaces(personId) {
      return [...faces.values()].filter((face) => face.personId === personId).map(copy);
    },
    async applyPersonChange(change) {
      if (failures > 0) {
        failures -= 1;
        throw new ConcurrentPeopleChangeError('injected');
      }
      const current = people.get(change.person.id);
      if (change.expectedRevision === null ? current !== undefined : current?.revision !== change.expectedRevision) {
        throw new ConcurrentPeopleChangeError(`revision of ${change.person.id}`);
      }
      applied.push(copy(change));
      if (change.remove) {
        people.delete(change.person.id);
      } else {
        // Like the adapter: a stored name is never overwritten.
        people.set(change.person.id, copy({ ...change.person, name: current?.name ?? change.person.name }));
      }
      for (const face of change.putFaces) faces.set(key(face.mediaId, face.id), copy(face));
      for (const face of change.deleteFaces) faces.delete(key(face.mediaId, face.id));
    },
    async putFaces(list) {
      for (const face of list) faces.set(key(face.mediaId, face.id), copy(face));
    },
    async deleteFaces(list) {
      for (const face of list) faces.delete(key(face.mediaId, face.id));
    },
    async setMediaPeople(mediaId, personIds) {
      const item = media.get(mediaId);
      if (item) item.personIds = new Set(personIds);
    },
    async updateMediaPeople(mediaId, add, remove) {
      const item = media.get(mediaId);
      if (!item) return;
      for (const id of add) item.personIds.add(id);
      for (const id of remove) item.personIds.delete(id);
    },
    async withOwnerLock(_owner, work) {
      return work();
    },
  };
}
