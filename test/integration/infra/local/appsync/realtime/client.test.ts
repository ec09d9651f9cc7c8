/**
 * The isomorphic client (infra/client/appsync-realtime.ts) against the real server over a real
 * socket, in both handshake forms.
 */
import { parse } from 'graphql';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppSyncRealtimeError, createAppSyncRealtimeClient } from '../../../../../../infra/client/appsync-realtime';
import type { AppSyncRealtimeClient, SubscriptionSink } from '../../../../../../infra/client/appsync-realtime';
import type { DataPayload } from '../../../../../../infra/local/appsync/realtime/protocol';
import { settle, startHarness } from './harness';
import type { Harness } from './harness';

let harness: Harness;
const clients: AppSyncRealtimeClient[] = [];

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness.close();
});

function clientFor(token: string, handshake: 'subprotocol' | 'query' = 'subprotocol'): AppSyncRealtimeClient {
  const client = createAppSyncRealtimeClient({
    graphqlEndpoint: harness.graphqlEndpoint,
    auth: { mode: 'userPool', token: () => token },
    WebSocket,
    handshake,
    ackTimeoutMs: 2000,
  });
  clients.push(client);
  return client;
}

/** A sink that records what it receives and lets a test wait for it. */
function recorder() {
  const events: DataPayload[] = [];
  let error: AppSyncRealtimeError | undefined;
  let completed = false;
  const waiters: Array<() => void> = [];
  const notify = () => waiters.splice(0).forEach((waiter) => waiter());
  const sink: SubscriptionSink = {
    next: (payload) => {
      events.push(payload);
      notify();
    },
    error: (failure) => {
      error = failure;
      notify();
    },
    complete: () => {
      completed = true;
      notify();
    },
  };
  const until = (done: () => boolean, timeoutMs = 3000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the sink')), timeoutMs);
      const check = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return {
    sink,
    events,
    get error() {
      return error;
    },
    get completed() {
      return completed;
    },
    until,
  };
}

/** Waits until the server holds `count` live subscriptions (start_ack sent). */
async function live(count: number): Promise<void> {
  // Up to 10 s: on a loaded 2-core machine (a CI run beside heavy jobs) a stop can take seconds to arrive.
  for (let attempt = 0; attempt < 500 && harness.realtime.stats().subscriptions !== count; attempt += 1) await settle(20);
  expect(harness.realtime.stats().subscriptions).toBe(count);
}

const media = (fields: Record<string, unknown>) => ({ id: 'm1', owner: 'alice', name: 'cat.jpg', progress: 1, ...fields });

describe.each(['subprotocol', 'query'] as const)('Client: createAppSyncRealtimeClient (%s handshake)', (handshake) => {
  it('receives the events its filters let through, shaped by its selection', async () => {
    // Prepare
    const client = clientFor('token-alice', handshake);
    const progress = recorder();
    client.subscribe(
      { query: parse('subscription P($id: ID!) { onMediaProgress(mediaId: $id) { id progress } }'), variables: { id: 'm1' } },
      progress.sink,
    );
    await live(1);
    // Act
    harness.realtime.publish({ mutationField: 'reportProgress', result: media({ id: 'm2', progress: 5 }) });
    harness.realtime.publish({ mutationField: 'reportProgress', result: media({ progress: 50 }) });
    // Assess
    await progress.until(() => progress.events.length === 1);
    await settle();
    expect(progress.events).toEqual([{ data: { onMediaProgress: { id: 'm1', progress: 50 } } }]);
    expect(progress.error).toBeUndefined();
  });
});

describe('Client: createAppSyncRealtimeClient', () => {
  it('keeps a second user from receiving the first user’s event', async () => {
    // Prepare
    const alice = recorder();
    const bob = recorder();
    clientFor('token-alice').subscribe({ query: 'subscription { onMediaChanged { id owner } }' }, alice.sink);
    clientFor('token-bob').subscribe({ query: 'subscription { onMediaChanged { id owner } }' }, bob.sink);
    await live(2);
    // Act
    harness.realtime.publish({ mutationField: 'createMedia', result: media({ owner: 'alice' }) });
    // Assess
    await alice.until(() => alice.events.length === 1);
    await settle();
    expect(bob.events).toEqual([]);
  });

  it('multiplexes several subscriptions on one socket and stops one on unsubscribe', async () => {
    // Prepare
    const client = clientFor('token-alice');
    const first = recorder();
    const second = recorder();
    const stopFirst = client.subscribe({ query: 'subscription { onMediaChanged { id } }' }, first.sink);
    client.subscribe({ query: 'subscription { onMediaChanged { name } }' }, second.sink);
    await live(2);
    expect(harness.realtime.stats().connections).toBe(1);
    // Act
    stopFirst();
    await live(1);
    harness.realtime.publish({ mutationField: 'updateMedia', result: media({}) });
    // Assess
    await second.until(() => second.events.length === 1);
    expect(second.events).toEqual([{ data: { onMediaChanged: { name: 'cat.jpg' } } }]);
    expect(first.events).toEqual([]);
    expect(first.completed).toBe(false);
  });

  it('closes the socket when the last subscription ends', async () => {
    const client = clientFor('token-alice');
    const stop = client.subscribe({ query: 'subscription { onMediaChanged { id } }' }, recorder().sink);
    await live(1);
    stop();
    for (let attempt = 0; attempt < 50 && harness.realtime.stats().connections > 0; attempt += 1) await settle(20);
    expect(harness.realtime.stats()).toEqual({ connections: 0, subscriptions: 0 });
  });

  it('reports a refused start through error() with AppSync’s errors', async () => {
    const refused = recorder();
    clientFor('token-mallory').subscribe({ query: 'subscription { onMediaChanged { id } }' }, refused.sink);
    await refused.until(() => refused.error !== undefined);
    expect(refused.error).toBeInstanceOf(AppSyncRealtimeError);
    expect(refused.error?.kind).toBe('start');
    expect(refused.error?.errors).toEqual([{ errorType: 'Unauthorized', message: 'Not Authorized to access onMediaChanged on type Subscription' }]);
  });

  it('reports a refused connection through error() with kind "connection"', async () => {
    const refused = recorder();
    clientFor('garbage').subscribe({ query: 'subscription { onMediaChanged { id } }' }, refused.sink);
    await refused.until(() => refused.error !== undefined);
    expect(refused.error?.kind).toBe('connection');
    expect(refused.error?.errors[0]).toMatchObject({ errorType: 'UnauthorizedException', errorCode: 401 });
  });

  it('completes an invalidated subscription', async () => {
    const invalidated = recorder();
    clientFor('token-alice').subscribe({ query: 'subscription { onMediaChanged { id } }' }, invalidated.sink);
    await live(1);
    harness.realtime.invalidate({ subscriptionField: 'onMediaChanged', payload: { owner: 'alice' } });
    await invalidated.until(() => invalidated.completed);
    expect(invalidated.error).toBeUndefined();
    await live(0);
  });

  it('errors its subscriptions with kind "closed" when the server goes away', async () => {
    const dropped = recorder();
    clientFor('token-alice').subscribe({ query: 'subscription { onMediaChanged { id } }' }, dropped.sink);
    await live(1);
    await harness.realtime.close();
    await dropped.until(() => dropped.error !== undefined);
    expect(dropped.error?.kind).toBe('closed');
  });

  it('signs the handshake and each start through the IAM hook', async () => {
    // Prepare
    const signed: Array<{ url: string; body: string; host: string | undefined }> = [];
    const client = createAppSyncRealtimeClient({
      graphqlEndpoint: harness.graphqlEndpoint,
      WebSocket,
      auth: {
        mode: 'iam',
        sign: async (request) => {
          signed.push({ url: request.url, body: request.body, host: request.headers.host });
          return { ...request.headers, 'x-amz-date': '20240101T000000Z', authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/…' };
        },
      },
    });
    clients.push(client);
    // Act
    client.subscribe({ query: 'subscription { onAnalysis(mediaId: "m1") { kind } }' }, recorder().sink);
    await live(1);
    // Assess
    const host = new URL(harness.graphqlEndpoint).host;
    expect(signed[0]).toEqual({ url: `${harness.graphqlEndpoint}/connect`, body: '{}', host });
    expect(signed[1]?.url).toBe(harness.graphqlEndpoint);
    expect(JSON.parse(signed[1]?.body ?? '{}')).toEqual({ query: 'subscription { onAnalysis(mediaId: "m1") { kind } }', variables: {} });
    expect(harness.authRequests.map((request) => request.path)).toEqual(['/graphql/connect', '/graphql']);
  });
});
