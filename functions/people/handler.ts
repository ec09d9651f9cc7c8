/**
 * people — AppSync Lambda data source for mergePeople and splitPerson. A refused request is answered
 * as `{ error: { message, errorType } }` so the resolver raises it with its type; faults throw.
 */
import { peopleRepository } from '../composition';
import { handlePeopleRequest } from '../core/people/handle-people-request';
import { parsePeopleRequest, PeopleRequestError } from '../core/people/people-request';

export async function handler(event: unknown): Promise<unknown> {
  try {
    return await handlePeopleRequest(parsePeopleRequest(event), peopleRepository());
  } catch (error) {
    if (error instanceof PeopleRequestError) {
      return { error: { message: error.message, errorType: error.errorType } };
    }
    throw error;
  }
}
