import { ConditionalCheckFailedException, RequestLimitExceeded, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { toDataSourceError } from '../../../../../../infra/local/appsync/datasources/dynamodb-errors';

const metadata = { httpStatusCode: 400, requestId: 'REQ123' };

describe('Function: toDataSourceError', () => {
  it('names modelled DynamoDB exceptions as AppSync does, with the Java SDK message suffix', () => {
    const error = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: metadata });

    expect(toDataSourceError(error)).toEqual({
      type: 'DynamoDB:ConditionalCheckFailedException',
      message: 'The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: REQ123)',
    });
  });

  it('uses the Java SDK class name where it differs from the wire name', () => {
    const error = new RequestLimitExceeded({ message: 'Too many', $metadata: metadata });

    expect(toDataSourceError(error).type).toBe('DynamoDB:RequestLimitExceededException');
  });

  it('reports unmodelled service errors (ValidationException) as DynamoDB:DynamoDbException', () => {
    const error = new DynamoDBServiceException({
      name: 'ValidationException',
      $fault: 'client',
      message: 'One or more parameter values were invalid: Missing the key sk in the item',
      $metadata: metadata,
    });

    expect(toDataSourceError(error)).toEqual({
      type: 'DynamoDB:DynamoDbException',
      message: 'One or more parameter values were invalid: Missing the key sk in the item (Service: DynamoDb, Status Code: 400, Request ID: REQ123)',
    });
  });

  it('reports a failure without an HTTP answer as a client-side error', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { $metadata: {} });

    expect(toDataSourceError(error)).toEqual({
      type: 'DynamoDB:SdkClientException',
      message: 'Unable to execute HTTP request: connect ECONNREFUSED 127.0.0.1:1',
    });
  });
});
