import { ConditionalCheckFailedException, RequestLimitExceeded, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { toDataSourceError } from '../../../../../../infra/local/appsync/datasources/dynamodb-errors';
import { DynamoDbNetworkError, DynamoDbServiceError, DynamoDbTimeoutError } from '../../../../../../infra/local/dynamodb/wire-client';

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

  it('maps the wire client\'s DynamoDbServiceError exactly as the SDK exception of the same name', () => {
    const fromWire = new DynamoDbServiceError({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      statusCode: 400,
      requestId: 'REQ123',
    });
    const fromSdk = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: metadata });

    expect(toDataSourceError(fromWire)).toEqual(toDataSourceError(fromSdk));
    expect(toDataSourceError(new DynamoDbServiceError({ name: 'RequestLimitExceeded', message: 'x', statusCode: 400 })).type).toBe(
      'DynamoDB:RequestLimitExceededException',
    );
  });

  it('reports the wire client\'s ValidationException as DynamoDB:DynamoDbException', () => {
    const error = new DynamoDbServiceError({ name: 'ValidationException', message: 'Missing the key sk in the item', statusCode: 400, requestId: 'R9' });

    expect(toDataSourceError(error)).toEqual({
      type: 'DynamoDB:DynamoDbException',
      message: 'Missing the key sk in the item (Service: DynamoDb, Status Code: 400, Request ID: R9)',
    });
  });

  it('reports the wire client\'s network failures and timeouts as client-side errors', () => {
    const refused = new DynamoDbNetworkError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 1);
    const timeout = new DynamoDbTimeoutError('Query', 'http://127.0.0.1:8000', 10_000);

    expect(toDataSourceError(refused)).toEqual({
      type: 'DynamoDB:SdkClientException',
      message: 'Unable to execute HTTP request: connect ECONNREFUSED 127.0.0.1:1',
    });
    expect(toDataSourceError(timeout)).toEqual({
      type: 'DynamoDB:SdkClientException',
      message: 'Unable to execute HTTP request: DynamoDB Query at http://127.0.0.1:8000 did not answer within 10000 ms.',
    });
  });
});
