import { describe, expect, it } from 'vitest';
import {
  DynamoDbServiceError,
  parseServiceError,
  retryDelayMs,
  retryVerdict,
} from '../../../../../infra/local/dynamodb/wire-client';

describe('Function: parseServiceError', () => {
  it('names the exception after the # of a DynamoDB __type and keeps message, status and request id', () => {
    // Prepare: the example answer of "Error handling with DynamoDB" (Programming.Errors.html)
    const body = '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: tablename not found"}';

    // Act
    const error = parseServiceError(400, body, { requestId: 'LDM6CJP8RMQ1FHKSC1RBVJFPNVV4KQNSO5AEMF66Q9ASUAAJG' });

    // Assess
    expect(error).toBeInstanceOf(DynamoDbServiceError);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found: Table: tablename not found',
      statusCode: 400,
      requestId: 'LDM6CJP8RMQ1FHKSC1RBVJFPNVV4KQNSO5AEMF66Q9ASUAAJG',
    });
  });

  it('reads the coral validation form and a capitalised Message', () => {
    const body = '{"__type":"com.amazon.coral.validate#ValidationException","Message":"The provided key element does not match the schema"}';

    const error = parseServiceError(400, body);

    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('The provided key element does not match the schema');
  });

  it('keeps the current item of a ConditionalCheckFailedException (ReturnValuesOnConditionCheckFailure)', () => {
    const body = JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: { pk: { S: 'MEDIA#1' }, thumb: { B: 'AAEC/w==' } },
    });

    const error = parseServiceError(400, body);

    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.Item).toEqual({ pk: { S: 'MEDIA#1' }, thumb: { B: 'AAEC/w==' } });
    expect(error.CancellationReasons).toBeUndefined();
  });

  it('keeps the CancellationReasons of a TransactionCanceledException, in order', () => {
    const reasons = [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'a' } } }];
    const body = JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
      CancellationReasons: reasons,
    });

    const error = parseServiceError(400, body);

    expect(error.name).toBe('TransactionCanceledException');
    expect(error.message).toMatch(/^Transaction cancelled/);
    expect(error.CancellationReasons).toEqual(reasons);
  });

  it('prefers the x-amzn-ErrorType header and strips what follows a colon, as the SDK does', () => {
    const error = parseServiceError(400, '{"message":"slow down"}', {
      errorType: 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/',
    });

    expect(error.name).toBe('ThrottlingException');
  });

  it('still gives a typed error for an answer that is not JSON', () => {
    const error = parseServiceError(502, '<html>Bad Gateway</html>');

    expect(error).toMatchObject({ name: 'UnknownError', message: '<html>Bad Gateway</html>', statusCode: 502 });
  });
});

describe('Function: retryVerdict', () => {
  const answered = (name: string, statusCode = 400) => new DynamoDbServiceError({ name, message: 'x', statusCode });
  const socketError = (code: string) => Object.assign(new Error(code), { code });

  it.each(['ConditionalCheckFailedException', 'ValidationException', 'TransactionCanceledException', 'ResourceNotFoundException'])(
    'never retries %s',
    (name) => {
      expect(retryVerdict(answered(name), true)).toBe('never');
    },
  );

  it('retries server errors as transient and throttling as throttled', () => {
    expect(retryVerdict(answered('InternalServerError', 500), true)).toBe('transient');
    expect(retryVerdict(answered('UnknownError', 503), true)).toBe('transient');
    expect(retryVerdict(answered('ThrottlingException'), true)).toBe('throttled');
    expect(retryVerdict(answered('ProvisionedThroughputExceededException'), true)).toBe('throttled');
    expect(retryVerdict(answered('UnknownError', 429), true)).toBe('throttled');
  });

  it('retries reset and broken sockets, and a refused connection only once the endpoint has answered', () => {
    expect(retryVerdict(socketError('ECONNRESET'), false)).toBe('transient');
    expect(retryVerdict(socketError('EPIPE'), false)).toBe('transient');
    expect(retryVerdict(socketError('ECONNREFUSED'), false)).toBe('never');
    expect(retryVerdict(socketError('ECONNREFUSED'), true)).toBe('transient');
    expect(retryVerdict(socketError('ENOTFOUND'), true)).toBe('never');
  });
});

describe('Function: retryDelayMs', () => {
  it('waits a random time below base × 2^(retry − 1), capped at 20 s', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(3, 100));

    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(400);
    expect(new Set(delays).size).toBeGreaterThan(10);
    expect(retryDelayMs(30, 100)).toBeLessThan(20_000);
  });
});
