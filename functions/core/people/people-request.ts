/**
 * The people function's requests (from the mergePeople and splitPerson resolvers, and the
 * forgetMediaFaces step of deleteMedia), validated at the edge, and the Person it answers with (the
 * GraphQL shape: no embedding, no revision).
 */
import type { StoredPerson } from '../../ports/people-repository';

/** Resolvers cap the sizes (mergePeople 25 others, splitPerson 100 faces); the function checks again. */
export const MAX_MERGE = 25;
export const MAX_SPLIT = 100;

export type PeopleRequest =
  | { action: 'merge'; owner: string; personId: string; otherIds: string[] }
  | { action: 'split'; owner: string; personId: string; faceIds: string[] }
  | { action: 'forget'; owner: string; mediaId: string };

/** A request the function refuses; `errorType` is what the GraphQL caller sees. */
export class PeopleRequestError extends Error {
  readonly errorType: 'BadRequest' | 'NotFound';
  constructor(message: string, errorType: 'BadRequest' | 'NotFound' = 'BadRequest') {
    super(message);
    this.name = 'PeopleRequestError';
    this.errorType = errorType;
  }
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

function idList(value: unknown, name: string, max: number): string[] {
  if (!Array.isArray(value) || !value.every(nonEmptyString)) throw new PeopleRequestError(`${name} must be a list of ids`);
  const ids = [...new Set(value)];
  if (ids.length === 0 || ids.length > max) throw new PeopleRequestError(`${name} must hold 1 to ${max} ids`);
  return ids;
}

/**
 * Validates the untrusted payload.
 * @throws PeopleRequestError (BadRequest) naming what is wrong
 */
export function parsePeopleRequest(event: unknown): PeopleRequest {
  const e = (event ?? {}) as Record<string, unknown>;
  if (!nonEmptyString(e.owner)) throw new PeopleRequestError('owner is required');
  if (e.action === 'forget') {
    if (!nonEmptyString(e.mediaId)) throw new PeopleRequestError('mediaId is required');
    return { action: 'forget', owner: e.owner, mediaId: e.mediaId };
  }
  if (!nonEmptyString(e.personId)) throw new PeopleRequestError('personId is required');
  switch (e.action) {
    case 'merge': {
      const otherIds = idList(e.otherIds, 'otherIds', MAX_MERGE);
      if (otherIds.includes(e.personId)) throw new PeopleRequestError('A person cannot be merged into itself');
      return { action: 'merge', owner: e.owner, personId: e.personId, otherIds };
    }
    case 'split':
      return { action: 'split', owner: e.owner, personId: e.personId, faceIds: idList(e.faceIds, 'faceIds', MAX_SPLIT) };
    default:
      throw new PeopleRequestError(`Unknown action ${String(e.action)}`);
  }
}

/** The GraphQL Person of a stored person. */
export interface PersonResult {
  id: string;
  owner: string;
  name: string | null;
  faceCount: number;
  mediaCount: number;
  sample: StoredPerson['sample'];
  createdAt: string;
  updatedAt: string;
}

/** What the resolver returns for a person: its GraphQL fields only. */
export function toPersonResult(person: StoredPerson): PersonResult {
  return {
    id: person.id,
    owner: person.owner,
    name: person.name,
    faceCount: person.faceCount,
    mediaCount: person.mediaCount,
    sample: person.sample,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}
