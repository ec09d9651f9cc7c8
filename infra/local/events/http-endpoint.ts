/**
 * The local bus's EventBridge API endpoint, so functions use `@aws-sdk/client-eventbridge`
 * unchanged (only `endpoint` differs): AWS JSON 1.1 over HTTP on loopback, every request
 * SigV4-verified (service `events`) against the registered worker credentials.
 * Operations: `AWSEvents.PutEvents`, `AWSEvents.TestEventPattern`, and the local-only dead-letter
 * operations of `admin-operations.ts` (`MediagraphLocal.*`).
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, type IamIdentity } from '../appsync/types';
import type { IamVerifier } from '../auth/iam';
import { silentLogger, type Logger } from '../log';
import { ADMIN_TARGET_PREFIX, isAdminOperation, runAdminOperation } from './admin-operations';
import { AwsJsonError, headersOf, parseJsonBody, readBody, sendError, sendJson } from './aws-json-protocol';
import type { LocalBus } from './bus';
import type { PutEventsRequestEntry } from './envelope';
import { InvalidEventPatternError, testEventPattern } from './pattern';
import { PutEventsValidationError } from './put-events-validation';

export interface EventBridgeEndpointOptions {
  readonly bus: LocalBus;
  /** Verifies SigV4 for service `events` in the bus's region (`createIamVerifier({ region, service: 'events' })`). */
  readonly verifier: IamVerifier;
  /** Who may use the `MediagraphLocal.*` operations. @default every registered credential */
  readonly authorizeAdmin?: (identity: IamIdentity) => boolean;
  readonly logger?: Logger;
  /** @default 1 MiB (PutEvents allows 256 KB of entries, plus JSON overhead) */
  readonly maxBodyBytes?: number;
}

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const AWS_EVENTS_PREFIX = 'AWSEvents.';

/**
 * The request listener, to mount on a server of your own.
 * @returns a `node:http` request listener
 */
export function createEventBridgeRequestListener(options: EventBridgeEndpointOptions): RequestListener {
  const logger = (options.logger ?? silentLogger).child({ component: 'eventbridge-endpoint' });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const authorizeAdmin = options.authorizeAdmin ?? (() => true);

  const handle = async (request: IncomingMessage, response: ServerResponse, requestId: string) => {
    if (request.method !== 'POST') throw new AwsJsonError('UnknownOperationException', 'Only POST is supported.');
    const body = await readBody(request, maxBodyBytes);
    const headers = headersOf(request);
    const identity = options.verifier.verify({ method: request.method, path: request.url ?? '/', headers, body, sourceIp: request.socket.remoteAddress ?? '' });
    const target = headers['x-amz-target'] ?? '';
    const input = parseJsonBody(body);
    if (target === `${AWS_EVENTS_PREFIX}PutEvents`) {
      const result = await options.bus.putEvents(input.Entries as PutEventsRequestEntry[]);
      logger.debug('putEvents', { requestId, caller: identity.userArn, entries: result.Entries.length, failed: result.FailedEntryCount });
      return sendJson(response, result, requestId);
    }
    if (target === `${AWS_EVENTS_PREFIX}TestEventPattern`) {
      return sendJson(response, { Result: testPattern(input) }, requestId);
    }
    const adminOperation = target.startsWith(ADMIN_TARGET_PREFIX) ? target.slice(ADMIN_TARGET_PREFIX.length) : '';
    if (isAdminOperation(adminOperation)) {
      if (!authorizeAdmin(identity)) {
        throw new AwsJsonError('AccessDeniedException', `User: ${identity.userArn} is not authorized to perform: ${target}`);
      }
      logger.info('admin', { requestId, caller: identity.userArn, operation: adminOperation });
      return sendJson(response, await runAdminOperation(options.bus.deadLetters, adminOperation, input), requestId);
    }
    throw new AwsJsonError('UnknownOperationException', null);
  };

  return (request, response) => {
    const requestId = randomUUID();
    handle(request, response, requestId).catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof AuthenticationError) return sendError(response, error.statusCode, error.errorType, error.message, requestId);
      if (error instanceof AwsJsonError) return sendError(response, error.statusCode, error.code, error.answerMessage, requestId);
      if (error instanceof PutEventsValidationError) return sendError(response, 400, error.code, error.message, requestId);
      if (error instanceof InvalidEventPatternError) return sendError(response, 400, error.code, error.message, requestId);
      logger.error('internalError', { requestId, error: error instanceof Error ? error.message : String(error) });
      return sendError(response, 500, 'InternalException', 'Internal service error', requestId);
    });
  };
}

/** A running endpoint. */
export interface EventBridgeEndpoint {
  /** e.g. `http://127.0.0.1:43117` — what functions get as EVENTBRIDGE_ENDPOINT. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the endpoint on its own server.
 * @returns the URL and a close function
 */
export async function startEventBridgeEndpoint(options: EventBridgeEndpointOptions & { readonly host?: string; readonly port?: number }): Promise<EventBridgeEndpoint> {
  const server = createServer(createEventBridgeRequestListener(options));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** TestEventPattern: `{ EventPattern, Event }` → whether the event matches. */
function testPattern(input: Record<string, unknown>): boolean {
  if (typeof input.EventPattern !== 'string') throw new AwsJsonError('ValidationException', 'Parameter EventPattern is not valid.');
  let event: unknown;
  try {
    event = typeof input.Event === 'string' ? JSON.parse(input.Event) : undefined;
  } catch {
    event = undefined;
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    // As AWS answers a malformed Event (recorded: "Parameter Event is not valid.").
    throw new AwsJsonError('ValidationException', 'Parameter Event is not valid.');
  }
  return testEventPattern(input.EventPattern, event);
}
