import { describe, expect, it } from 'vitest';
import {
  batchDelete,
  batchGet,
  batchPut,
  createDynamodbModule,
  get,
  put,
  query,
  remove,
  scan,
  sync,
  transactGet,
  transactWrite,
  update,
} from '../../../../../../infra/local/appsync/runtime/dynamodb-helpers';
import { createOperations, toNumberSet, toStringSet } from '../../../../../../infra/local/appsync/runtime/dynamodb-operations';

/**
 * The examples are the ones AppSync documents for the built-in DynamoDB module:
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html
 * Request shapes: https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html
 * AppSync documents the meaning of each helper, not the placeholder names inside generated
 * expressions, so those names are this runtime's own (see dynamodb-update-expression.ts).
 */
const operations = createOperations();

describe('Function: get', () => {
  it('builds the GetItem request of the documented example get({ key: { id } })', () => {
    // Matches AppSync's output recorded by localstack/appsync-utils: { operation, key } only.
    expect(get({ key: { id: 'id' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
  });

  it('adds consistentRead and a projection of attribute paths', () => {
    expect(get({ key: { pk: 'MEDIA#1', sk: 'META' }, consistentRead: true, projection: ['id', 'name', 'nested.object[1]'] })).toEqual({
      operation: 'GetItem',
      key: { pk: { S: 'MEDIA#1' }, sk: { S: 'META' } },
      consistentRead: true,
      projection: {
        expression: '#id, #name, #nested.#object[1]',
        expressionNames: { '#id': 'id', '#name': 'name', '#nested': 'nested', '#object': 'object' },
      },
    });
  });

  it('refuses a missing key', () => {
    expect(() => get({})).toThrow(/`key` must be an object/);
  });
});

describe('Function: put', () => {
  it('builds the PutItem request of the documented example put({ key: { id }, item: ctx.args })', () => {
    expect(put({ key: { id: 'a1' }, item: { title: 'Hello', votes: 3, tags: ['x'] } })).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'a1' } },
      attributeValues: { title: { S: 'Hello' }, votes: { N: 3 }, tags: { L: [{ S: 'x' }] } },
    });
  });

  it('renders the documented owner condition and keeps the module’s sets as sets', () => {
    const request = put({
      key: { id: 'task-1' },
      item: { owner: 'me', labels: toStringSet(['a', 'b']) },
      condition: { owner: { eq: 'me' } },
      _version: 2,
    });
    expect(request).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'task-1' } },
      attributeValues: { owner: { S: 'me' }, labels: { SS: ['a', 'b'] } },
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'me' } } },
      _version: 2,
    });
  });

  it('drops empty expressionValues from a condition (DynamoDB rejects an empty map)', () => {
    const request = put({ key: { id: 'x' }, item: {}, condition: { id: { attributeExists: false } } });
    expect(request.condition).toEqual({ expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } });
  });

  it('refuses a condition that is not a filter object', () => {
    expect(() => put({ key: { id: 'x' }, item: {}, condition: { id: { bogus: 1 } } })).toThrow(/not a valid filter object/);
  });
});

describe('Function: remove', () => {
  it('builds the DeleteItem request of the documented example, with an optional condition', () => {
    expect(remove({ key: { id: 'a1' } })).toEqual({ operation: 'DeleteItem', key: { id: { S: 'a1' } } });
    expect(remove({ key: { id: 'a1' }, condition: { owner: { eq: 'me' } } }).condition).toEqual({
      expression: '(#owner = :owner_eq)',
      expressionNames: { '#owner': 'owner' },
      expressionValues: { ':owner_eq': { S: 'me' } },
    });
  });
});

describe('Function: update with operations', () => {
  it('sets plain values and updates nested objects member by member', () => {
    expect(update({ key: { id: 1 }, update: { isVerified: true, address: { city: 'New York' } } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { N: 1 } },
      update: {
        expression: 'SET #isVerified = :isVerified, #address.#city = :address_city',
        expressionNames: { '#isVerified': 'isVerified', '#address': 'address', '#city': 'city' },
        expressionValues: { ':isVerified': { BOOL: true }, ':address_city': { S: 'New York' } },
      },
    });
  });

  it('adds or replaces a whole attribute with operations.add / operations.replace (documented address examples)', () => {
    const address = { street1: '123 Main St', city: 'New York', zip: '10001' };
    for (const operation of [operations.add(address), operations.replace(address)]) {
      expect(update({ key: { id: 1 }, update: { address: operation } }).update).toEqual({
        expression: 'SET #address = :address',
        expressionNames: { '#address': 'address' },
        expressionValues: { ':address': { M: { street1: { S: '123 Main St' }, city: { S: 'New York' }, zip: { S: '10001' } } } },
      });
    }
  });

  it('removes with operations.remove()', () => {
    expect(update({ key: { id: 1 }, update: { address: operations.remove() } }).update).toEqual({
      expression: 'REMOVE #address',
      expressionNames: { '#address': 'address' },
    });
  });

  it('increments and decrements friendsCount by 10 (documented examples) with ADD', () => {
    expect(update({ key: { id: 1 }, update: { friendsCount: operations.increment(10) } }).update).toEqual({
      expression: 'ADD #friendsCount :friendsCount',
      expressionNames: { '#friendsCount': 'friendsCount' },
      expressionValues: { ':friendsCount': { N: 10 } },
    });
    expect(update({ key: { id: 1 }, update: { friendsCount: operations.decrement(10) } }).update).toMatchObject({
      expressionValues: { ':friendsCount': { N: -10 } },
    });
    expect(update({ key: { id: 1 }, update: { views: operations.increment() } }).update).toMatchObject({
      expressionValues: { ':views': { N: 1 } },
    });
  });

  it('appends and prepends friendsIds [101, 104, 111] (documented examples) with list_append', () => {
    expect(update({ key: { id: 1 }, update: { friendsIds: operations.append([101, 104, 111]) } }).update).toEqual({
      expression: 'SET #friendsIds = list_append(#friendsIds, :friendsIds)',
      expressionNames: { '#friendsIds': 'friendsIds' },
      expressionValues: { ':friendsIds': { L: [{ N: 101 }, { N: 104 }, { N: 111 }] } },
    });
    expect(update({ key: { id: 1 }, update: { friendsIds: operations.prepend([101]) } }).update).toMatchObject({
      expression: 'SET #friendsIds = list_append(:friendsIds, #friendsIds)',
    });
  });

  it('updates the 2nd and 3rd friends with updateListItem (documented example)', () => {
    const friendsIds = [operations.updateListItem('102', 1), operations.updateListItem('112', 2)];
    expect(update({ key: { id: 1 }, update: { friendsIds } }).update).toEqual({
      expression: 'SET #friendsIds[1] = :friendsIds_1, #friendsIds[2] = :friendsIds_2',
      expressionNames: { '#friendsIds': 'friendsIds' },
      expressionValues: { ':friendsIds_1': { S: '102' }, ':friendsIds_2': { S: '112' } },
    });
  });

  it('combines actions in SET, REMOVE, ADD order with the documented name condition', () => {
    const request = update({
      key: { id: 'XXXXXXXXXXXXXXXX' },
      update: { views: operations.increment(), draft: operations.remove(), title: 'New', list: ['a'] },
      condition: { name: { eq: 'XXXXXXXXXXXXXXXX' } },
      customPartitionKey: 'pk',
    });
    expect(request.update).toMatchObject({ expression: 'SET #title = :title, #list = :list REMOVE #draft ADD #views :views' });
    expect(request.condition).toMatchObject({ expression: '(#name = :name_eq)' });
    expect(request.customPartitionKey).toBe('pk');
  });

  it('gives distinct safe placeholders to names that sanitize alike', () => {
    const request = update({ key: { id: 1 }, update: { 'a-b': 1, a_b: 2 } });
    expect(request.update).toEqual({
      expression: 'SET #a_b = :a_b, #a_b_1 = :a_b_1',
      expressionNames: { '#a_b': 'a-b', '#a_b_1': 'a_b' },
      expressionValues: { ':a_b': { N: 1 }, ':a_b_1': { N: 2 } },
    });
  });

  it('refuses an update that changes nothing or mixes values with list item updates', () => {
    expect(() => update({ key: { id: 1 }, update: {} })).toThrow(/changes nothing/);
    expect(() => update({ key: { id: 1 }, update: { list: ['a', operations.updateListItem('b', 1)] } })).toThrow(TypeError);
    expect(() => operations.increment('1' as unknown as number)).toThrow(TypeError);
    expect(() => operations.updateListItem('x', -1)).toThrow(TypeError);
  });
});

describe('Function: query', () => {
  it('builds the documented query({ query: { id: { eq } } }) as a key condition', () => {
    expect(query({ query: { id: { eq: 'a1' } } })).toEqual({
      operation: 'Query',
      query: { expression: '(#id = :id_eq)', expressionNames: { '#id': 'id' }, expressionValues: { ':id_eq': { S: 'a1' } } },
    });
  });

  it('renders a sort key condition, filter, index, paging, order, select and projection', () => {
    const request = query({
      query: { name: { eq: 'John' }, age: { gt: 20 } },
      filter: { isVerified: { eq: true } },
      index: 'byName',
      limit: 10,
      nextToken: 'token',
      scanIndexForward: false,
      consistentRead: false,
      select: 'ALL_ATTRIBUTES',
      projection: ['name'],
    });
    expect(request).toEqual({
      operation: 'Query',
      query: {
        expression: '(#name = :name_eq) AND (#age > :age_gt)',
        expressionNames: { '#name': 'name', '#age': 'age' },
        expressionValues: { ':name_eq': { S: 'John' }, ':age_gt': { N: 20 } },
      },
      index: 'byName',
      nextToken: 'token',
      limit: 10,
      consistentRead: false,
      select: 'ALL_ATTRIBUTES',
      scanIndexForward: false,
      filter: { expression: '(#isVerified = :isVerified_eq)', expressionNames: { '#isVerified': 'isVerified' }, expressionValues: { ':isVerified_eq': { BOOL: true } } },
      projection: { expression: '#name', expressionNames: { '#name': 'name' } },
    });
  });

  it('omits null paging arguments, as resolvers pass ctx.args straight through', () => {
    expect(query({ query: { id: { eq: 'a' } }, limit: null, nextToken: null, filter: null })).toEqual({
      operation: 'Query',
      query: { expression: '(#id = :id_eq)', expressionNames: { '#id': 'id' }, expressionValues: { ':id_eq': { S: 'a' } } },
    });
  });

  it('refuses a query without a key condition', () => {
    expect(() => query({ query: {} })).toThrow(/must name the partition key/);
  });
});

describe('Function: scan and sync', () => {
  it('builds the documented scan({ limit, nextToken })', () => {
    expect(scan({ limit: 10, nextToken: undefined })).toEqual({ operation: 'Scan', limit: 10 });
    expect(scan({ filter: { a: { gt: 1 } }, totalSegments: 4, segment: 1 })).toEqual({
      operation: 'Scan',
      totalSegments: 4,
      segment: 1,
      filter: { expression: '(#a > :a_gt)', expressionNames: { '#a': 'a' }, expressionValues: { ':a_gt': { N: 1 } } },
    });
  });

  it('builds the documented sync({ limit, nextToken, lastSync })', () => {
    expect(sync({ limit: 10, nextToken: 'n', lastSync: 1700000000000 })).toEqual({
      operation: 'Sync',
      limit: 10,
      nextToken: 'n',
      lastSync: 1700000000000,
    });
  });
});

describe('Function: batch and transaction helpers', () => {
  it('builds the documented batchGet', () => {
    expect(
      batchGet({ tables: { post: { keys: [{ id: '1' }, { id: '2' }], consistentRead: false, projection: ['id', 'name'] } } }),
    ).toEqual({
      operation: 'BatchGetItem',
      tables: {
        post: {
          keys: [{ id: { S: '1' } }, { id: { S: '2' } }],
          consistentRead: false,
          projection: { expression: '#id, #name', expressionNames: { '#id': 'id', '#name': 'name' } },
        },
      },
    });
  });

  it('builds the documented batchPut and batchDelete', () => {
    expect(batchPut({ tables: { post: [{ id: 'one', value: 'x' }], comment: [{ id: 'one', comment: 'x' }] } })).toEqual({
      operation: 'BatchPutItem',
      tables: {
        post: [{ id: { S: 'one' }, value: { S: 'x' } }],
        comment: [{ id: { S: 'one' }, comment: { S: 'x' } }],
      },
    });
    expect(batchDelete({ tables: { post: [{ id: 'one' }, { id: 'two' }] } })).toEqual({
      operation: 'BatchDeleteItem',
      tables: { post: [{ id: { S: 'one' } }, { id: { S: 'two' } }] },
    });
  });

  it('builds the documented transactGet', () => {
    expect(transactGet({ items: [{ table: 'post', key: { id: '1' }, projection: ['name'] }, { table: 'post', key: { id: '2' } }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [
        { table: 'post', key: { id: { S: '1' } }, projection: { expression: '#name', expressionNames: { '#name': 'name' } } },
        { table: 'post', key: { id: { S: '2' } } },
      ],
    });
  });

  it('builds the documented transactWrite with put, delete, update and condition check', () => {
    const request = transactWrite({
      items: [
        { putItem: { table: 'post', key: { id: '1' }, item: { title: 't' } } },
        { deleteItem: { table: 'post', key: { id: '2' } } },
        { updateItem: { table: 'post', key: { id: '2' }, update: { count: operations.increment() } } },
        { conditionCheck: { table: 'post', key: { id: '2' }, condition: { version: { eq: 3 } } } },
      ],
    });
    expect(request).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'post', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { title: { S: 't' } } },
        { table: 'post', operation: 'DeleteItem', key: { id: { S: '2' } } },
        {
          table: 'post',
          operation: 'UpdateItem',
          key: { id: { S: '2' } },
          update: { expression: 'ADD #count :count', expressionNames: { '#count': 'count' }, expressionValues: { ':count': { N: 1 } } },
        },
        {
          table: 'post',
          operation: 'ConditionCheck',
          key: { id: { S: '2' } },
          condition: { expression: '(#version = :version_eq)', expressionNames: { '#version': 'version' }, expressionValues: { ':version_eq': { N: 3 } } },
        },
      ],
    });
  });

  it('refuses an unknown transaction item', () => {
    expect(() => transactWrite({ items: [{ upsert: { table: 'post', key: { id: '1' } } }] })).toThrow(/putItem, updateItem/);
  });
});

describe('Function: module set helpers', () => {
  it('returns the documented shapes ({ "NS": ["1", "2", "3"] } uses strings)', () => {
    expect(toStringSet(['a', 'b', 'c'])).toEqual({ SS: ['a', 'b', 'c'] });
    expect(toNumberSet([1, 2, 3])).toEqual({ NS: ['1', '2', '3'] });
    expect(JSON.stringify(toNumberSet([1]))).toBe('{"NS":["1"]}');
  });
});

describe('Function: createDynamodbModule', () => {
  it('exports every function dynamodb-helpers.d.ts declares', () => {
    expect(Object.keys(createDynamodbModule()).sort()).toEqual(
      [
        'batchDelete',
        'batchGet',
        'batchPut',
        'get',
        'operations',
        'put',
        'query',
        'remove',
        'scan',
        'sync',
        'toBinarySet',
        'toNumberSet',
        'toStringSet',
        'transactGet',
        'transactWrite',
        'update',
      ].sort(),
    );
  });
});
