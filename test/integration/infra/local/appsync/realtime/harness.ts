/**
 * A real real-time server on 127.0.0.1:0 for the integration tests, with a stub authenticator
 * (fixed tokens) and a stub subscribe hook that behaves like Mediagraph's resolvers: owner-only
 * enhanced filters, argument filtering where no resolver filters, a field-auth refusal.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, validate } from 'graphql';
import type { DocumentNode } from 'graphql';
import WebSocket from 'ws';
import { AuthenticationError } from '../../../../../../infra/local/appsync/types';
import type { AuthRequest, Authenticator, CognitoIdentity, Principal } from '../../../../../../infra/local/appsync/types';
import { createRealtimeServer } from '../../../../../../infra/local/appsync/realtime/server';
import type { RealtimeOptions, RealtimeServer, SubscribeHookResult } from '../../../../../../infra/local/appsync/realtime/server';

export const schema = buildSchema(
  ['schema/appsync.graphql', 'schema/schema.graphql'].map((file) => readFileSync(file, 'utf8')).join('\n'),
);

const cognito = (sub: string): Principal => {
  const identity: CognitoIdentity = {
    sub,
    issuer: 'http://127.0.0.1/local',
    username: sub,
    claims: { sub },
    sourceIp: ['127.0.0.1'],
    defaultAuthStrategy: 'ALLOW',
    groups: null,
  };
  return { mode: 'AMAZON_COGNITO_USER_POOLS', identity };
};

/** Tokens the stub authenticator knows: `token-<user>` is that user; `expired` is refused. */
export const stubAuthenticator = (requests: AuthRequest[]): Authenticator => ({
  async authenticate(request) {
    requests.push(request);
    const authorization = request.headers.authorization ?? '';
    if (authorization.startsWith('AWS4-HMAC-SHA256')) {
      return {
        mode: 'AWS_IAM',
        identity: {
          accountId: '000000000000',
          cognitoIdentityPoolId: null,
          cognitoIdentityId: null,
          sourceIp: [request.sourceIp],
          username: 'worker',
          userArn: 'arn:aws:iam::000000000000:user/worker',
          cognitoIdentityAuthType: null,
          cognitoIdentityAuthProvider: null,
        },
      };
    }
    if (authorization === 'expired') throw new AuthenticationError('Token has expired.');
    if (!authorization.startsWith('token-')) throw new AuthenticationError('Valid authorization header not provided.');
    return cognito(authorization.slice('token-'.length));
  },
});

const ownerFilter = (sub: string, extra: Array<{ fieldName: string; operator: string; value: unknown }> = []) => ({
  filterGroup: [{ filters: [{ fieldName: 'owner', operator: 'eq', value: sub }, ...extra] }],
});

/** Like Mediagraph's subscription resolvers, reduced to what the realtime server must honour. */
export async function stubOnSubscribe(args: {
  document: DocumentNode;
  principal: Principal;
  fieldName: string;
  arguments: Record<string, unknown>;
}): Promise<SubscribeHookResult> {
  const errors = validate(schema, args.document);
  if (errors.length > 0) return { errors: errors.map((error) => ({ errorType: 'ValidationError', message: error.message })) };
  const sub = args.principal.mode === 'AMAZON_COGNITO_USER_POOLS' ? (args.principal.identity as CognitoIdentity).sub : 'worker';
  if (sub === 'mallory') {
    return { errors: [{ errorType: 'Unauthorized', message: `Not Authorized to access ${args.fieldName} on type Subscription` }] };
  }
  switch (args.fieldName) {
    case 'onMediaChanged':
      return { filter: ownerFilter(sub), invalidationFilter: ownerFilter(sub) };
    case 'onMediaProgress':
      return { filter: ownerFilter(sub, [{ fieldName: 'id', operator: 'eq', value: args.arguments.mediaId }]) };
    default:
      return {}; // onAnalysis: basic argument filtering on mediaId
  }
}

export interface Harness {
  url: string;
  graphqlEndpoint: string;
  realtime: RealtimeServer;
  authRequests: AuthRequest[];
  close(): Promise<void>;
}

/** Starts an HTTP server that hands `/graphql/realtime` upgrades to the real-time server. */
export async function startHarness(options: RealtimeOptions = {}): Promise<Harness> {
  const authRequests: AuthRequest[] = [];
  const realtime = createRealtimeServer({ schema, authenticator: stubAuthenticator(authRequests), onSubscribe: stubOnSubscribe }, options);
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/graphql/realtime`,
    graphqlEndpoint: `http://127.0.0.1:${port}/graphql`,
    realtime,
    authRequests,
    async close() {
      await realtime.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A raw WebSocket that records every frame, for driving the protocol exactly as a client would. */
export class RawSocket {
  readonly ws: WebSocket;
  readonly received: Array<Record<string, unknown>> = [];
  closeEvent: { code: number; reason: string } | undefined;
  private waiters: Array<() => void> = [];

  constructor(url: string, protocols: string[]) {
    this.ws = new WebSocket(url, protocols);
    this.ws.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as Record<string, unknown>);
      this.notify();
    });
    this.ws.on('close', (code, reason) => {
      this.closeEvent = { code, reason: reason.toString() };
      this.notify();
    });
    this.ws.on('error', () => this.notify());
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first received message (from index `from`) that matches. */
  waitFor(match: (message: Record<string, unknown>) => boolean, timeoutMs = 3000, from = 0): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.slice(from).find(match);
        if (found) {
          cleanup();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No matching message within ${timeoutMs} ms; received ${JSON.stringify(this.received)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  waitForClose(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    return new Promise((resolve, reject) => {
      if (this.closeEvent) return resolve(this.closeEvent);
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** Gives the server time to process what was sent (for asserting that nothing arrives). */
export const settle = (ms = 100): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

