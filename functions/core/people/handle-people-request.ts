/** The people function's logic: carries out a validated merge or split for its owner. */
import type { PeopleRepository } from '../../ports/people-repository';
import { mergePeople } from './merge-people';
import { toPersonResult, type PeopleRequest, type PersonResult } from './people-request';
import { splitPerson } from './split-person';

/**
 * Runs the request.
 * @returns the resulting Person (merge: the person merged into; split: the new person)
 * @throws PeopleRequestError for refusals (NotFound, BadRequest)
 */
export async function handlePeopleRequest(request: PeopleRequest, repository: PeopleRepository, now?: () => Date): Promise<PersonResult> {
  switch (request.action) {
    case 'merge':
      return toPersonResult(await mergePeople(request, repository, now));
    case 'split':
      return toPersonResult(await splitPerson(request, repository, now));
  }
}
