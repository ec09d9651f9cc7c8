/**
 * The local AppSync DynamoDB data source: takes the object an APPSYNC_JS resolver's request
 * handler returned, performs the real DynamoDB API call over the wire (against DynamoDB Local or
 * DynamoDB itself, see `infra/local/dynamodb/wire-client.ts`), and returns what AppSync puts in `ctx.result` or `ctx.error`, following
 * "AWS AppSync JavaScript resolver function reference for DynamoDB" (js-resolver-reference-dynamodb).
 *
 * Supported: GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, BatchGetItem, BatchPutItem,
 * BatchDeleteItem, TransactGetItems, TransactWriteItems, with conditions (including `equalsIgnore`,
 * `consistentRead` and the `Reject` strategy), projections, filters and sealed pagination tokens.
 * Not supported: Sync, `_version` / conflict detection, the `Custom` (Lambda) condition strategy —
 * they fail with a MappingTemplate error.
 */
import type { DataSource, DataSourceOutcome } from '../types';
import { wireClientFrom, type DynamoDbClientSource } from './dynamodb-client-source';
import { mappingTemplateError, MappingTemplateError } from './dynamodb-errors';
import { performDynamoDbRequest, type DynamoDbOutcome } from './dynamodb-operations';
import { secretBytes } from './dynamodb-pagination-token';
import { parseDynamoDbRequest } from './dynamodb-request';

export interface DynamoDbDataSourceOptions {
  /** The data source's name in `infra/api.ts`. */
  name: string;
  /**
   * A wire client (`createDynamoDbWireClient`), or an AWS SDK `DynamoDBClient` whose endpoint,
   * region and credentials the data source reuses for a wire client of its own.
   */
  client: DynamoDbClientSource;
  /** The table the data source is configured with (AppSync resolvers do not name it). */
  tableName: string;
  /** Key for sealing `nextToken`s (at least 16 bytes). Keep it across restarts so tokens stay valid. */
  tokenSecret: Uint8Array | string;
}

/**
 * Creates the data source.
 * @returns a {@link DataSource} whose `invoke` never throws for bad requests or DynamoDB errors
 * @example
 * const dataSource = createDynamoDbDataSource({ name: 'MediaTable', client, tableName, tokenSecret });
 * const { result, error } = await dataSource.invoke({ operation: 'GetItem', key: { pk: { S: 'a' }, sk: { S: 'b' } } }, context);
 */
export function createDynamoDbDataSource(options: DynamoDbDataSourceOptions): DataSource {
  const context = { client: wireClientFrom(options.client), tableName: options.tableName, tokenSecret: secretBytes(options.tokenSecret) };
  return {
    name: options.name,
    async invoke(request: unknown): Promise<DataSourceOutcome> {
      let outcome: DynamoDbOutcome;
      try {
        outcome = await performDynamoDbRequest(parseDynamoDbRequest(request), context);
      } catch (error) {
        if (!(error instanceof MappingTemplateError)) throw error;
        outcome = { error: mappingTemplateError(error) };
      }
      return outcome;
    },
  };
}
