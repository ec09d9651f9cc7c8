import { buildSchema } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRealtimeEngine } from '../../../../../../infra/local/appsync/realtime/engine';
import type { Handshake } from '../../../../../../infra/local/appsync/realtime/handshake';
import type { RealtimeHooks } from '../../../../../../infra/local/appsync/realtime/hooks';
import { createJsonLogger } from '../../../../../../infra/local/appsync/realtime/logger';
import type { Principal } from '../../../../../../infra/local/appsync/types';

const schema = buildSchema(`
  directive @aws_subscribe(mutations: [String!]!) on FIELD_DEFINITION
  type Item { id: ID! owner: String }
  type Query { item: Item }
  type Mutation { putItem: Item }
  type Subscription { onItem(id: ID): Item @aws_subscribe(mutations: ["putItem"]) }
`);

const principal: Principal = {
  mode: 'AMAZON_COGNITO_USER_POOLS',
  identity: { sub: 'u1', issuer: 'i', username: 'u1', claims: {}, sourceIp: [], defaultAuthStrategy: 'ALLOW', groups: null },
};

const handshake: Handshake = { authorization: { Authorization: 'secret-token', host: 'h' }, payload: '{}', requestHeaders: {}, sourceIp: '127.0.0.1' };

function fakeTransport() {
  const frames: Array<Record<string, unknown>> = [];
  const closes: Array<{ code: number; reason: string }> = [];
  return {
    frames,
    closes,
    transport: { send: (frame: string) => frames.push(JSON.parse(frame) as Record<string, unknown>), close: (code: number, reason: string) => closes.push({ code, reason }) },
  };
}

const start = (id: string, query = 'subscription { onItem(id: "1") { id } }') =>
  JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify({ query, variables: {} }), extensions: { authorization: { Authorization: 'secret-token' } } } });

const flush = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('Function: createRealtimeEngine', () => {
  it('sends ka every keepAliveMs to acknowledged connections only', async () => {
    // Prepare
    vi.useFakeTimers();
    const hooks: RealtimeHooks = { schema, authenticator: { authenticate: async () => principal }, onSubscribe: async () => ({}) };
    const engine = createRealtimeEngine(hooks, { keepAliveMs: 1000, initTimeoutMs: 60_000 });
    const acked = fakeTransport();
    const silent = fakeTransport();
    engine.connect(acked.transport, handshake).receive('{"type":"connection_init"}');
    engine.connect(silent.transport, handshake);
    await vi.advanceTimersByTimeAsync(0);
    // Act
    await vi.advanceTimersByTimeAsync(3000);
    // Assess
    expect(acked.frames.map((frame) => frame.type)).toEqual(['connection_ack', 'ka', 'ka', 'ka', 'ka']);
    expect(silent.frames).toEqual([]);
    engine.close();
  });

  it('answers a stop that arrives while the start is still being prepared, and never acks that start', async () => {
    // Prepare: a subscribe hook that resolves only when told to.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hooks: RealtimeHooks = {
      schema,
      authenticator: { authenticate: async () => principal },
      onSubscribe: async () => {
        await gate;
        return {};
      },
    };
    const engine = createRealtimeEngine(hooks);
    const { frames, transport } = fakeTransport();
    const connection = engine.connect(transport, handshake);
    // Act
    connection.receive(start('a'));
    await flush();
    connection.receive('{"type":"stop","id":"a"}');
    release();
    await flush();
    await flush();
    // Assess
    expect(frames).toEqual([{ type: 'complete', id: 'a' }]);
    expect(engine.stats()).toEqual({ connections: 1, subscriptions: 0 });
    engine.close();
  });

  it('refuses a start with InternalFailure when the hook crashes, and logs without the token', async () => {
    // Prepare
    const lines: string[] = [];
    const hooks: RealtimeHooks = {
      schema,
      authenticator: { authenticate: async () => principal },
      onSubscribe: async () => {
        throw new Error('resolver bundle missing');
      },
    };
    const engine = createRealtimeEngine(hooks, { logger: createJsonLogger({ level: 'debug', write: (line) => lines.push(line) }) });
    const { frames, transport } = fakeTransport();
    const connection = engine.connect(transport, handshake);
    // Act
    connection.receive('{"type":"connection_init"}');
    connection.receive(start('a'));
    await flush();
    await flush();
    // Assess
    expect(frames.at(-1)).toEqual({ id: 'a', type: 'error', payload: { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] } });
    expect(lines.some((line) => line.includes('resolver bundle missing'))).toBe(true);
    expect(lines.join('\n')).not.toContain('secret-token');
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ component: 'realtime', level: expect.any(String), event: expect.any(String) });
    engine.close();
  });

  it('closes every connection with 1001 on close()', () => {
    const hooks: RealtimeHooks = { schema, authenticator: { authenticate: async () => principal }, onSubscribe: async () => ({}) };
    const engine = createRealtimeEngine(hooks);
    const first = fakeTransport();
    const second = fakeTransport();
    engine.connect(first.transport, handshake);
    engine.connect(second.transport, handshake);
    engine.close();
    expect([...first.closes, ...second.closes]).toEqual([
      { code: 1001, reason: 'Server shutting down' },
      { code: 1001, reason: 'Server shutting down' },
    ]);
    expect(engine.stats().connections).toBe(0);
  });
});
