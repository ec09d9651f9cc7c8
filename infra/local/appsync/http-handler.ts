/**
 * AppSync's GraphQL HTTP endpoint: `POST /graphql` with `{query, variables, operationName}`,
 * authenticated per request (user-pool JWT in `Authorization`, or SigV4 for workers), answered
 * with AppSync's body and error shapes.
 * https://docs.aws.amazon.com/appsync/latest/devguide/graphql-overview.html
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import type { GraphQLEngine } from './graphql-engine';
import { AuthenticationError, type Authenticator } from './types';

/** AppSync's request payload limit. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export interface GraphQLHttpOptions {
  engine: GraphQLEngine;
  authenticator: Authenticator;
  logger: Logger;
}

/** CORS as AppSync answers browsers: any origin, the headers its clients send. */
export const corsHeaders: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers':
    'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256, x-api-key',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version',
  'access-control-max-age': '86400',
};

/** Handles one request to `/graphql`. */
export async function handleGraphQLRequest(req: IncomingMessage, res: ServerResponse, options: GraphQLHttpOptions): Promise<void> {
  const requestId = randomUUID();
  const started = performance.now();
  if (req.method === 'OPTIONS') {
    send(res, 204, requestId, null);
    return;
  }
  if (req.method !== 'POST' && req.method !== 'GET') {
    sendError(res, 405, requestId, 'MethodNotAllowedException', `Method ${req.method} is not allowed; send a POST or a GET.`);
    return;
  }
  let body = '';
  let parsed: ParsedOperation;
  if (req.method === 'GET') {
    // AppSync also takes queries and mutations as GET, with `query`, `variables` and `operationName` in the URL.
    parsed = parseOperationFromUrl(new URL(req.url ?? '/', 'http://localhost').searchParams);
  } else {
    try {
      body = await readBody(req, MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendError(res, 413, requestId, 'PayloadTooLargeException', `Request body exceeds ${MAX_REQUEST_BYTES} bytes.`);
        return;
      }
      throw error;
    }
    if (body.trim() === '') {
      sendError(res, 400, requestId, 'MalformedHttpRequestException', 'Request body is empty.');
      return;
    }
    parsed = parseOperation(body);
  }
  if ('problem' in parsed) {
    sendError(res, 400, requestId, 'MalformedHttpRequestException', parsed.problem);
    return;
  }
  let principal;
  try {
    principal = await options.authenticator.authenticate({
      method: req.method,
      path: req.url ?? '/graphql',
      headers: lowerCaseHeaders(req),
      body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    });
  } catch (error) {
    if (error instanceof AuthenticationError) {
      sendError(res, error.statusCode, requestId, error.errorType, error.message);
      options.logger.info('graphql.unauthenticated', { requestId, reason: error.message });
      return;
    }
    throw error;
  }
  if (options.engine.isSubscription(parsed.query, parsed.operationName)) {
    // AppSync refuses subscriptions on the HTTP endpoint with HTTP 400 BadRequestException.
    sendError(res, 400, requestId, 'BadRequestException', 'Subscriptions are not supported over HTTP; connect to the real-time endpoint /graphql/realtime.');
    return;
  }
  const result = await options.engine.execute({
    query: parsed.query,
    variables: parsed.variables,
    operationName: parsed.operationName,
    principal,
    headers: lowerCaseHeaders(req),
    requestId,
    domainName: null,
  });
  send(res, 200, requestId, result);
  options.logger.debug('graphql.request', {
    requestId,
    operationName: parsed.operationName,
    authMode: principal.mode,
    errors: result.errors?.length ?? 0,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  });
}

/** AppSync's message for a body it cannot read as `{query, variables, operationName}`. */
const UNPARSEABLE = 'Unable to parse GraphQL query.';

type ParsedOperation =
  | { query: string; variables: Record<string, unknown> | null; operationName: string | null }
  | { problem: string };

/** Validates the JSON body at the edge: a string `query`, an object `variables`, a string `operationName`. */
export function parseOperation(body: string): ParsedOperation {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: UNPARSEABLE };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { problem: UNPARSEABLE };
  }
  const { query, variables, operationName } = json as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') {
    return { problem: UNPARSEABLE };
  }
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return { problem: '"variables" must be a JSON object.' };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return { problem: '"operationName" must be a string.' };
  }
  return {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: (operationName as string | null | undefined) ?? null,
  };
}

/** The same checks for a GET's query string (variables as JSON text). */
export function parseOperationFromUrl(params: URLSearchParams): ParsedOperation {
  const variables = params.get('variables');
  let parsedVariables: unknown = null;
  if (variables) {
    try {
      parsedVariables = JSON.parse(variables);
    } catch {
      return { problem: UNPARSEABLE };
    }
  }
  return parseOperation(JSON.stringify({ query: params.get('query'), variables: parsedVariables, operationName: params.get('operationName') }));
}

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

class PayloadTooLargeError extends Error {}

/** Reads a request body up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, requestId: string, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { ...corsHeaders, 'x-amzn-requestid': requestId };
  if (errorType) {
    headers['x-amzn-errortype'] = errorType;
  }
  if (body === null) {
    res.writeHead(status, headers).end();
    return;
  }
  headers['content-type'] = 'application/json;charset=UTF-8';
  res.writeHead(status, headers).end(JSON.stringify(body));
}

/** AppSync's body for a request refused before GraphQL runs. */
function sendError(res: ServerResponse, status: number, requestId: string, errorType: string, message: string): void {
  send(res, status, requestId, { errors: [{ errorType, message }] }, errorType);
}
