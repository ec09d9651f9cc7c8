/** The people function's logic: carries out a validated merge, split or forget for its owner. */
import type { PeopleRepository } from '../../ports/people-repository';
import { forgetMediaFaces, type ForgetMediaFacesOptions, type ForgetMediaFacesResult } from './forget-media-faces';
import { mergePeople } from './merge-people';
import { toPersonResult, type PeopleRequest, type PersonResult } from './people-request';
import { splitPerson } from './split-person';

export interface PeopleRequestOptions {
  /** Removes forgotten faces from the provider's collection (AWS); see ForgetMediaFacesOptions. */
  removeExternalFaces?: ForgetMediaFacesOptions['removeExternalFaces'];
}

type ForgetRequest = Extract<PeopleRequest, { action: 'forget' }>;
type PersonRequest = Exclude<PeopleRequest, ForgetRequest>;

/**
 * Runs the request.
 * @returns merge: the person merged into; split: the new person; forget: what was removed
 * @throws PeopleRequestError for refusals (NotFound, BadRequest)
 */
export async function handlePeopleRequest(request: PersonRequest, repository: PeopleRepository, now?: () => Date, options?: PeopleRequestOptions): Promise<PersonResult>;
export async function handlePeopleRequest(request: ForgetRequest, repository: PeopleRepository, now?: () => Date, options?: PeopleRequestOptions): Promise<ForgetMediaFacesResult>;
export async function handlePeopleRequest(
  request: PeopleRequest,
  repository: PeopleRepository,
  now?: () => Date,
  options?: PeopleRequestOptions,
): Promise<PersonResult | ForgetMediaFacesResult>;
export async function handlePeopleRequest(
  request: PeopleRequest,
  repository: PeopleRepository,
  now?: () => Date,
  options: PeopleRequestOptions = {},
): Promise<PersonResult | ForgetMediaFacesResult> {
  switch (request.action) {
    case 'merge':
      return toPersonResult(await mergePeople(request, repository, now));
    case 'split':
      return toPersonResult(await splitPerson(request, repository, now));
    case 'forget':
      return forgetMediaFaces(request, repository, { ...(now ? { now } : {}), ...(options.removeExternalFaces ? { removeExternalFaces: options.removeExternalFaces } : {}) });
  }
}
