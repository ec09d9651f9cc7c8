/**
 * Retries with capped exponential backoff and full jitter (the AWS Architecture Blog's
 * "Exponential Backoff and Jitter"; the SDKs' standard retry mode does the same) for the errors
 * AWS documents as worth retrying: throttling (Rekognition ThrottlingException and
 * ProvisionedThroughputExceededException, Comprehend TooManyRequestsException, Transcribe
 * LimitExceededException) and transient server faults (5xx, InternalServerError/Exception,
 * InternalFailureException, ServiceUnavailable). Validation errors are not retried.
 *
 * Clients built by the analysis adapters use `maxAttempts: 1`, so this is the only retry layer
 * (no SDK retries multiplied by ours).
 */

/** Error names (the SDK's `error.name`, the service's error code) that are worth retrying. */
export const RETRYABLE_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'InternalServerError',
  'InternalServerException',
  'InternalFailureException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Settings of `withRetry`. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 5 */
  readonly maxAttempts?: number;
  /** Backoff before the second attempt, doubled each time. @default 200 */
  readonly baseDelayMs?: number;
  /** Cap of one backoff. @default 10_000 */
  readonly maxDelayMs?: number;
  /** Waits (tests pass a fake). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1) source for jitter (tests pass a constant). @default Math.random */
  readonly random?: () => number;
  /** Which errors to retry. @default isRetryableAwsError */
  readonly isRetryable?: (error: unknown) => boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Whether an AWS SDK error is transient: a retryable name or code, a 5xx status, or the SDK's
 * own `$retryable` marking.
 * @returns true to retry
 */
export function isRetryableAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown; $retryable?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof candidate.name === 'string' && RETRYABLE_ERROR_NAMES.has(candidate.name)) return true;
  if (typeof candidate.code === 'string' && RETRYABLE_ERROR_NAMES.has(candidate.code)) return true;
  if (candidate.$retryable) return true;
  const status = candidate.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500 && status !== 501;
}

/**
 * The backoff before attempt `attempt + 1`: uniform in [0, min(cap, base · 2^(attempt−1))).
 * @returns milliseconds to wait
 */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'> = {}): number {
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1)));
}

/**
 * Runs `operation`, retrying transient failures.
 * @returns the operation's result
 * @throws the last error once attempts run out, or the first non-retryable error at once
 * @example
 * const labels = await withRetry(() => client.send(new DetectLabelsCommand(input)));
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const sleep = options.sleep ?? defaultSleep;
  const isRetryable = options.isRetryable ?? isRetryableAwsError;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      await sleep(backoffDelay(attempt, options));
    }
  }
}
