/**
 * The AWS JSON 1.1 protocol as EventBridge speaks it: `POST /` with `X-Amz-Target: AWSEvents.<Op>`
 * and `Content-Type: application/x-amz-json-1.1`; answers are JSON, errors
 * `{"__type": "<Code>", "message": "…"}` with the code also in `x-amzn-ErrorType`, which is what
 * the AWS SDK reads to build its typed exception.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** An error to answer in AWS's JSON shape. */
export class AwsJsonError extends Error {
  readonly code: string;
  readonly statusCode: number;
  /** The `message` to send; null for errors AWS sends with `__type` only. */
  readonly answerMessage: string | null;
  constructor(code: string, message: string | null, statusCode = 400) {
    super(message ?? code);
    this.name = 'AwsJsonError';
    this.code = code;
    this.statusCode = statusCode;
    this.answerMessage = message;
  }
}

/** The body was larger than allowed. */
export class RequestTooLargeError extends AwsJsonError {
  constructor() {
    super('RequestEntityTooLargeException', 'Request entity too large', 413);
  }
}

/**
 * Reads a request body up to `limit` bytes.
 * @throws {RequestTooLargeError} past the limit
 * @returns the body as UTF-8 text
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        reject(new RequestTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Parses a request body; an empty body is `{}` as the SDK may send for operations without input.
 * @throws {AwsJsonError} SerializationException when it is not a JSON object
 */
export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AwsJsonError('SerializationException', 'Start of structure or map found where not expected.');
}

/** Lower-cased request headers, multi-values joined. */
export function headersOf(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/** Sends a successful answer. */
export function sendJson(response: ServerResponse, body: unknown, requestId: string = randomUUID()): void {
  const text = JSON.stringify(body);
  response
    .writeHead(200, { 'content-type': AWS_JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId })
    .end(text);
}

/** Sends an error in AWS's JSON shape. */
export function sendError(response: ServerResponse, statusCode: number, code: string, message: string | null, requestId: string = randomUUID()): void {
  const text = JSON.stringify(message === null ? { __type: code } : { __type: code, message });
  response
    .writeHead(statusCode, {
      'content-type': AWS_JSON_CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': code,
    })
    .end(text);
}
