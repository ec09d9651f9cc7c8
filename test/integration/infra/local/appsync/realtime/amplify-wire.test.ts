/**
 * The real-time server driven with raw `ws` frames exactly as amplify-js sends them
 * (AWSWebSocketProvider v6: header- subprotocol; AWSAppSyncRealTimeProvider v5: query string).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RawSocket, settle, startHarness } from './harness';
import type { Harness } from './harness';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

let harness: Harness;
const sockets: RawSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await harness.close();
});

/** amplify v6: `new WebSocket(url, ['graphql-ws', 'header-' + base64url(header)])`, then connection_init. */
async function amplifyConnect(token = 'token-alice', init = true): Promise<RawSocket> {
  const host = new URL(harness.graphqlEndpoint).host;
  const socket = new RawSocket(harness.url, ['graphql-ws', `header-${base64url({ Authorization: token, host })}`]);
  sockets.push(socket);
  await socket.opened();
  if (init) socket.send({ type: 'connection_init' });
  return socket;
}

/** The start message amplify builds (headers from awsRealTimeHeaderBasedAuth + user agent). */
function amplifyStart(query: string, variables: Record<string, unknown> = {}, token = 'token-alice') {
  const id = randomUUID();
  return {
    id,
    message: {
      id,
      payload: {
        data: JSON.stringify({ query, variables }),
        extensions: {
          authorization: {
            Authorization: token,
            host: new URL(harness.graphqlEndpoint).host,
            'x-amz-user-agent': 'aws-amplify/6.0.0 api/1 framework/0',
          },
        },
      },
      type: 'start',
    },
  };
}

const media = (fields: Record<string, unknown>) => ({
  id: 'm1',
  owner: 'alice',
  name: 'cat.jpg',
  mediaType: 'IMAGE',
  contentType: 'image/jpeg',
  status: 'PROCESSING',
  progress: 40,
  stage: 'labels',
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:01.000Z',
  ...fields,
});

describe('Realtime server: amplify-js wire protocol', () => {
  beforeEach(async () => {
    harness = await startHarness({ keepAliveMs: 150 });
  });

  it('acks connection_init with connectionTimeoutMs, then sends ka at once and periodically', async () => {
    // Act
    const socket = await amplifyConnect();
    // Assess
    expect(socket.ws.protocol).toBe('graphql-ws');
    const ack = await socket.waitFor((m) => m.type === 'connection_ack');
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    await socket.waitFor((m) => m.type === 'ka');
    const firstKa = socket.received.findIndex((m) => m.type === 'ka');
    await socket.waitFor((m) => m.type === 'ka', 1000, firstKa + 1);
    // The connection header was authenticated as the request amplify signs for IAM.
    expect(harness.authRequests[0]).toMatchObject({ method: 'POST', path: '/graphql/connect', body: '{}', headers: { authorization: 'token-alice' } });
  });

  it('runs start → start_ack → data → stop → complete', async () => {
    // Prepare
    const socket = await amplifyConnect();
    await socket.waitFor((m) => m.type === 'connection_ack');
    const { id, message } = amplifyStart(
      'subscription OnMediaProgress($mediaId: ID!) { onMediaProgress(mediaId: $mediaId) { id progress stage status __typename } }',
      { mediaId: 'm1' },
    );
    // Act
    socket.send(message);
    // Assess
    expect(await socket.waitFor((m) => m.id === id)).toEqual({ id, type: 'start_ack' });
    expect(harness.authRequests.at(-1)).toMatchObject({ path: '/graphql', body: message.payload.data, headers: { authorization: 'token-alice' } });

    harness.realtime.publish({ mutationField: 'reportProgress', result: media({ progress: 60 }) });
    const data = await socket.waitFor((m) => m.type === 'data');
    expect(data).toEqual({
      id,
      type: 'data',
      payload: { data: { onMediaProgress: { id: 'm1', progress: 60, stage: 'labels', status: 'PROCESSING', __typename: 'Media' } } },
    });

    const before = socket.received.length;
    socket.send({ id, type: 'stop' });
    expect(await socket.waitFor((m) => m.type === 'complete', 3000, before)).toEqual({ id, type: 'complete' });
    harness.realtime.publish({ mutationField: 'reportProgress', result: media({ progress: 80 }) });
    await settle();
    expect(socket.received.filter((m) => m.type === 'data')).toHaveLength(1);
    expect(harness.realtime.stats()).toEqual({ connections: 1, subscriptions: 0 });
  });

  it('does not deliver events the filters reject: other media, other owners, unrelated mutations', async () => {
    // Prepare
    const socket = await amplifyConnect();
    const { id, message } = amplifyStart('subscription { onMediaProgress(mediaId: "m1") { id progress } }');
    socket.send(message);
    await socket.waitFor((m) => m.id === id && m.type === 'start_ack');
    // Act
    harness.realtime.publish({ mutationField: 'reportProgress', result: media({ id: 'm2', progress: 10 }) });
    harness.realtime.publish({ mutationField: 'reportProgress', result: media({ owner: 'bob', progress: 11 }) });
    harness.realtime.publish({ mutationField: 'createTag', result: { id: 't1', name: 'x' } });
    harness.realtime.publish({ mutationField: 'reportProgress', result: null });
    harness.realtime.publish({ mutationField: 'reportProgress', result: media({ progress: 12 }) });
    // Assess
    await socket.waitFor((m) => m.type === 'data');
    await settle();
    const data = socket.received.filter((m) => m.type === 'data');
    expect(data).toEqual([{ id, type: 'data', payload: { data: { onMediaProgress: { id: 'm1', progress: 12 } } } }]);
  });

  it('keeps one user’s events from another user through the owner filter', async () => {
    // Prepare
    const alice = await amplifyConnect('token-alice');
    const bob = await amplifyConnect('token-bob');
    const aliceStart = amplifyStart('subscription { onMediaChanged { id owner name } }', {}, 'token-alice');
    const bobStart = amplifyStart('subscription { onMediaChanged { id owner name } }', {}, 'token-bob');
    alice.send(aliceStart.message);
    bob.send(bobStart.message);
    await alice.waitFor((m) => m.type === 'start_ack');
    await bob.waitFor((m) => m.type === 'start_ack');
    // Act
    harness.realtime.publish({ mutationField: 'createMedia', result: media({ id: 'a1', owner: 'alice', name: 'alice.jpg' }) });
    harness.realtime.publish({ mutationField: 'createMedia', result: media({ id: 'b1', owner: 'bob', name: 'bob.jpg' }) });
    // Assess
    await alice.waitFor((m) => m.type === 'data');
    await bob.waitFor((m) => m.type === 'data');
    await settle();
    expect(alice.received.filter((m) => m.type === 'data').map((m) => m.payload)).toEqual([
      { data: { onMediaChanged: { id: 'a1', owner: 'alice', name: 'alice.jpg' } } },
    ]);
    expect(bob.received.filter((m) => m.type === 'data').map((m) => m.payload)).toEqual([
      { data: { onMediaChanged: { id: 'b1', owner: 'bob', name: 'bob.jpg' } } },
    ]);
  });

  it('applies basic argument filtering when the resolver sets no filter', async () => {
    const socket = await amplifyConnect();
    const { id, message } = amplifyStart('subscription { onAnalysis(mediaId: "m1") { mediaId kind status } }');
    socket.send(message);
    await socket.waitFor((m) => m.id === id && m.type === 'start_ack');
    const analysis = { mediaId: 'm1', owner: 'alice', kind: 'labels', status: 'SUCCEEDED', updatedAt: 'x' };
    harness.realtime.publish({ mutationField: 'reportAnalysis', result: { ...analysis, mediaId: 'm2' } });
    harness.realtime.publish({ mutationField: 'reportAnalysis', result: analysis });
    await socket.waitFor((m) => m.type === 'data');
    await settle();
    expect(socket.received.filter((m) => m.type === 'data')).toEqual([
      { id, type: 'data', payload: { data: { onAnalysis: { mediaId: 'm1', kind: 'labels', status: 'SUCCEEDED' } } } },
    ]);
  });

  it('returns AppSync’s non-null error in the data message when the mutation did not select a required field', async () => {
    const socket = await amplifyConnect();
    const { id, message } = amplifyStart('subscription { onMediaChanged { id createdAt } }');
    socket.send(message);
    await socket.waitFor((m) => m.type === 'start_ack');
    harness.realtime.publish({ mutationField: 'updateMedia', result: { id: 'm1', owner: 'alice', name: 'renamed' } });
    expect(await socket.waitFor((m) => m.type === 'data')).toEqual({
      id,
      type: 'data',
      payload: {
        data: { onMediaChanged: null },
        errors: [
          {
            message: "Cannot return null for non-nullable type: 'AWSDateTime' within parent 'Media' (/onMediaChanged/createdAt)",
            path: ['onMediaChanged', 'createdAt'],
          },
        ],
      },
    });
  });

  it('answers an unauthorized start with an error and never data', async () => {
    // Prepare
    const socket = await amplifyConnect();
    const expired = amplifyStart('subscription { onMediaChanged { id } }', {}, 'expired');
    const fieldAuth = amplifyStart('subscription { onMediaChanged { id } }', {}, 'token-mallory');
    // Act
    socket.send(expired.message);
    socket.send(fieldAuth.message);
    // Assess
    expect(await socket.waitFor((m) => m.id === expired.id)).toEqual({
      id: expired.id,
      type: 'error',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }] },
    });
    expect(await socket.waitFor((m) => m.id === fieldAuth.id)).toEqual({
      id: fieldAuth.id,
      type: 'error',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onMediaChanged on type Subscription' }] },
    });
    harness.realtime.publish({ mutationField: 'createMedia', result: media({ owner: 'mallory' }) });
    harness.realtime.publish({ mutationField: 'createMedia', result: media({}) });
    await settle();
    expect(socket.received.filter((m) => m.type === 'data')).toEqual([]);
    expect(harness.realtime.stats().subscriptions).toBe(0);
  });

  it('refuses a start without authorization', async () => {
    const socket = await amplifyConnect();
    const { id, message } = amplifyStart('subscription { onMediaChanged { id } }');
    socket.send({ ...message, payload: { data: message.payload.data } });
    expect(await socket.waitFor((m) => m.id === id)).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
  });

  it('refuses queries, unparsable documents, invalid documents, duplicated ids and bad frames', async () => {
    // Prepare
    const socket = await amplifyConnect();
    const query = amplifyStart('query { listMedia { nextToken } }');
    const unparsable = amplifyStart('subscription { onMediaChanged {');
    const invalid = amplifyStart('subscription { onMediaChanged { nope } }');
    const first = amplifyStart('subscription { onMediaChanged { id } }');
    // Act
    socket.send(query.message);
    socket.send(unparsable.message);
    socket.send(invalid.message);
    socket.send(first.message);
    socket.send(first.message);
    socket.send('not json');
    socket.send({ type: 'subscribe', id: 'x1' });
    // Assess
    const errorOf = async (id: string) => ((await socket.waitFor((m) => m.id === id && m.type === 'error')).payload as { errors: unknown[] }).errors;
    expect(await errorOf(query.id)).toEqual([{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }]);
    expect(await errorOf(unparsable.id)).toEqual([{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }]);
    expect(await errorOf(invalid.id)).toEqual([expect.objectContaining({ errorType: 'ValidationError', message: expect.stringContaining('nope') })]);
    expect(await errorOf(first.id)).toEqual([{ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${first.id}` }]);
    expect(await socket.waitFor((m) => m.id === first.id && m.type === 'start_ack')).toBeDefined();
    expect(await errorOf('')).toEqual([{ errorType: 'UnsupportedOperation', message: 'Message is not valid JSON.' }]);
    expect(await errorOf('x1')).toEqual([{ errorType: 'UnsupportedOperation', message: 'Unknown message type "subscribe".' }]);
    expect(socket.closeEvent).toBeUndefined();
  });

  it('accepts the amplify v5 handshake: ?header=<base64>&payload=e30= with subprotocol graphql-ws only', async () => {
    // Prepare
    const header = base64({ Authorization: 'token-alice', host: new URL(harness.graphqlEndpoint).host });
    const socket = new RawSocket(`${harness.url}?header=${header}&payload=${base64({})}`, ['graphql-ws']);
    sockets.push(socket);
    await socket.opened();
    // Act
    socket.send({ type: 'connection_init' });
    // Assess
    expect(await socket.waitFor((m) => m.type === 'connection_ack')).toBeDefined();
  });

  it('refuses a handshake without valid credentials with connection_error and closes', async () => {
    const socket = await amplifyConnect('not-a-token');
    expect(await socket.waitFor((m) => m.type === 'connection_error')).toEqual({
      type: 'connection_error',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
    });
    expect((await socket.waitForClose()).code).toBe(4401);
  });

  it('treats a start without connection_init as initialising the connection (init is optional)', async () => {
    const socket = await amplifyConnect('token-alice', false);
    const { id, message } = amplifyStart('subscription { onMediaChanged { id } }');
    socket.send(message);
    expect(await socket.waitFor((m) => m.id === id)).toEqual({ id, type: 'start_ack' });
  });

  it('accepts IAM-signed starts, authenticating POST /graphql with the data string as body', async () => {
    const socket = await amplifyConnect();
    const { id, message } = amplifyStart('subscription { onAnalysis(mediaId: "m1") { kind } }', {}, 'AWS4-HMAC-SHA256 Credential=AKIA/…');
    socket.send(message);
    await socket.waitFor((m) => m.id === id && m.type === 'start_ack');
    expect(harness.authRequests.at(-1)).toMatchObject({ method: 'POST', path: '/graphql', body: message.payload.data });
  });

  it('closes a socket that offers no graphql-ws subprotocol, and answers other paths 404', async () => {
    const socket = new RawSocket(harness.url, []);
    sockets.push(socket);
    await socket.opened();
    expect((await socket.waitForClose()).code).toBe(1002);
    const elsewhere = new RawSocket(harness.url.replace('/graphql/realtime', '/other'), ['graphql-ws']);
    await expect(elsewhere.opened()).rejects.toThrow(/404|socket hang up|Unexpected server response/);
  });
});

describe('Realtime server: limits and timeouts', () => {
  it('closes a connection that neither inits nor starts within the init timeout', async () => {
    harness = await startHarness({ initTimeoutMs: 150 });
    const socket = await amplifyConnect('token-alice', false);
    const closed = await socket.waitForClose();
    expect(closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(socket.received).toEqual([]);
  });

  it('refuses a start beyond maxSubscriptionsPerConnection', async () => {
    harness = await startHarness({ maxSubscriptionsPerConnection: 2 });
    const socket = await amplifyConnect();
    const starts = [1, 2, 3].map(() => amplifyStart('subscription { onMediaChanged { id } }'));
    for (const { message } of starts) socket.send(message);
    const third = starts[2]!;
    expect(await socket.waitFor((m) => m.id === third.id)).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'LimitExceededError' }] },
    });
    await socket.waitFor((m) => m.id === starts[1]!.id && m.type === 'start_ack');
    expect(harness.realtime.stats()).toEqual({ connections: 1, subscriptions: 2 });
  });

  it('invalidates matching subscriptions with complete and stops delivering to them', async () => {
    harness = await startHarness();
    const alice = await amplifyConnect('token-alice');
    const bob = await amplifyConnect('token-bob');
    const aliceStart = amplifyStart('subscription { onMediaChanged { id } }', {}, 'token-alice');
    const bobStart = amplifyStart('subscription { onMediaChanged { id } }', {}, 'token-bob');
    alice.send(aliceStart.message);
    bob.send(bobStart.message);
    await alice.waitFor((m) => m.type === 'start_ack');
    await bob.waitFor((m) => m.type === 'start_ack');
    // Act
    harness.realtime.invalidate({ subscriptionField: 'onMediaChanged', payload: { owner: 'alice' } });
    // Assess
    expect(await alice.waitFor((m) => m.type === 'complete')).toEqual({ id: aliceStart.id, type: 'complete' });
    harness.realtime.publish({ mutationField: 'createMedia', result: media({ owner: 'alice' }) });
    harness.realtime.publish({ mutationField: 'createMedia', result: media({ owner: 'bob' }) });
    await bob.waitFor((m) => m.type === 'data');
    await settle();
    expect(alice.received.filter((m) => m.type === 'data')).toEqual([]);
    expect(bob.received.filter((m) => m.type === 'complete')).toEqual([]);
    expect(alice.closeEvent).toBeUndefined();
    expect(harness.realtime.stats().subscriptions).toBe(1);
  });

  it('forgets a connection’s subscriptions when its socket closes', async () => {
    harness = await startHarness();
    const socket = await amplifyConnect();
    const { message } = amplifyStart('subscription { onMediaChanged { id } }');
    socket.send(message);
    await socket.waitFor((m) => m.type === 'start_ack');
    expect(harness.realtime.stats()).toEqual({ connections: 1, subscriptions: 1 });
    socket.close();
    await socket.waitForClose();
    await settle();
    expect(harness.realtime.stats()).toEqual({ connections: 0, subscriptions: 0 });
  });
});
