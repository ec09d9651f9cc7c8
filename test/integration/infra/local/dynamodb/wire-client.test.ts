import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLocalDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../../infra/local/dynamodb/client';
import { ensureTable } from '../../../../../infra/local/dynamodb/table';
import { createDynamoDbWireClient, DynamoDbServiceError, type DynamoDbWireClient } from '../../../../../infra/local/dynamodb/wire-client';
import { table } from '../../../../../infra/table';

type Item = Record<string, Record<string, unknown>>;
const S = (value: string) => ({ S: value });
const key = (pk: string, sk = 'META') => ({ pk: S(pk), sk: S(sk) });

describe('DynamoDB wire client against DynamoDB Local', () => {
  let sdkClient: DynamoDBClient;
  let client: DynamoDbWireClient;
  let TableName: string;

  beforeAll(async () => {
    sdkClient = createLocalDynamoDbClient(inject('dynamodbEndpoint'));
    client = createDynamoDbWireClient({ endpoint: inject('dynamodbEndpoint'), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    TableName = `wire-${randomUUID()}`;
    await ensureTable(sdkClient, table, TableName);
  });

  afterAll(() => {
    client.destroy();
    sdkClient.destroy();
  });

  it('PutItem then GetItem round-trips every type; binary goes out as bytes and comes back base64', async () => {
    // Prepare
    const item = {
      ...key('MEDIA#types'),
      name: S('cat.jpg'),
      size: { N: '1024' },
      raw: { B: new Uint8Array([0, 1, 2, 255]) },
      tags: { SS: ['cat', 'pet'] },
      scores: { NS: ['1', '2.5'] },
      blobs: { BS: [new Uint8Array([104, 105])] },
      meta: { M: { width: { N: '640' }, list: { L: [S('a'), { BOOL: true }, { NULL: true }] } } },
    };

    // Act
    const put = await client.call('PutItem', { TableName, Item: item });
    const got = await client.call<{ Item?: Item }>('GetItem', { TableName, Key: key('MEDIA#types'), ConsistentRead: true });

    // Assess
    expect(put).toEqual({});
    expect(got.Item).toEqual({
      ...key('MEDIA#types'),
      name: S('cat.jpg'),
      size: { N: '1024' },
      raw: { B: 'AAEC/w==' },
      tags: { SS: expect.arrayContaining(['cat', 'pet']) },
      scores: { NS: expect.arrayContaining(['1', '2.5']) },
      blobs: { BS: ['aGk='] },
      meta: { M: { width: { N: '640' }, list: { L: [S('a'), { BOOL: true }, { NULL: true }] } } },
    });
  });

  it('UpdateItem returns the new image and DeleteItem the old one', async () => {
    await client.call('PutItem', { TableName, Item: { ...key('MEDIA#update'), count: { N: '1' } } });

    const updated = await client.call<{ Attributes?: Item }>('UpdateItem', {
      TableName,
      Key: key('MEDIA#update'),
      UpdateExpression: 'SET #c = #c + :one',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'ALL_NEW',
    });
    const deleted = await client.call<{ Attributes?: Item }>('DeleteItem', { TableName, Key: key('MEDIA#update'), ReturnValues: 'ALL_OLD' });
    const gone = await client.call<{ Item?: Item }>('GetItem', { TableName, Key: key('MEDIA#update'), ConsistentRead: true });

    expect(updated.Attributes).toEqual({ ...key('MEDIA#update'), count: { N: '2' } });
    expect(deleted.Attributes).toEqual({ ...key('MEDIA#update'), count: { N: '2' } });
    expect(gone).toEqual({});
  });

  it('Query pages a GSI with Limit and ExclusiveStartKey; Scan reads the table', async () => {
    for (const index of [1, 2, 3]) {
      await client.call('PutItem', {
        TableName,
        Item: { ...key(`MEDIA#q${index}`), gsi1pk: S('OWNER#wire'), gsi1sk: S(`2024-01-0${index}`) },
      });
    }

    const first = await client.call<{ Items: Item[]; LastEvaluatedKey?: Item; Count: number }>('Query', {
      TableName,
      IndexName: 'byOwner',
      KeyConditionExpression: 'gsi1pk = :owner',
      ExpressionAttributeValues: { ':owner': S('OWNER#wire') },
      ScanIndexForward: false,
      Limit: 2,
    });
    const second = await client.call<{ Items: Item[]; LastEvaluatedKey?: Item }>('Query', {
      TableName,
      IndexName: 'byOwner',
      KeyConditionExpression: 'gsi1pk = :owner',
      ExpressionAttributeValues: { ':owner': S('OWNER#wire') },
      ScanIndexForward: false,
      Limit: 2,
      ExclusiveStartKey: first.LastEvaluatedKey,
    });
    const scanned = await client.call<{ Items: Item[]; ScannedCount: number }>('Scan', {
      TableName,
      FilterExpression: 'begins_with(pk, :prefix)',
      ExpressionAttributeValues: { ':prefix': S('MEDIA#q') },
    });

    expect(first.Items.map((item) => item.pk)).toEqual([S('MEDIA#q3'), S('MEDIA#q2')]);
    expect(first.LastEvaluatedKey).toMatchObject({ gsi1pk: S('OWNER#wire'), gsi1sk: S('2024-01-02') });
    expect(second.Items.map((item) => item.pk)).toEqual([S('MEDIA#q1')]);
    expect(scanned.Items).toHaveLength(3);
    expect(scanned.ScannedCount).toBeGreaterThanOrEqual(3);
  });

  it('BatchWriteItem and BatchGetItem', async () => {
    const written = await client.call<{ UnprocessedItems?: Record<string, unknown[]> }>('BatchWriteItem', {
      RequestItems: { [TableName]: [{ PutRequest: { Item: { ...key('TAG#b1'), n: { N: '1' } } } }, { PutRequest: { Item: key('TAG#b2') } }] },
    });
    const read = await client.call<{ Responses: Record<string, Item[]> }>('BatchGetItem', {
      RequestItems: { [TableName]: { Keys: [key('TAG#b1'), key('TAG#b2'), key('TAG#absent')], ConsistentRead: true } },
    });
    await client.call('BatchWriteItem', { RequestItems: { [TableName]: [{ DeleteRequest: { Key: key('TAG#b1') } }] } });
    const afterDelete = await client.call<{ Responses: Record<string, Item[]> }>('BatchGetItem', {
      RequestItems: { [TableName]: { Keys: [key('TAG#b1')], ConsistentRead: true } },
    });

    expect(written.UnprocessedItems).toEqual({});
    expect(read.Responses[TableName]?.map((item) => item.pk?.S).sort()).toEqual(['TAG#b1', 'TAG#b2']);
    expect(afterDelete.Responses[TableName]).toEqual([]);
  });

  it('TransactWriteItems then TransactGetItems in request order', async () => {
    await client.call('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName, Item: { ...key('TAG#t1'), name: S('dog') } } },
        { Put: { TableName, Item: { ...key('TAG#t2'), name: S('cat') }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    });

    const read = await client.call<{ Responses: { Item?: Item }[] }>('TransactGetItems', {
      TransactItems: [{ Get: { TableName, Key: key('TAG#t2') } }, { Get: { TableName, Key: key('TAG#none') } }, { Get: { TableName, Key: key('TAG#t1') } }],
    });

    expect(read.Responses).toEqual([{ Item: { ...key('TAG#t2'), name: S('cat') } }, {}, { Item: { ...key('TAG#t1'), name: S('dog') } }]);
  });

  it('throws ConditionalCheckFailedException with the current item when asked for it', async () => {
    await client.call('PutItem', { TableName, Item: { ...key('MEDIA#taken'), raw: { B: new Uint8Array([9]) } } });

    const failure = client.call('PutItem', {
      TableName,
      Item: key('MEDIA#taken'),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });

    await expect(failure).rejects.toBeInstanceOf(DynamoDbServiceError);
    await expect(failure).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      statusCode: 400,
      requestId: expect.stringMatching(/.+/),
      Item: { ...key('MEDIA#taken'), raw: { B: 'CQ==' } },
    });
  });

  it('throws TransactionCanceledException with one cancellation reason per item', async () => {
    await client.call('PutItem', { TableName, Item: { ...key('TAG#busy'), name: S('busy') } });

    const failure = client.call('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName, Item: key('TAG#fresh') } },
        {
          ConditionCheck: {
            TableName,
            Key: key('TAG#busy'),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });

    await expect(failure).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      statusCode: 400,
      CancellationReasons: [
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: expect.stringMatching(/^The conditional request failed/), Item: { ...key('TAG#busy'), name: S('busy') } },
      ],
    });
  });

  it('throws ValidationException and ResourceNotFoundException by name', async () => {
    await expect(client.call('GetItem', { TableName, Key: { pk: S('half-a-key') } })).rejects.toMatchObject({
      name: 'ValidationException',
      statusCode: 400,
    });
    await expect(client.call('GetItem', { TableName: `absent-${randomUUID()}`, Key: key('x') })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      statusCode: 400,
    });
  });

  it('serves many calls in flight over the kept-alive pool', async () => {
    const keys = Array.from({ length: 40 }, (_, index) => key(`MEDIA#many${index}`));
    await Promise.all(keys.map((Key, index) => client.call('PutItem', { TableName, Item: { ...Key, index: { N: String(index) } } })));

    const items = await Promise.all(keys.map((Key) => client.call<{ Item?: Item }>('GetItem', { TableName, Key, ConsistentRead: true })));

    expect(items.map((output) => output.Item?.index)).toEqual(keys.map((_, index) => ({ N: String(index) })));
  });
});
