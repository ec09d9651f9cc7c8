/**
 * Starts the real local runtime for an integration test file: ephemeral port, its own table on the
 * run's shared DynamoDB Local, a temporary data directory. Clients talk to it over real sockets with
 * the same isomorphic clients the CLI and the dashboard use.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { createAppSyncHttpClient, type AppSyncHttpClient, type GraphQLRequest } from '../../infra/client/appsync-http';
import {
  createAppSyncRealtimeClient,
  type AppSyncRealtimeClient,
  type WebSocketConstructor,
} from '../../infra/client/appsync-realtime';
import type { DataPayload } from '../../infra/local/appsync/realtime/protocol';
import { signAppSyncRequest } from '../../infra/local/auth/iam';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../infra/local/runtime';

export interface TestUser {
  readonly username: string;
  readonly sub: string;
  readonly token: string;
  readonly client: AppSyncHttpClient;
  /** Sends an operation and fails the test on GraphQL errors; returns `data`. */
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  realtime(): AppSyncRealtimeClient;
}

export interface TestRuntime {
  readonly runtime: LocalRuntime;
  signIn(username: string, groups?: string[]): Promise<TestUser>;
  /** A client signing with the platform's worker credential (AWS_IAM). */
  worker(): AppSyncHttpClient & { run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> };
  close(): Promise<void>;
}

/** Starts a runtime on the shared DynamoDB Local; pass overrides for special cases. */
export async function startTestRuntime(overrides: Partial<LocalRuntimeOptions> = {}): Promise<TestRuntime> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'mediagraph-test-')));
  const runtime = await startLocalRuntime({
    port: 0,
    dataDir,
    inMemory: true,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tableName: `test-${randomUUID()}`,
    graphiql: false,
    ...overrides,
  });
  const realtimeClients: AppSyncRealtimeClient[] = [];
  const strict = (client: AppSyncHttpClient) => async <T>(query: string, variables?: Record<string, unknown>) => {
    const response = await client.request<T>({ query, variables } satisfies GraphQLRequest);
    if (response.errors?.length) {
      throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    }
    return response.data as T;
  };
  return {
    runtime,
    async signIn(username, groups = []) {
      if (!runtime.issuer) {
        throw new Error('This runtime trusts no local issuer');
      }
      const tokens = await runtime.issuer.issueTokens({ username, groups });
      const client = createAppSyncHttpClient({ graphqlEndpoint: runtime.graphqlUrl, auth: { mode: 'userPool', token: () => tokens.idToken } });
      return {
        username,
        sub: tokens.sub,
        token: tokens.idToken,
        client,
        run: strict(client),
        realtime() {
          const realtime = createAppSyncRealtimeClient({
            graphqlEndpoint: runtime.graphqlUrl,
            auth: { mode: 'userPool', token: () => tokens.idToken },
            WebSocket: WebSocket as unknown as WebSocketConstructor,
          });
          realtimeClients.push(realtime);
          return realtime;
        },
      };
    },
    worker() {
      const client = createAppSyncHttpClient({
        graphqlEndpoint: runtime.graphqlUrl,
        auth: {
          mode: 'iam',
          sign: (request) =>
            signAppSyncRequest({ ...request, credentials: runtime.workerCredentials, region: runtime.region }),
        },
      });
      return Object.assign(client, { run: strict(client) });
    },
    async close() {
      for (const client of realtimeClients) {
        client.close();
      }
      await runtime.close();
      if (!overrides.dataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Collects a subscription's events for assertions. */
export function collect(realtime: AppSyncRealtimeClient, query: string, variables: Record<string, unknown> = {}) {
  const events: DataPayload[] = [];
  const errors: unknown[] = [];
  let completed = false;
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const stop = realtime.subscribe(
    { query, variables },
    {
      started: () => markStarted(),
      next: (payload) => events.push(payload),
      error: (error) => {
        errors.push(error);
      },
      complete: () => {
        completed = true;
      },
    },
  );
  return {
    events,
    errors,
    get completed() {
      return completed;
    },
    /** Resolves on `start_ack`: from then on, published events reach this subscription. */
    started,
    stop,
  };
}

/** Polls until `condition` holds or `timeoutMs` passes. */
export async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
