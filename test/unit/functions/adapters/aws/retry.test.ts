import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableAwsError, withRetry } from '../../../../../functions/adapters/aws/retry';

/** An error shaped like the SDK's ServiceException (name = AWS error code, $metadata.httpStatusCode). */
const awsError = (name: string, httpStatusCode: number) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });

describe('Function: isRetryableAwsError', () => {
  it.each([
    ['ThrottlingException', 500],
    ['ProvisionedThroughputExceededException', 400],
    ['LimitExceededException', 400],
    ['TooManyRequestsException', 400],
    ['InternalServerError', 500],
    ['SomethingNew', 503],
  ])('retries %s (HTTP %i)', (name, status) => {
    expect(isRetryableAwsError(awsError(name, status))).toBe(true);
  });

  it.each([
    ['InvalidParameterException', 400],
    ['InvalidImageFormatException', 400],
    ['TextSizeLimitExceededException', 400],
    ['BadRequestException', 400],
  ])('does not retry %s (HTTP %i)', (name, status) => {
    expect(isRetryableAwsError(awsError(name, status))).toBe(false);
  });
});

describe('Function: backoffDelay', () => {
  it('doubles the ceiling each attempt, caps it, and jitters within it', () => {
    // Prepare: the largest jitter draw
    const random = () => 0.999;

    // Act
    const delays = [1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 500, random }));

    // Assess
    expect(delays).toEqual([99, 199, 399, 499, 499]);
    expect(backoffDelay(3, { baseDelayMs: 100, random: () => 0 })).toBe(0);
  });
});

describe('Function: withRetry', () => {
  it('retries throttling until the call succeeds, sleeping between attempts', async () => {
    // Prepare
    const sleeps: number[] = [];
    let calls = 0;
    const operation = async () => {
      calls += 1;
      if (calls < 3) throw awsError('ThrottlingException', 500);
      return 'labels';
    };

    // Act
    const result = await withRetry(operation, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, baseDelayMs: 100 });

    // Assess
    expect(result).toBe('labels');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('rethrows a validation error at once', async () => {
    // Prepare
    let calls = 0;
    const operation = async () => {
      calls += 1;
      throw awsError('InvalidParameterException', 400);
    };

    // Act + Assess
    await expect(withRetry(operation, { sleep: async () => {} })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts and rethrows the last error', async () => {
    // Prepare
    let calls = 0;
    const operation = async () => {
      calls += 1;
      throw awsError('ProvisionedThroughputExceededException', 400);
    };

    // Act + Assess
    await expect(withRetry(operation, { maxAttempts: 4, sleep: async () => {} })).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(calls).toBe(4);
  });
});
