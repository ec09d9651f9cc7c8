/**
 * Creates the one table from its declaration in `infra/table.ts` (the same declaration the CDK
 * stack reads): on-demand billing, every GSI projecting ALL attributes, and the TTL attribute.
 * Idempotent: an existing table is checked against the declaration; indexes added to the
 * declaration since are created.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndexDescription,
  type KeySchemaElement,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { GlobalSecondaryIndex, KeyAttribute, TableDeclaration } from '../../table';
import { TableSchemaMismatchError } from './errors';

const ACTIVE_POLL_MS = 100;
const ACTIVE_TIMEOUT_MS = 90_000;

/**
 * Makes sure `tableName` exists with the declared keys, indexes and TTL.
 * @returns once the table and its indexes are ACTIVE and TTL is enabled
 * @throws TableSchemaMismatchError when an existing table has other keys or index keys
 */
export async function ensureTable(
  client: DynamoDBClient,
  declaration: TableDeclaration,
  tableName: string,
): Promise<void> {
  const existing = await describeTable(client, tableName);
  if (existing) {
    await addMissingIndexes(client, declaration, tableName, existing);
  } else {
    await createTable(client, declaration, tableName);
  }
  await waitUntilActive(client, tableName);
  await enableTimeToLive(client, tableName, declaration.timeToLiveAttribute);
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function createTable(client: DynamoDBClient, declaration: TableDeclaration, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions([
          declaration.partitionKey,
          declaration.sortKey,
          ...declaration.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
        ]),
        KeySchema: keySchema(declaration.partitionKey, declaration.sortKey),
        GlobalSecondaryIndexes:
          declaration.globalSecondaryIndexes.length > 0
            ? declaration.globalSecondaryIndexes.map((index) => ({
                IndexName: index.indexName,
                KeySchema: keySchema(index.partitionKey, index.sortKey),
                Projection: { ProjectionType: 'ALL' },
              }))
            : undefined,
      }),
    );
  } catch (error) {
    // Someone else created it between our DescribeTable and CreateTable: that is what we wanted.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

/** Checks keys against the declaration and creates declared indexes the table lacks, one at a time. */
async function addMissingIndexes(
  client: DynamoDBClient,
  declaration: TableDeclaration,
  tableName: string,
  existing: TableDescription,
): Promise<void> {
  const expectedKeys = keySchema(declaration.partitionKey, declaration.sortKey);
  if (!sameKeySchema(existing.KeySchema, expectedKeys)) {
    throw new TableSchemaMismatchError(
      tableName,
      `primary key is ${describeKeys(existing.KeySchema)}, declared ${describeKeys(expectedKeys)}`,
    );
  }
  const indexes = new Map<string, GlobalSecondaryIndexDescription>(
    (existing.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName ?? '', index]),
  );
  for (const index of declaration.globalSecondaryIndexes) {
    const found = indexes.get(index.indexName);
    if (found) {
      const declared = keySchema(index.partitionKey, index.sortKey);
      if (!sameKeySchema(found.KeySchema, declared)) {
        throw new TableSchemaMismatchError(
          tableName,
          `index ${index.indexName} is keyed ${describeKeys(found.KeySchema)}, declared ${describeKeys(declared)}`,
        );
      }
      continue;
    }
    await createIndex(client, tableName, index).catch(async (error: unknown) => {
      // A concurrent caller created it first: fine once it is there.
      const now = await describeTable(client, tableName);
      if (!now?.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === index.indexName)) throw error;
    });
    await waitUntilActive(client, tableName);
  }
}

async function createIndex(client: DynamoDBClient, tableName: string, index: GlobalSecondaryIndex): Promise<void> {
  await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      AttributeDefinitions: attributeDefinitions([index.partitionKey, index.sortKey]),
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' },
          },
        },
      ],
    }),
  );
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const table = await describeTable(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE within ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS));
  }
}

/** DynamoDB refuses to enable TTL twice, so it is only enabled when not already on that attribute. */
async function enableTimeToLive(client: DynamoDBClient, tableName: string, attributeName: string): Promise<void> {
  if (await timeToLiveEnabled(client, tableName, attributeName)) return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true },
      }),
    );
  } catch (error) {
    // A concurrent caller enabled it first ("TimeToLive is already enabled"): fine if it is ours.
    if (!(await timeToLiveEnabled(client, tableName, attributeName))) throw error;
  }
}

async function timeToLiveEnabled(client: DynamoDBClient, tableName: string, attributeName: string): Promise<boolean> {
  const description = (await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription;
  return description?.AttributeName === attributeName && description.TimeToLiveStatus === 'ENABLED';
}

function attributeDefinitions(attributes: readonly KeyAttribute[]): AttributeDefinition[] {
  const byName = new Map<string, AttributeDefinition>();
  for (const attribute of attributes) {
    byName.set(attribute.name, { AttributeName: attribute.name, AttributeType: attribute.type });
  }
  return [...byName.values()];
}

function keySchema(partitionKey: KeyAttribute, sortKey: KeyAttribute): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    { AttributeName: sortKey.name, KeyType: 'RANGE' },
  ];
}

function sameKeySchema(actual: KeySchemaElement[] | undefined, expected: KeySchemaElement[]): boolean {
  return describeKeys(actual) === describeKeys(expected);
}

function describeKeys(keys: KeySchemaElement[] | undefined): string {
  return (keys ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(', ') || '(none)';
}
