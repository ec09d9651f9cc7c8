import { describe, expect, it } from 'vitest';
import { alreadyAsDesired, type ConditionalWrite } from '../../../../../../infra/local/appsync/datasources/dynamodb-condition-check';
import { parseDynamoDbRequest } from '../../../../../../infra/local/appsync/datasources/dynamodb-request';

const key = { id: { S: '1' } };
const condition = { expression: 'version = :expectedVersion', expressionValues: { ':expectedVersion': { N: 1 } } };

function write(request: object): ConditionalWrite {
  return parseDynamoDbRequest(request) as ConditionalWrite;
}

describe('Function: alreadyAsDesired', () => {
  it('PutItem: matches when only equalsIgnore attributes differ (the AWS documentation example)', () => {
    const request = write({
      operation: 'PutItem',
      key,
      attributeValues: { name: { S: 'Steve' }, version: { N: 2 } },
      condition: { ...condition, equalsIgnore: ['version'] },
    });

    expect(alreadyAsDesired(request, { id: { S: '1' }, name: { S: 'Steve' }, version: { N: '8' } })).toBe(true);
  });

  it('PutItem: does not match a different value, an extra attribute, or no item', () => {
    const request = write({ operation: 'PutItem', key, attributeValues: { name: { S: 'Steve' }, version: { N: 2 } }, condition });

    expect(alreadyAsDesired(request, { id: { S: '1' }, name: { S: 'Steve' }, version: { N: '8' } })).toBe(false);
    expect(alreadyAsDesired(request, { id: { S: '1' }, name: { S: 'Steve' }, version: { N: '2' }, extra: { S: 'x' } })).toBe(false);
    expect(alreadyAsDesired(request, undefined)).toBe(false);
    expect(alreadyAsDesired(request, { id: { S: '1' }, name: { S: 'Steve' }, version: { N: '2.0' } })).toBe(true);
  });

  it('DeleteItem: succeeded when the item is gone; UpdateItem: never decidable', () => {
    const remove = write({ operation: 'DeleteItem', key, condition });
    const update = write({ operation: 'UpdateItem', key, update: { expression: 'SET a = :a', expressionValues: { ':a': { S: 'x' } } }, condition });

    expect(alreadyAsDesired(remove, undefined)).toBe(true);
    expect(alreadyAsDesired(remove, { id: { S: '1' } })).toBe(false);
    expect(alreadyAsDesired(update, { id: { S: '1' }, a: { S: 'x' } })).toBe(false);
  });
});
