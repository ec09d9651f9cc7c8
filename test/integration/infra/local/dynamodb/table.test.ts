import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DescribeTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLocalDynamoDbClient } from '../../../../../infra/local/dynamodb/client';
import { TableSchemaMismatchError } from '../../../../../infra/local/dynamodb/errors';
import { ensureTable } from '../../../../../infra/local/dynamodb/table';
import { table } from '../../../../../infra/table';

describe('Function: ensureTable', () => {
  let client: DynamoDBClient;

  beforeAll(() => {
    client = createLocalDynamoDbClient(inject('dynamodbEndpoint'));
  });
  afterAll(() => client.destroy());

  it('creates the declared table: on-demand, every GSI projecting ALL, TTL on the declared attribute', async () => {
    const tableName = `table-${randomUUID()}`;

    await ensureTable(client, table, tableName);

    const description = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    const ttl = (await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription;
    expect(description?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(description?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const indexes = (description?.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName,
      keys: index.KeySchema?.map((element) => element.AttributeName),
      projection: index.Projection?.ProjectionType,
    }));
    expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      table.globalSecondaryIndexes
        .map((index) => ({ name: index.indexName, keys: [index.partitionKey.name, index.sortKey.name], projection: 'ALL' }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: table.timeToLiveAttribute });
  });

  it('is idempotent, also when two callers race', async () => {
    const tableName = `table-${randomUUID()}`;

    await Promise.all([ensureTable(client, table, tableName), ensureTable(client, table, tableName)]);
    await ensureTable(client, table, tableName);

    const description = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(description?.TableStatus).toBe('ACTIVE');
  });

  // DynamoDB Local builds a new index in the background; under a full parallel test run that can take tens of seconds.
  it('adds an index declared after the table was created', { timeout: 120_000 }, async () => {
    const tableName = `table-${randomUUID()}`;
    await ensureTable(client, { ...table, globalSecondaryIndexes: table.globalSecondaryIndexes.slice(0, 1) }, tableName);

    await ensureTable(client, table, tableName);

    const description = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(description?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      table.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
  });

  it('refuses a table whose keys differ from the declaration', async () => {
    const tableName = `table-${randomUUID()}`;
    await ensureTable(client, table, tableName);

    await expect(ensureTable(client, { ...table, sortKey: { name: 'other', type: 'S' } }, tableName)).rejects.toBeInstanceOf(
      TableSchemaMismatchError,
    );
  });
});
