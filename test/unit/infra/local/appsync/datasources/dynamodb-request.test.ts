import { describe, expect, it } from 'vitest';
import { MappingTemplateError } from '../../../../../../infra/local/appsync/datasources/dynamodb-errors';
import { parseDynamoDbRequest } from '../../../../../../infra/local/appsync/datasources/dynamodb-request';

const key = { pk: { S: 'MEDIA#1' }, sk: { S: 'META' } };

function failure(request: unknown): string {
  try {
    parseDynamoDbRequest(request);
  } catch (error) {
    expect(error).toBeInstanceOf(MappingTemplateError);
    return (error as Error).message;
  }
  throw new Error('expected the request to be rejected');
}

describe('Function: parseDynamoDbRequest', () => {
  it('reads a GetItem with AppSync defaults (eventually consistent) and ignores `version`', () => {
    expect(parseDynamoDbRequest({ version: '2018-05-29', operation: 'GetItem', key })).toEqual({
      operation: 'GetItem',
      key,
      consistentRead: false,
      projection: undefined,
    });
  });

  it('reads a PutItem condition with AppSync defaults: strongly consistent re-read, Reject strategy', () => {
    const request = parseDynamoDbRequest({
      operation: 'PutItem',
      key,
      attributeValues: { size: { N: 3 } },
      condition: { expression: 'attribute_not_exists(pk)', conditionalCheckFailedHandler: { strategy: 'Reject' } },
    });

    expect(request).toMatchObject({
      operation: 'PutItem',
      attributeValues: { size: { N: '3' } },
      condition: { expression: 'attribute_not_exists(pk)', equalsIgnore: [], consistentRead: true },
    });
  });

  it('reads a Query with defaults (forward, eventually consistent) and treats an empty nextToken as none', () => {
    const request = parseDynamoDbRequest({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: 'gsi1pk = :o', expressionValues: { ':o': { S: 'x' } } },
      limit: 20,
      nextToken: '',
      select: 'ALL_PROJECTED_ATTRIBUTES',
    });

    expect(request).toMatchObject({
      operation: 'Query',
      index: 'byOwner',
      scanIndexForward: true,
      consistentRead: false,
      limit: 20,
      nextToken: undefined,
      select: 'ALL_PROJECTED_ATTRIBUTES',
    });
  });

  it('reads batch tables and transaction items', () => {
    expect(
      parseDynamoDbRequest({ operation: 'BatchGetItem', tables: { T: { keys: [key], projection: { expression: 'a' } } } }),
    ).toEqual({ operation: 'BatchGetItem', tables: { T: { keys: [key], consistentRead: false, projection: { expression: 'a', expressionNames: undefined } } } });
    expect(
      parseDynamoDbRequest({
        operation: 'TransactWriteItems',
        transactItems: [{ table: 'T', operation: 'DeleteItem', key, condition: { expression: 'attribute_exists(pk)' } }],
      }),
    ).toMatchObject({ transactItems: [{ operation: 'DeleteItem', condition: { returnValuesOnConditionCheckFailure: true } }] });
  });

  it.each([
    [{ key }, "Value for field '$[operation]' not found."],
    [{ operation: 'GetItem' }, "Value for field '$[key]' not found."],
    [{ operation: 'GetItem', key, consistent: true }, "Unsupported element '$[consistent]'."],
    [
      { operation: 'UpdateItem', key, update: { expression: 'SET a = :a', returnValues: 'ALL_OLD' } },
      "Unsupported element '$[update][returnValues]'.",
    ],
    [
      { operation: 'PutItem', key, condition: { expression: 'x', returnValuesOnConditionCheckFailure: true } },
      "Unsupported element '$[condition][returnValuesOnConditionCheckFailure]'.",
    ],
    [{ operation: 'UpdateItem', key }, "Value for field '$[update]' not found."],
    [{ operation: 'Query', query: { expression: 'a = :a' }, limit: 0 }, "Expected an integer ≥ 1 for field '$[limit]' but got number 0."],
    [{ operation: 'Query', query: { expression: 'a = :a' }, select: 'COUNT' }, "Expected one of ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES for field '$[select]'"],
    [{ operation: 'Query' }, "Value for field '$[query]' not found."],
    [{ operation: 'GetItem', key: { pk: 'MEDIA#1' } }, "at '$[key][pk]'"],
    [{ operation: 'BatchGetItem', tables: {} }, "At least one table must be given in '$[tables]'."],
    [{ operation: 'TransactGetItems', transactItems: [] }, "At least one request item must be given in '$[transactItems]'."],
    [
      { operation: 'TransactWriteItems', transactItems: [{ table: 'T', operation: 'ConditionCheck', key }] },
      "Value for field '$[transactItems][0][condition]' not found.",
    ],
    [
      { operation: 'TransactWriteItems', transactItems: [{ table: 'T', operation: 'GetItem', key }] },
      "Expected PutItem, UpdateItem, DeleteItem or ConditionCheck for field '$[transactItems][0][operation]'",
    ],
    [{ operation: 'Frobnicate' }, "Unsupported operation 'Frobnicate' for a DynamoDB data source."],
    [{ operation: 'Sync' }, "Operation 'Sync' is not supported by the local runtime"],
    [{ operation: 'PutItem', key, _version: 1 }, "Field '$[_version]' is not supported by the local runtime"],
    [
      { operation: 'DeleteItem', key, condition: { expression: 'x', conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn' } } },
      "conditionalCheckFailedHandler strategy 'Custom' (a Lambda function) is not supported by the local runtime.",
    ],
    ['GetItem', "Expected an object for field '$' but got string \"GetItem\"."],
  ])('rejects %j', (request, message) => {
    expect(failure(request)).toContain(message);
  });
});
