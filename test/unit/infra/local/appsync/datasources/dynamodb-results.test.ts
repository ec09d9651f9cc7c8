import { describe, expect, it } from 'vitest';
import { parseDynamoDbRequest } from '../../../../../../infra/local/appsync/datasources/dynamodb-request';
import type {
  BatchDeleteItemRequest,
  BatchGetItemRequest,
  BatchPutItemRequest,
} from '../../../../../../infra/local/appsync/datasources/dynamodb-request-types';
import {
  batchDeleteItemResult,
  batchGetItemResult,
  batchPutItemResult,
  cancelledTransactionResult,
  pageResult,
} from '../../../../../../infra/local/appsync/datasources/dynamodb-results';

const key = (id: string) => ({ pk: { S: id }, sk: { S: 'META' } });

describe('Function: batchGetItemResult', () => {
  it('puts items back in key order, null where nothing was found, and lists unprocessed keys', () => {
    const request = parseDynamoDbRequest({
      operation: 'BatchGetItem',
      tables: { T: { keys: [key('a'), key('b'), key('c'), key('d')] }, U: { keys: [key('x')] } },
    }) as BatchGetItemRequest;

    const result = batchGetItemResult(request, {
      Responses: { T: [{ ...key('c'), n: { N: '3' } }, { ...key('a'), n: { N: '1' } }] },
      UnprocessedKeys: { T: { Keys: [key('d')] } },
    });

    expect(result).toEqual({
      data: {
        T: [{ pk: 'a', sk: 'META', n: 1 }, null, { pk: 'c', sk: 'META', n: 3 }, null],
        U: [null],
      },
      unprocessedKeys: { T: [{ pk: 'd', sk: 'META' }], U: [] },
    });
  });

  it('drops the key attributes it added to a projection, keeps the ones asked for', () => {
    const request = parseDynamoDbRequest({
      operation: 'BatchGetItem',
      tables: {
        T: { keys: [key('a')], projection: { expression: '#n', expressionNames: { '#n': 'name' } } },
        U: { keys: [key('a')], projection: { expression: 'pk, name' } },
      },
    }) as BatchGetItemRequest;
    const item = { ...key('a'), name: { S: 'x' } };

    expect(batchGetItemResult(request, { Responses: { T: [item], U: [item] } }).data).toEqual({
      T: [{ name: 'x' }],
      U: [{ pk: 'a', name: 'x' }],
    });
  });
});

describe('Function: batchPutItemResult and batchDeleteItemResult', () => {
  it('returns written items and deleted keys in order, null where unprocessed', () => {
    const put = parseDynamoDbRequest({
      operation: 'BatchPutItem',
      tables: { T: [{ ...key('a'), n: { N: 1 } }, { ...key('b'), n: { N: 2 } }] },
    }) as BatchPutItemRequest;
    const remove = parseDynamoDbRequest({ operation: 'BatchDeleteItem', tables: { T: [key('a'), key('b')] } }) as BatchDeleteItemRequest;

    expect(batchPutItemResult(put, { UnprocessedItems: { T: [{ PutRequest: { Item: { ...key('b'), n: { N: '2' } } } }] } })).toEqual({
      data: { T: [{ pk: 'a', sk: 'META', n: 1 }, null] },
      unprocessedItems: { T: [{ pk: 'b', sk: 'META', n: 2 }] },
    });
    expect(batchDeleteItemResult(remove, { UnprocessedItems: { T: [{ DeleteRequest: { Key: key('a') } }] } })).toEqual({
      data: { T: [null, { pk: 'b', sk: 'META' }] },
      unprocessedKeys: { T: [{ pk: 'a', sk: 'META' }] },
    });
  });
});

describe('Function: cancelledTransactionResult', () => {
  it('has one reason per item, None for the innocent ones, and the current item when DynamoDB gave it', () => {
    const reasons = [
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { ...key('a'), v: { N: '8' } } },
    ];

    expect(cancelledTransactionResult('TransactWriteItems', reasons)).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'None', message: 'None' },
        { type: 'ConditionalCheckFailed', message: 'The conditional request failed', item: { pk: 'a', sk: 'META', v: 8 } },
      ],
    });
    expect(cancelledTransactionResult('TransactGetItems', [{ Code: 'TransactionConflict', Message: 'conflict' }])).toEqual({
      items: null,
      cancellationReasons: [{ type: 'TransactionConflict', message: 'conflict' }],
    });
  });
});

describe('Function: pageResult', () => {
  it('seals LastEvaluatedKey into nextToken, and gives null on the last page', () => {
    const seal = (lastKey: object) => `sealed:${JSON.stringify(lastKey)}`;

    expect(pageResult({ Items: [key('a')], ScannedCount: 4, LastEvaluatedKey: key('a') }, seal)).toEqual({
      items: [{ pk: 'a', sk: 'META' }],
      nextToken: `sealed:${JSON.stringify(key('a'))}`,
      scannedCount: 4,
    });
    expect(pageResult({ Items: [], ScannedCount: 0 }, seal)).toEqual({ items: [], nextToken: null, scannedCount: 0 });
  });
});
