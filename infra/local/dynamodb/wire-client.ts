/**
 * A lean client for DynamoDB's JSON 1.0 wire protocol: the exact requests the AWS SDK sends, built
 * without its middleware stack. The local AppSync DynamoDB data source uses it to emulate AppSync's
 * own calls to DynamoDB, where the SDK cost more CPU than the rest of a GraphQL request.
 *
 * The protocol ("DynamoDB low-level API", developerguide/Programming.LowLevelAPI.html): `POST /`
 * with `Content-Type: application/x-amz-json-1.0`, `X-Amz-Target: DynamoDB_20120810.<Operation>`,
 * a SigV4 `Authorization` (service `dynamodb`) and the operation's input as JSON, exactly as in the
 * API reference (numbers as strings, binary as base64). Errors ("Error handling with DynamoDB",
 * developerguide/Programming.Errors.html) come back as a 4xx/5xx with
 * `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"…"}` and the
 * request id in `x-amzn-RequestId`.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  canonicalRequest,
  deriveSigningKey,
  sha256Hex,
  signatureFor,
  SCOPE_TERMINATOR,
  SIGV4_ALGORITHM,
  stringToSign,
} from '../auth/sigv4';

/** The DynamoDB operations this client is used for (the data source's, and table management). */
export type DynamoDbOperation =
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'CreateTable'
  | 'DeleteItem'
  | 'DeleteTable'
  | 'DescribeTable'
  | 'DescribeTimeToLive'
  | 'GetItem'
  | 'ListTables'
  | 'PutItem'
  | 'Query'
  | 'Scan'
  | 'TransactGetItems'
  | 'TransactWriteItems'
  | 'UpdateItem'
  | 'UpdateTable'
  | 'UpdateTimeToLive';

export interface DynamoDbCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials' token, sent (and signed) as `X-Amz-Security-Token`. */
  readonly sessionToken?: string;
}

export interface DynamoDbWireClientOptions {
  /** e.g. `http://127.0.0.1:8000` (DynamoDB Local) or `https://dynamodb.eu-west-1.amazonaws.com`. */
  endpoint: string;
  region: string;
  credentials: DynamoDbCredentials;
  /** Time allowed for one attempt, connection included. @default 10000 */
  timeoutMs?: number;
  /** Attempts per call, the first included (the SDK's standard mode). @default 3 */
  maxAttempts?: number;
  /** Backoff base; throttling errors wait 5× longer, as the SDK's standard mode. @default 100 */
  retryBaseDelayMs?: number;
  /** Sockets kept to the endpoint. @default 64 */
  maxSockets?: number;
}

/** Sends DynamoDB API calls. */
export interface DynamoDbWireClient {
  /**
   * Performs one operation.
   * @param input the operation's request body as in the DynamoDB API reference; `Uint8Array`
   *   binary values are sent base64-encoded
   * @returns the parsed response body (binary values stay base64 strings)
   * @throws DynamoDbServiceError (DynamoDB answered with an error), DynamoDbTimeoutError,
   *   DynamoDbNetworkError (no answer)
   */
  call<T = Record<string, unknown>>(operation: DynamoDbOperation, input: object): Promise<T>;
  /** Closes the kept-alive sockets. */
  destroy(): void;
}

/** One entry of a TransactionCanceledException's `CancellationReasons`, as DynamoDB sends it. */
export interface WireCancellationReason {
  readonly Code?: string;
  readonly Message?: string;
  readonly Item?: Record<string, unknown>;
}

/** DynamoDB answered with an error: `name` is the exception (`__type` after `#`). */
export class DynamoDbServiceError extends Error {
  readonly statusCode: number;
  readonly requestId: string | undefined;
  /** TransactionCanceledException: one reason per transaction item, in order. */
  readonly CancellationReasons: readonly WireCancellationReason[] | undefined;
  /** ConditionalCheckFailedException with `ReturnValuesOnConditionCheckFailure: ALL_OLD`: the item. */
  readonly Item: Record<string, unknown> | undefined;
  constructor(options: {
    name: string;
    message: string;
    statusCode: number;
    requestId?: string;
    cancellationReasons?: readonly WireCancellationReason[];
    item?: Record<string, unknown>;
  }) {
    super(options.message);
    this.name = options.name;
    this.statusCode = options.statusCode;
    this.requestId = options.requestId;
    this.CancellationReasons = options.cancellationReasons;
    this.Item = options.item;
  }
}

/** An attempt got no complete answer within the allowed time. Not retried: a write may have landed. */
export class DynamoDbTimeoutError extends Error {
  readonly operation: DynamoDbOperation;
  readonly timeoutMs: number;
  constructor(operation: DynamoDbOperation, endpoint: string, timeoutMs: number) {
    super(`DynamoDB ${operation} at ${endpoint} did not answer within ${timeoutMs} ms.`);
    this.name = 'DynamoDbTimeoutError';
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/** The request failed below HTTP (refused, reset, broken pipe) on every attempt. */
export class DynamoDbNetworkError extends Error {
  /** The socket error code, e.g. `ECONNREFUSED`. */
  readonly code: string | undefined;
  readonly attempts: number;
  constructor(cause: Error & { code?: string }, attempts: number) {
    // The socket error's own message ("connect ECONNREFUSED 127.0.0.1:1"), as the SDK reported it.
    super(cause.message, { cause });
    this.name = 'DynamoDbNetworkError';
    this.code = cause.code;
    this.attempts = attempts;
  }
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const SERVICE = 'dynamodb';
const MAXIMUM_RETRY_DELAY_MS = 20_000;
const IDLE_SOCKET_MS = 20_000;
const THROTTLING_DELAY_FACTOR = 5;
/**
 * Error names the SDK's standard retry mode treats as throttling (@smithy service-error-
 * classification THROTTLING_ERROR_CODES, the ones DynamoDB raises). Never retried:
 * ConditionalCheckFailed, Validation, TransactionCanceled and every other 4xx.
 */
const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'LimitExceededException',
]);
/** Socket errors the SDK retries (NODEJS_TIMEOUT_ERROR_CODES). */
const RETRIED_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED']);

/**
 * Creates a client; it holds a keep-alive socket pool until `destroy()`.
 * @returns the client
 * @example
 * const client = createDynamoDbWireClient({ endpoint, region: 'us-east-1', credentials });
 * const { Item } = await client.call<{ Item?: Record<string, unknown> }>('GetItem', { TableName, Key });
 */
export function createDynamoDbWireClient(options: DynamoDbWireClientOptions): DynamoDbWireClient {
  const url = new URL(options.endpoint);
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') throw new TypeError(`Unsupported DynamoDB endpoint protocol: ${options.endpoint}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.retryBaseDelayMs ?? 100;
  // Idle sockets are closed after 20 s, before the server does: DynamoDB Local's Jetty drops a
  // connection idle for 30 s (measured), and a request sent on it just then would fail.
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, timeout: IDLE_SOCKET_MS };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const send = secure ? httpsRequest : httpRequest;
  const target = { host: url.host, path: url.pathname || '/' };
  const signer = createRequestSigner(options.region, options.credentials);
  const requestOptions: RequestOptions = {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || (secure ? 443 : 80),
    path: target.path,
    method: 'POST',
    agent,
  };
  let reachable = false;

  const attempt = (operation: DynamoDbOperation, body: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      let settled = false;
      const headers = signer.sign({ operation, body, host: target.host, path: target.path, date: new Date() });
      const request: ClientRequest = send({ ...requestOptions, headers: { ...headers, 'content-length': Buffer.byteLength(body) } });
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => {
        finish(() => reject(new DynamoDbTimeoutError(operation, options.endpoint, timeoutMs)));
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) => finish(() => reject(error)));
      request.on('response', (response: IncomingMessage) => {
        reachable = true;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', (error) => finish(() => reject(error)));
        response.on('end', () => finish(() => readAnswer(response, text, resolve, reject)));
        // The connection closed mid-answer: retried like a reset socket.
        response.on('close', () => {
          if (!response.complete) finish(() => reject(Object.assign(new Error('DynamoDB closed the connection mid-answer'), { code: 'ECONNRESET' })));
        });
      });
      request.end(body);
    });

  return {
    async call<T>(operation: DynamoDbOperation, input: object): Promise<T> {
      const body = JSON.stringify(input, binaryAsBase64);
      for (let attemptNumber = 1; ; attemptNumber++) {
        try {
          return (await attempt(operation, body)) as T;
        } catch (error) {
          const verdict = retryVerdict(error, reachable);
          if (verdict === 'never' || attemptNumber >= maxAttempts) throw finalError(error, attemptNumber);
          await sleep(retryDelayMs(attemptNumber, verdict === 'throttled' ? baseDelayMs * THROTTLING_DELAY_FACTOR : baseDelayMs));
        }
      }
    },
    destroy() {
      agent.destroy();
    },
  };
}

function readAnswer(response: IncomingMessage, text: string, resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  const statusCode = response.statusCode ?? 0;
  const requestId = headerText(response.headers['x-amzn-requestid']);
  if (statusCode >= 200 && statusCode < 300) {
    try {
      resolve(JSON.parse(text === '' ? '{}' : text));
    } catch (error) {
      reject(
        new DynamoDbServiceError({
          name: 'DeserializationError',
          message: `Deserialization error: ${(error as Error).message}`,
          statusCode,
          requestId,
        }),
      );
    }
    return;
  }
  reject(parseServiceError(statusCode, text, { requestId, errorType: headerText(response.headers['x-amzn-errortype']) }));
}

/**
 * Reads a DynamoDB error answer. The exception name is taken, as the SDK's awsJson1_0 protocol
 * does, from the `x-amzn-ErrorType` header, else the body's `code`, else its `__type`, keeping the
 * part after `#` and before `:` (`com.amazon.coral.validate#ValidationException` → `ValidationException`).
 * @returns the typed error, with CancellationReasons / Item when DynamoDB sent them
 */
export function parseServiceError(
  statusCode: number,
  bodyText: string,
  headers: { requestId?: string; errorType?: string } = {},
): DynamoDbServiceError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status code is all there is.
  }
  const rawName = headers.errorType ?? stringField(body, 'code') ?? stringField(body, '__type');
  const message = stringField(body, 'message') ?? stringField(body, 'Message') ?? (bodyText.trim() || `HTTP ${statusCode}`);
  return new DynamoDbServiceError({
    name: rawName ? exceptionName(rawName) : 'UnknownError',
    message,
    statusCode,
    requestId: headers.requestId,
    cancellationReasons: Array.isArray(body.CancellationReasons) ? (body.CancellationReasons as WireCancellationReason[]) : undefined,
    item: isRecord(body.Item) ? body.Item : undefined,
  });
}

/** `aws.protocoltests#Name:http://…` → `Name` (the SDK's sanitizeErrorCode). */
function exceptionName(raw: string): string {
  let name = raw.split(',')[0] ?? raw;
  name = name.split(':')[0] ?? name;
  const hash = name.indexOf('#');
  return (hash === -1 ? name : name.slice(hash + 1)).trim() || 'UnknownError';
}

/** How a failed attempt may be retried. */
export type RetryVerdict = 'never' | 'transient' | 'throttled';

/**
 * The SDK standard mode's classification, for what can happen locally: 5xx and socket errors are
 * transient, throttling errors (and HTTP 429) throttled, any other answer final. A refused
 * connection is only retried once the endpoint has answered before: a server that was never
 * there should fail fast rather than after the backoff. A timeout is final (see DynamoDbTimeoutError).
 * @returns the verdict
 */
export function retryVerdict(error: unknown, reachable: boolean): RetryVerdict {
  if (error instanceof DynamoDbServiceError) {
    if (error.statusCode === 429 || THROTTLING_ERRORS.has(error.name)) return 'throttled';
    return error.statusCode >= 500 ? 'transient' : 'never';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !RETRIED_SOCKET_ERRORS.has(code)) return 'never';
  return code === 'ECONNREFUSED' && !reachable ? 'never' : 'transient';
}

/**
 * Full-jitter exponential backoff, as the SDK's DefaultRetryBackoffStrategy:
 * random × min(base × 2^(retry − 1), 20 s).
 * @returns milliseconds to wait before attempt `attemptNumber + 1`
 */
export function retryDelayMs(attemptNumber: number, baseDelayMs: number): number {
  return Math.floor(Math.random() * Math.min(baseDelayMs * 2 ** (attemptNumber - 1), MAXIMUM_RETRY_DELAY_MS));
}

function finalError(error: unknown, attempts: number): unknown {
  if (error instanceof DynamoDbServiceError || error instanceof DynamoDbTimeoutError) return error;
  // Socket-level failures carry a code (ECONNREFUSED, ECONNRESET, …); anything else is a bug: pass it on.
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') return new DynamoDbNetworkError(error, attempts);
  return error;
}

/** What {@link createRequestSigner}'s `sign` needs to know about one request. */
export interface SigningInput {
  readonly operation: DynamoDbOperation;
  readonly body: string;
  /** `hostname[:port]` exactly as sent in the `Host` header. */
  readonly host: string;
  readonly path: string;
  readonly date: Date;
}

/** Signs requests for one region and credential, deriving the signing key once per day. */
export interface RequestSigner {
  /** @returns the request's headers, `authorization` included (names lower-case) */
  sign(input: SigningInput): Record<string, string>;
}

/**
 * Creates a SigV4 signer for service `dynamodb`. It signs `content-type`, `host`, `x-amz-date`,
 * `x-amz-target` (and `x-amz-security-token`), over the SHA-256 of the body; DynamoDB needs no
 * `X-Amz-Content-Sha256` header (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
 * @returns the signer
 */
export function createRequestSigner(region: string, credentials: DynamoDbCredentials): RequestSigner {
  let cachedDay = '';
  let cachedKey: Buffer = Buffer.alloc(0);
  const signedHeaders = credentials.sessionToken
    ? ['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']
    : ['content-type', 'host', 'x-amz-date', 'x-amz-target'];
  const signedHeaderList = signedHeaders.join(';');
  return {
    sign(input: SigningInput): Record<string, string> {
      const amzDate = input.date.toISOString().replace(/[-:]|\.\d{3}/g, '');
      const day = amzDate.slice(0, 8);
      if (day !== cachedDay) {
        cachedKey = deriveSigningKey(credentials.secretAccessKey, day, region, SERVICE);
        cachedDay = day;
      }
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPE,
        host: input.host,
        'x-amz-date': amzDate,
        'x-amz-target': TARGET_PREFIX + input.operation,
      };
      if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
      const canonical = canonicalRequest({
        method: 'POST',
        pathAndQuery: input.path,
        headers,
        signedHeaders,
        payloadHash: sha256Hex(input.body),
      });
      const scope = `${day}/${region}/${SERVICE}/${SCOPE_TERMINATOR}`;
      const signature = signatureFor(cachedKey, stringToSign(amzDate, scope, canonical));
      headers.authorization = `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaderList}, Signature=${signature}`;
      return headers;
    },
  };
}

/** JSON.stringify replacer: binary attribute values (Uint8Array, Buffer) go out as base64, as the SDK sends them. */
function binaryAsBase64(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
  return value;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
