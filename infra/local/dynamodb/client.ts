/**
 * A DynamoDB client for the local server. DynamoDB Local is started with `-sharedDb`, so the
 * region and credentials do not select a database; they only have to be present for SigV4.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Credentials DynamoDB Local accepts (it checks their shape, not their value). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** Region sent to DynamoDB Local. */
export const LOCAL_REGION = 'us-east-1';

/**
 * Creates a low-level client for a local endpoint such as `http://127.0.0.1:8000`.
 * @param options.maxAttempts SDK retries; @default 3
 * @returns a client; call `destroy()` when done to free its sockets
 */
export function createLocalDynamoDbClient(endpoint: string, options?: { maxAttempts?: number }): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: options?.maxAttempts ?? 3,
  });
}
