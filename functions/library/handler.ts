/** library — AppSync Lambda data source for duplicateGroups and reprocessMedia. */
import { createDynamoDbLibraryReader } from '../adapters/aws/dynamodb-library-reader';
import { config, documentClient, eventPublisher } from '../composition';
import { handleLibraryRequest, parseLibraryRequest } from '../core/library';

export async function handler(event: unknown): Promise<unknown> {
  return handleLibraryRequest(parseLibraryRequest(event), createDynamoDbLibraryReader(documentClient(), config().tableName), eventPublisher());
}
