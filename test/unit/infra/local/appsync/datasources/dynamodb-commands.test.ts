import { describe, expect, it } from 'vitest';
import {
  batchGetItemInput,
  batchWriteItemInput,
  putItemInput,
  queryInput,
  transactWriteItemsInput,
  updateItemInput,
} from '../../../../../../infra/local/appsync/datasources/dynamodb-commands';
import { parseDynamoDbRequest } from '../../../../../../infra/local/appsync/datasources/dynamodb-request';
import type {
  BatchGetItemRequest,
  PutItemRequest,
  QueryRequest,
  TransactWriteItemsRequest,
  UpdateItemRequest,
} from '../../../../../../infra/local/appsync/datasources/dynamodb-request-types';

const key = { pk: { S: 'MEDIA#1' }, sk: { S: 'META' } };

describe('Function: putItemInput', () => {
  it('writes the attributes with the key laid over them, and the condition with its placeholders', () => {
    const request = parseDynamoDbRequest({
      operation: 'PutItem',
      key,
      attributeValues: { pk: { S: 'ignored' }, name: { S: 'x' } },
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    }) as PutItemRequest;

    expect(putItemInput(request, 'Table')).toEqual({
      TableName: 'Table',
      Item: { pk: { S: 'MEDIA#1' }, sk: { S: 'META' }, name: { S: 'x' } },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: undefined,
    });
  });
});

describe('Function: updateItemInput', () => {
  it('asks for the new image and merges update and condition placeholders', () => {
    const request = parseDynamoDbRequest({
      operation: 'UpdateItem',
      key,
      update: { expression: 'SET #s = :s', expressionNames: { '#s': 'status' }, expressionValues: { ':s': { S: 'DONE' } } },
      condition: { expression: '#v = :v', expressionNames: { '#v': 'version' }, expressionValues: { ':v': { N: 3 } } },
    }) as UpdateItemRequest;

    expect(updateItemInput(request, 'Table')).toEqual({
      TableName: 'Table',
      Key: key,
      UpdateExpression: 'SET #s = :s',
      ConditionExpression: '#v = :v',
      ReturnValues: 'ALL_NEW',
      ExpressionAttributeNames: { '#s': 'status', '#v': 'version' },
      ExpressionAttributeValues: { ':s': { S: 'DONE' }, ':v': { N: '3' } },
    });
  });
});

describe('Function: queryInput', () => {
  it('maps every Query field and the exclusive start key; leaves out empty placeholder maps', () => {
    const request = parseDynamoDbRequest({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: 'gsi1pk = :o', expressionValues: { ':o': { S: 'OWNER#a' } } },
      filter: { expression: '#t = :t', expressionNames: { '#t': 'type' }, expressionValues: { ':t': { S: 'IMAGE' } } },
      projection: { expression: '#t, id' },
      limit: 10,
      scanIndexForward: false,
      select: 'SPECIFIC_ATTRIBUTES',
    }) as QueryRequest;

    expect(queryInput(request, 'Table', key)).toEqual({
      TableName: 'Table',
      IndexName: 'byOwner',
      KeyConditionExpression: 'gsi1pk = :o',
      FilterExpression: '#t = :t',
      ProjectionExpression: '#t, id',
      Select: 'SPECIFIC_ATTRIBUTES',
      Limit: 10,
      ScanIndexForward: false,
      ConsistentRead: false,
      ExclusiveStartKey: key,
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':o': { S: 'OWNER#a' }, ':t': { S: 'IMAGE' } },
    });
    const bare = parseDynamoDbRequest({ operation: 'Query', query: { expression: 'pk = :p', expressionValues: { ':p': { S: 'x' } } } }) as QueryRequest;
    expect(queryInput(bare, 'Table').ExpressionAttributeNames).toBeUndefined();
  });
});

describe('Function: batchGetItemInput', () => {
  it('adds the key attributes to a projection so items can be matched back to keys', () => {
    const request = parseDynamoDbRequest({
      operation: 'BatchGetItem',
      tables: { A: { keys: [key], projection: { expression: '#n', expressionNames: { '#n': 'name' } } }, B: { keys: [key], consistentRead: true } },
    }) as BatchGetItemRequest;

    expect(batchGetItemInput(request)).toEqual({
      RequestItems: {
        A: {
          Keys: [key],
          ConsistentRead: false,
          ProjectionExpression: '#n, #mgKey0, #mgKey1',
          ExpressionAttributeNames: { '#n': 'name', '#mgKey0': 'pk', '#mgKey1': 'sk' },
        },
        B: { Keys: [key], ConsistentRead: true, ProjectionExpression: undefined, ExpressionAttributeNames: undefined },
      },
    });
  });
});

describe('Function: batchWriteItemInput', () => {
  it('makes PutRequests for BatchPutItem and DeleteRequests for BatchDeleteItem', () => {
    const put = parseDynamoDbRequest({ operation: 'BatchPutItem', tables: { A: [{ ...key, n: { N: 1 } }] } });
    const remove = parseDynamoDbRequest({ operation: 'BatchDeleteItem', tables: { A: [key] } });

    expect(batchWriteItemInput(put as never)).toEqual({ RequestItems: { A: [{ PutRequest: { Item: { ...key, n: { N: '1' } } } }] } });
    expect(batchWriteItemInput(remove as never)).toEqual({ RequestItems: { A: [{ DeleteRequest: { Key: key } }] } });
  });
});

describe('Function: transactWriteItemsInput', () => {
  it('asks for the current item on a failed check unless returnValuesOnConditionCheckFailure is false', () => {
    const request = parseDynamoDbRequest({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'A', operation: 'PutItem', key, attributeValues: { n: { N: 1 } }, condition: { expression: 'attribute_not_exists(pk)' } },
        { table: 'B', operation: 'ConditionCheck', key, condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false } },
        { table: 'C', operation: 'UpdateItem', key, update: { expression: 'REMOVE x' } },
      ],
    }) as TransactWriteItemsRequest;

    expect(transactWriteItemsInput(request).TransactItems).toEqual([
      {
        Put: {
          TableName: 'A',
          Item: { n: { N: '1' }, ...key },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ExpressionAttributeNames: undefined,
          ExpressionAttributeValues: undefined,
        },
      },
      {
        ConditionCheck: {
          TableName: 'B',
          Key: key,
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValuesOnConditionCheckFailure: undefined,
          ExpressionAttributeNames: undefined,
          ExpressionAttributeValues: undefined,
        },
      },
      {
        Update: {
          TableName: 'C',
          Key: key,
          UpdateExpression: 'REMOVE x',
          ConditionExpression: undefined,
          ReturnValuesOnConditionCheckFailure: undefined,
          ExpressionAttributeNames: undefined,
          ExpressionAttributeValues: undefined,
        },
      },
    ]);
  });
});
