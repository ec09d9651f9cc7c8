/**
 * library — AppSync Lambda data source for duplicateGroups and reprocessMedia. A refused request is
 * answered as `{ error: { message, errorType } }` so the resolver can raise it with its type; faults throw.
 */
import { createDynamoDbLibraryReader } from '../adapters/aws/dynamodb-library-reader';
import { config, documentClient, eventPublisher } from '../composition';
import { handleLibraryRequest, LibraryRequestError, parseLibraryRequest } from '../core/library';

export async function handler(event: unknown): Promise<unknown> {
  try {
    return await handleLibraryRequest(parseLibraryRequest(event), createDynamoDbLibraryReader(documentClient(), config().tableName), eventPublisher());
  } catch (error) {
    if (error instanceof LibraryRequestError) {
      return { error: { message: error.message, errorType: error.errorType } };
    }
    throw error;
  }
}
