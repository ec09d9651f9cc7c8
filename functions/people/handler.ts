/**
 * people — AppSync Lambda data source for mergePeople, splitPerson and deleteMedia's forgetMediaFaces
 * step. A refused request is answered as `{ error: { message, errorType } }` so the resolver raises
 * it with its type; faults throw. On AWS, faces a forget removes also leave the owner's Rekognition
 * collection (the analyzers index them there: analysis-composition.ts, same collection prefix).
 */
import { createRekognitionFaceRemoval } from '../adapters/aws/rekognition-face-removal';
import { config, peopleRepository } from '../composition';
import { handlePeopleRequest, type PeopleRequestOptions } from '../core/people/handle-people-request';
import { parsePeopleRequest, PeopleRequestError } from '../core/people/people-request';

let options: PeopleRequestOptions | undefined;

/** Locally faces live only in the table; on AWS also in the owner's collection `<table name>-<owner>`. */
function requestOptions(): PeopleRequestOptions {
  options ??= config().runtime === 'local' ? {} : { removeExternalFaces: createRekognitionFaceRemoval({ region: config().region, collectionPrefix: config().tableName }) };
  return options;
}

export async function handler(event: unknown): Promise<unknown> {
  try {
    return await handlePeopleRequest(parsePeopleRequest(event), peopleRepository(), undefined, requestOptions());
  } catch (error) {
    if (error instanceof PeopleRequestError) {
      return { error: { message: error.message, errorType: error.errorType } };
    }
    throw error;
  }
}
