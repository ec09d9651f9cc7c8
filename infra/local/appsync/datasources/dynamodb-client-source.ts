/**
 * What the DynamoDB data source may be given to reach DynamoDB: a wire client (preferred), or an
 * AWS SDK v3 `DynamoDBClient`, whose endpoint, region and credentials are then read once and used
 * to open a wire client of the data source's own. The SDK client itself is never used to send: its
 * middleware stack cost more CPU per call than the whole rest of a GraphQL request.
 */
import { createDynamoDbWireClient, type DynamoDbCredentials, type DynamoDbOperation, type DynamoDbWireClient } from '../../dynamodb/wire-client';

/**
 * The part of an AWS SDK v3 client's resolved `config` needed to talk to the same endpoint
 * (structurally a `DynamoDBClient`, without importing the SDK).
 */
export interface SdkClientConfigSource {
  readonly config: {
    /** Present when the client was given a custom `endpoint` (DynamoDB Local). */
    readonly endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
    readonly region: () => Promise<string>;
    readonly credentials: () => Promise<DynamoDbCredentials>;
  };
}

/** `client` of createDynamoDbDataSource. */
export type DynamoDbClientSource = DynamoDbWireClient | SdkClientConfigSource;

/**
 * The wire client to send with.
 * @returns the given wire client, or one opened lazily (on the first call) from the SDK client's
 *   configuration; credentials are read once, which suits DynamoDB Local's static ones
 */
export function wireClientFrom(source: DynamoDbClientSource): DynamoDbWireClient {
  if (isWireClient(source)) return source;
  let opened: Promise<DynamoDbWireClient> | undefined;
  const open = () => {
    opened ??= openFromSdkConfig(source).catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
  return {
    async call<T>(operation: DynamoDbOperation, input: object): Promise<T> {
      return (await open()).call<T>(operation, input);
    },
    destroy() {
      void opened?.then((client) => client.destroy());
    },
  };
}

function isWireClient(source: DynamoDbClientSource): source is DynamoDbWireClient {
  return typeof (source as Partial<DynamoDbWireClient>).call === 'function';
}

async function openFromSdkConfig(source: SdkClientConfigSource): Promise<DynamoDbWireClient> {
  const { config } = source;
  const region = await config.region();
  const resolved = await config.endpoint?.();
  const endpoint = resolved
    ? `${resolved.protocol}//${resolved.hostname}${resolved.port ? `:${resolved.port}` : ''}${resolved.path}`
    : `https://dynamodb.${region}.amazonaws.com/`;
  const { accessKeyId, secretAccessKey, sessionToken } = await config.credentials();
  return createDynamoDbWireClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey, sessionToken } });
}
