import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbDataSource } from '../../../../../../infra/local/appsync/datasources/dynamodb';
import type { DataSource } from '../../../../../../infra/local/appsync/types';
import { createLocalDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../../../infra/local/dynamodb/client';
import { createDynamoDbWireClient, type DynamoDbWireClient } from '../../../../../../infra/local/dynamodb/wire-client';
import { ensureTable } from '../../../../../../infra/local/dynamodb/table';
import { table } from '../../../../../../infra/table';

const context = { identity: null, requestId: 'test' };
const S = (value: string) => ({ S: value });
const key = (pk: string, sk = 'META') => ({ pk: S(pk), sk: S(sk) });

/** Untyped JSON, as `ctx.result` is in a response handler. */
type Json = ReturnType<typeof JSON.parse>;
type Outcome = { result?: Json; error?: { message: string; type: string } };

/** `ctx.result` and `ctx.error` as the executor hands them to the response handler. */
async function call(dataSource: DataSource, request: unknown): Promise<Outcome> {
  return (await dataSource.invoke(request, context)) as Outcome;
}

describe('DynamoDB data source against DynamoDB Local', () => {
  let sdkClient: DynamoDBClient;
  let client: DynamoDbWireClient;
  let tableName: string;
  let otherTable: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    sdkClient = createLocalDynamoDbClient(inject('dynamodbEndpoint'));
    client = createDynamoDbWireClient({ endpoint: inject('dynamodbEndpoint'), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    tableName = `ds-${randomUUID()}`;
    otherTable = `ds-other-${randomUUID()}`;
    await ensureTable(sdkClient, table, tableName);
    await ensureTable(sdkClient, table, otherTable);
    dataSource = createDynamoDbDataSource({ name: 'MediaTable', client, tableName, tokenSecret: 'integration-test-secret-0123456789' });
  });

  afterAll(() => {
    client.destroy();
    sdkClient.destroy();
  });

  describe('GetItem and PutItem', () => {
    it('returns the written item as plain JSON, and null for an absent key', async () => {
      // Prepare
      const put = await call(dataSource, {
        operation: 'PutItem',
        key: key('MEDIA#get'),
        attributeValues: {
          name: S('cat.jpg'),
          size: { N: 1024 },
          ratio: { N: '1.50' },
          tags: { SS: ['cat', 'pet'] },
          scores: { NS: [1, 2.5] },
          thumb: { B: 'aGVsbG8=' },
          deleted: { NULL: null },
          ok: { BOOL: true },
          meta: { M: { width: { N: 640 }, list: { L: [S('a'), { N: 1 }] } } },
        },
      });

      // Act
      const got = await call(dataSource, { operation: 'GetItem', key: key('MEDIA#get'), consistentRead: true });
      const absent = await call(dataSource, { operation: 'GetItem', key: key('MEDIA#nothing') });

      // Assess
      expect(put.error).toBeUndefined();
      expect(put.result).toMatchObject({ pk: 'MEDIA#get', name: 'cat.jpg', size: 1024 });
      expect(got.result).toEqual({
        pk: 'MEDIA#get',
        sk: 'META',
        name: 'cat.jpg',
        size: 1024,
        ratio: 1.5,
        tags: expect.arrayContaining(['cat', 'pet']),
        scores: expect.arrayContaining([1, 2.5]),
        thumb: 'aGVsbG8=',
        deleted: null,
        ok: true,
        meta: { width: 640, list: ['a', 1] },
      });
      expect(absent).toEqual({ result: null });
    });

    it('returns only the projected attributes', async () => {
      await call(dataSource, { operation: 'PutItem', key: key('MEDIA#proj'), attributeValues: { name: S('n'), size: { N: 1 } } });

      const got = await call(dataSource, {
        operation: 'GetItem',
        key: key('MEDIA#proj'),
        projection: { expression: '#n, size', expressionNames: { '#n': 'name' } },
      });

      expect(got.result).toEqual({ name: 'n', size: 1 });
    });
  });

  describe('conditions', () => {
    it('fails a conditional PutItem with AppSync error type and message, and gives the current item', async () => {
      await call(dataSource, { operation: 'PutItem', key: key('MEDIA#cond'), attributeValues: { name: S('first') } });

      const second = await call(dataSource, {
        operation: 'PutItem',
        key: key('MEDIA#cond'),
        attributeValues: { name: S('second') },
        condition: { expression: 'attribute_not_exists(pk)' },
      });

      expect(second.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
      expect(second.error?.message).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
      expect(second.result).toEqual({ pk: 'MEDIA#cond', sk: 'META', name: 'first' });
      const stored = await call(dataSource, { operation: 'GetItem', key: key('MEDIA#cond') });
      expect(stored.result.name).toBe('first');
    });

    it('treats a failed PutItem as successful when the stored item, binary included, is the one it tried to write', async () => {
      const attributeValues = { thumb: { B: 'AAEC/w==' }, hashes: { BS: ['aGk=', 'eW8='] } };
      await call(dataSource, { operation: 'PutItem', key: key('MEDIA#binary'), attributeValues });

      const again = await call(dataSource, {
        operation: 'PutItem',
        key: key('MEDIA#binary'),
        attributeValues,
        condition: { expression: 'attribute_not_exists(pk)' },
      });

      expect(again).toEqual({
        result: { pk: 'MEDIA#binary', sk: 'META', thumb: 'AAEC/w==', hashes: expect.arrayContaining(['aGk=', 'eW8=']) },
      });
    });

    it('treats a failed PutItem as successful when the item already matches, ignoring equalsIgnore', async () => {
      await call(dataSource, {
        operation: 'PutItem',
        key: key('MEDIA#same'),
        attributeValues: { name: S('x'), version: { N: 8 } },
      });

      const retried = await call(dataSource, {
        operation: 'PutItem',
        key: key('MEDIA#same'),
        attributeValues: { name: S('x'), version: { N: 2 } },
        condition: { expression: 'version = :expected', expressionValues: { ':expected': { N: 1 } }, equalsIgnore: ['version'] },
      });
      const different = await call(dataSource, {
        operation: 'PutItem',
        key: key('MEDIA#same'),
        attributeValues: { name: S('y'), version: { N: 2 } },
        condition: { expression: 'version = :expected', expressionValues: { ':expected': { N: 1 } }, equalsIgnore: ['version'] },
      });

      expect(retried).toEqual({ result: { pk: 'MEDIA#same', sk: 'META', name: 'x', version: 8 } });
      expect(different.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    });

    it('updates with an update expression and returns the new image; rejects a false condition', async () => {
      await call(dataSource, { operation: 'PutItem', key: key('MEDIA#upd'), attributeValues: { count: { N: 1 }, status: S('A') } });

      const updated = await call(dataSource, {
        operation: 'UpdateItem',
        key: key('MEDIA#upd'),
        update: { expression: 'SET #s = :s ADD #c :one', expressionNames: { '#s': 'status', '#c': 'count' }, expressionValues: { ':s': S('B'), ':one': { N: 1 } } },
        condition: { expression: '#s = :expected', expressionNames: { '#s': 'status' }, expressionValues: { ':expected': S('A') } },
      });
      const rejected = await call(dataSource, {
        operation: 'UpdateItem',
        key: key('MEDIA#upd'),
        update: { expression: 'SET #s = :s', expressionNames: { '#s': 'status' }, expressionValues: { ':s': S('C') } },
        condition: { expression: '#s = :expected', expressionNames: { '#s': 'status' }, expressionValues: { ':expected': S('A') } },
      });

      expect(updated).toEqual({ result: { pk: 'MEDIA#upd', sk: 'META', count: 2, status: 'B' } });
      expect(rejected.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
      expect(rejected.result).toEqual({ pk: 'MEDIA#upd', sk: 'META', count: 2, status: 'B' });
    });

    it('deletes and returns the old item; a conditional delete of an absent item counts as done', async () => {
      await call(dataSource, { operation: 'PutItem', key: key('MEDIA#del'), attributeValues: { name: S('gone') } });

      const deleted = await call(dataSource, { operation: 'DeleteItem', key: key('MEDIA#del') });
      const again = await call(dataSource, {
        operation: 'DeleteItem',
        key: key('MEDIA#del'),
        condition: { expression: 'attribute_exists(pk)' },
      });

      expect(deleted).toEqual({ result: { pk: 'MEDIA#del', sk: 'META', name: 'gone' } });
      expect(again).toEqual({ result: null });
    });
  });

  describe('Query, Scan and pagination', () => {
    const owner = 'OWNER#alice#MEDIA';

    beforeAll(async () => {
      for (let index = 0; index < 7; index++) {
        await call(dataSource, {
          operation: 'PutItem',
          key: key(`MEDIA#q${index}`),
          attributeValues: { gsi1pk: S(owner), gsi1sk: S(`2026-01-0${index + 1}T00:00:00Z#q${index}`), n: { N: index } },
        });
      }
    });

    it('lists a GSI newest first', async () => {
      const page = await call(dataSource, {
        operation: 'Query',
        index: 'byOwner',
        query: { expression: 'gsi1pk = :owner', expressionValues: { ':owner': S(owner) } },
        scanIndexForward: false,
      });

      expect(page.result.items.map((item: { n: number }) => item.n)).toEqual([6, 5, 4, 3, 2, 1, 0]);
      expect(page.result.nextToken).toBeNull();
      expect(page.result.scannedCount).toBe(7);
    });

    it('pages through 3 pages with sealed tokens and rejects a tampered or foreign token', async () => {
      const query = {
        operation: 'Query',
        index: 'byOwner',
        query: { expression: 'gsi1pk = :owner', expressionValues: { ':owner': S(owner) } },
        limit: 3,
      };

      const first = await call(dataSource, query);
      const second = await call(dataSource, { ...query, nextToken: first.result.nextToken });
      const third = await call(dataSource, { ...query, nextToken: second.result.nextToken });
      const [body, signature] = (first.result.nextToken as string).split('.');
      const flipped = Buffer.from(body!, 'base64url');
      flipped[flipped.length - 3]! ^= 0x04;
      const tampered = await call(dataSource, { ...query, nextToken: `${flipped.toString('base64url')}.${signature}` });
      const otherIndex = await call(dataSource, {
        operation: 'Query',
        index: 'byParent',
        query: { expression: 'gsi2pk = :p', expressionValues: { ':p': S('x') } },
        nextToken: first.result.nextToken,
      });
      const otherSecret = createDynamoDbDataSource({ name: 'x', client, tableName, tokenSecret: 'another-secret-0123456789abcdef' });
      const forged = await call(otherSecret, { ...query, nextToken: first.result.nextToken });

      const pages = [first, second, third].map((page) => page.result.items.map((item: { n: number }) => item.n));
      expect(pages).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
      expect(third.result.nextToken).toBeNull();
      expect(typeof first.result.nextToken).toBe('string');
      for (const bad of [tampered, otherIndex, forged]) {
        expect(bad).toEqual({
          error: {
            type: 'DynamoDB:UserIllegalArgumentException',
            message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
          },
        });
      }
    });

    it('applies filter, projection and select on a Query', async () => {
      const page = await call(dataSource, {
        operation: 'Query',
        index: 'byOwner',
        query: { expression: 'gsi1pk = :owner', expressionValues: { ':owner': S(owner) } },
        filter: { expression: '#n >= :min', expressionNames: { '#n': 'n' }, expressionValues: { ':min': { N: 5 } } },
        projection: { expression: '#n' },
        select: 'SPECIFIC_ATTRIBUTES',
      });

      expect(page.result.items).toEqual([{ n: 5 }, { n: 6 }]);
      expect(page.result.scannedCount).toBe(7);
    });

    it('scans in parallel segments that together cover the table', async () => {
      const segments = await Promise.all(
        [0, 1].map((segment) =>
          call(dataSource, {
            operation: 'Scan',
            segment,
            totalSegments: 2,
            filter: { expression: 'begins_with(pk, :prefix)', expressionValues: { ':prefix': S('MEDIA#q') } },
          }),
        ),
      );

      const all = segments.flatMap((page) => page.result.items.map((item: { pk: string }) => item.pk)).sort();
      expect(all).toEqual(['MEDIA#q0', 'MEDIA#q1', 'MEDIA#q2', 'MEDIA#q3', 'MEDIA#q4', 'MEDIA#q5', 'MEDIA#q6']);
    });
  });

  describe('batch operations', () => {
    it('BatchPutItem, BatchGetItem in key order with null for a missing key, BatchDeleteItem', async () => {
      const items = ['b1', 'b2', 'b3'].map((id) => ({ ...key(`MEDIA#${id}`), name: S(id) }));

      const put = await call(dataSource, { operation: 'BatchPutItem', tables: { [tableName]: items, [otherTable]: [items[0]] } });
      const got = await call(dataSource, {
        operation: 'BatchGetItem',
        tables: {
          [tableName]: { keys: [key('MEDIA#b3'), key('MEDIA#missing'), key('MEDIA#b1')], consistentRead: true },
          [otherTable]: { keys: [key('MEDIA#b1')], projection: { expression: '#n', expressionNames: { '#n': 'name' } } },
        },
      });
      const deleted = await call(dataSource, { operation: 'BatchDeleteItem', tables: { [tableName]: [key('MEDIA#b1'), key('MEDIA#b2')] } });
      const afterDelete = await call(dataSource, {
        operation: 'BatchGetItem',
        tables: { [tableName]: { keys: [key('MEDIA#b1'), key('MEDIA#b2'), key('MEDIA#b3')], consistentRead: true } },
      });

      expect(put.result.data[tableName]).toEqual([
        { pk: 'MEDIA#b1', sk: 'META', name: 'b1' },
        { pk: 'MEDIA#b2', sk: 'META', name: 'b2' },
        { pk: 'MEDIA#b3', sk: 'META', name: 'b3' },
      ]);
      expect(put.result.unprocessedItems).toEqual({ [tableName]: [], [otherTable]: [] });
      expect(got.result).toEqual({
        data: {
          [tableName]: [{ pk: 'MEDIA#b3', sk: 'META', name: 'b3' }, null, { pk: 'MEDIA#b1', sk: 'META', name: 'b1' }],
          [otherTable]: [{ name: 'b1' }],
        },
        unprocessedKeys: { [tableName]: [], [otherTable]: [] },
      });
      expect(deleted.result).toEqual({
        data: { [tableName]: [{ pk: 'MEDIA#b1', sk: 'META' }, { pk: 'MEDIA#b2', sk: 'META' }] },
        unprocessedKeys: { [tableName]: [] },
      });
      expect(afterDelete.result.data[tableName]).toEqual([null, null, { pk: 'MEDIA#b3', sk: 'META', name: 'b3' }]);
    });
  });

  describe('transactions', () => {
    it('TransactWriteItems returns the keys; TransactGetItems returns items with null for missing', async () => {
      const written = await call(dataSource, {
        operation: 'TransactWriteItems',
        transactItems: [
          { table: tableName, operation: 'PutItem', key: key('TAG#t1'), attributeValues: { name: S('dog') } },
          { table: otherTable, operation: 'PutItem', key: key('TAG#t2'), attributeValues: { name: S('cat') } },
        ],
      });

      const read = await call(dataSource, {
        operation: 'TransactGetItems',
        transactItems: [
          { table: tableName, key: key('TAG#t1') },
          { table: tableName, key: key('TAG#absent') },
          { table: otherTable, key: key('TAG#t2'), projection: { expression: '#n', expressionNames: { '#n': 'name' } } },
        ],
      });

      expect(written).toEqual({
        result: { keys: [{ pk: 'TAG#t1', sk: 'META' }, { pk: 'TAG#t2', sk: 'META' }], cancellationReasons: null },
      });
      expect(read).toEqual({
        result: { items: [{ pk: 'TAG#t1', sk: 'META', name: 'dog' }, null, { name: 'cat' }], cancellationReasons: null },
      });
    });

    it('a cancelled transaction sets ctx.error and ctx.result.cancellationReasons, and writes nothing', async () => {
      await call(dataSource, { operation: 'PutItem', key: key('TAG#taken'), attributeValues: { name: S('taken') } });

      const cancelled = await call(dataSource, {
        operation: 'TransactWriteItems',
        transactItems: [
          { table: tableName, operation: 'PutItem', key: key('TAG#new'), attributeValues: { name: S('new') } },
          {
            table: tableName,
            operation: 'PutItem',
            key: key('TAG#taken'),
            attributeValues: { name: S('again') },
            condition: { expression: 'attribute_not_exists(pk)' },
          },
          {
            table: tableName,
            operation: 'ConditionCheck',
            key: key('TAG#taken'),
            condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
          },
        ],
      });
      const notWritten = await call(dataSource, { operation: 'GetItem', key: key('TAG#new'), consistentRead: true });

      expect(cancelled.error?.type).toBe('DynamoDB:TransactionCanceledException');
      expect(cancelled.error?.message).toMatch(/Transaction cancelled.*\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
      expect(cancelled.result).toEqual({
        keys: null,
        cancellationReasons: [
          { type: 'None', message: 'None' },
          {
            type: 'ConditionalCheckFailed',
            message: 'The conditional request failed',
            item: { pk: 'TAG#taken', sk: 'META', name: 'taken' },
          },
          // DynamoDB's own message; DynamoDB Local ends this one with a full stop.
          { type: 'ConditionalCheckFailed', message: expect.stringMatching(/^The conditional request failed/) },
        ],
      });
      expect(notWritten).toEqual({ result: null });
    });
  });

  describe('errors', () => {
    it('reports a DynamoDB validation error as DynamoDB:DynamoDbException, without throwing', async () => {
      const outcome = await call(dataSource, { operation: 'GetItem', key: { pk: S('only-half-a-key') } });

      expect(outcome.error?.type).toBe('DynamoDB:DynamoDbException');
      expect(outcome.error?.message).toMatch(/\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    });

    it('reports a request object it cannot read as a MappingTemplate error', async () => {
      const missingKey = await call(dataSource, { operation: 'GetItem' });
      const unknownOperation = await call(dataSource, { operation: 'Frobnicate', key: key('x') });

      expect(missingKey).toEqual({ error: { type: 'MappingTemplate', message: "Value for field '$[key]' not found." } });
      expect(unknownOperation.error?.type).toBe('MappingTemplate');
      expect(unknownOperation.error?.message).toContain("'Frobnicate'");
    });

    it('reports a missing table as DynamoDB:ResourceNotFoundException', async () => {
      const missingTable = createDynamoDbDataSource({ name: 'x', client, tableName: `absent-${randomUUID()}`, tokenSecret: 'integration-test-secret-0123456789' });

      const outcome = await call(missingTable, { operation: 'GetItem', key: key('x') });

      expect(outcome.error?.type).toBe('DynamoDB:ResourceNotFoundException');
    });

    it('reports a DynamoDB that does not answer as DynamoDB:SdkClientException, without throwing', async () => {
      // Port 1 on loopback: nothing listens, the connection is refused (and not retried).
      const nowhere = createDynamoDbWireClient({ endpoint: 'http://127.0.0.1:1', region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      const unreachable = createDynamoDbDataSource({ name: 'x', client: nowhere, tableName, tokenSecret: 'integration-test-secret-0123456789' });

      const outcome = await call(unreachable, { operation: 'GetItem', key: key('x') });
      nowhere.destroy();

      expect(outcome).toEqual({
        error: { type: 'DynamoDB:SdkClientException', message: 'Unable to execute HTTP request: connect ECONNREFUSED 127.0.0.1:1' },
      });
    });
  });

  describe('given an AWS SDK DynamoDBClient', () => {
    it('reaches the same DynamoDB through its endpoint, region and credentials', async () => {
      const viaSdkConfig = createDynamoDbDataSource({ name: 'x', client: sdkClient, tableName, tokenSecret: 'integration-test-secret-0123456789' });

      const put = await call(viaSdkConfig, { operation: 'PutItem', key: key('MEDIA#sdk'), attributeValues: { name: S('via sdk'), raw: { B: 'AAEC/w==' } } });
      const got = await call(dataSource, { operation: 'GetItem', key: key('MEDIA#sdk'), consistentRead: true });
      const conflict = await call(viaSdkConfig, {
        operation: 'PutItem',
        key: key('MEDIA#sdk'),
        attributeValues: { name: S('other') },
        condition: { expression: 'attribute_not_exists(pk)' },
      });

      expect(put.error).toBeUndefined();
      expect(got.result).toEqual({ pk: 'MEDIA#sdk', sk: 'META', name: 'via sdk', raw: 'AAEC/w==' });
      expect(conflict.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
      expect(conflict.result).toEqual({ pk: 'MEDIA#sdk', sk: 'META', name: 'via sdk', raw: 'AAEC/w==' });
    });
  });
});
