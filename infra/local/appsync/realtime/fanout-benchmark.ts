/**
 * Measures publish → receipt latency of the real-time server for many subscribers over real
 * sockets on 127.0.0.1. Not a test: prints figures. The server runs in this process; the
 * subscribers (one WebSocket each, like browsers) run in a child process so the two do not share
 * an event loop. Latency is stamped with `performance.timeOrigin + performance.now()` on both
 * sides (same machine clock).
 *
 * Run: npx tsx infra/local/appsync/realtime/fanout-benchmark.ts [subscribers=1000] [events=30]
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import WebSocket from 'ws';
import type { CognitoIdentity } from '../types';
import { createRealtimeServer } from './server';

const now = (): number => performance.timeOrigin + performance.now();

/** Ten selection shapes, so the fan-out spans several shaping groups as real clients would. */
const QUERIES = Array.from(
  { length: 10 },
  (_, index) => `subscription Q${index} { onMediaChanged { id owner name stage progress ${index % 2 ? 'status' : 'version'} } }`,
);

interface ClientReport {
  latencies: number[][];
}

async function runClients(url: string, subscribers: number, events: number): Promise<void> {
  const latencies: number[][] = Array.from({ length: events }, () => []);
  let acked = 0;
  const sockets: WebSocket[] = [];
  const header = Buffer.from(JSON.stringify({ Authorization: 'token-alice', host: 'bench' })).toString('base64url');
  for (let index = 0; index < subscribers; index += 1) {
    const ws = new WebSocket(url, ['graphql-ws', `header-${header}`]);
    sockets.push(ws);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'connection_init' }));
      ws.send(
        JSON.stringify({
          id: `s${index}`,
          type: 'start',
          payload: {
            data: JSON.stringify({ query: QUERIES[index % QUERIES.length], variables: {} }),
            extensions: { authorization: { Authorization: 'token-alice', host: 'bench' } },
          },
        }),
      );
    });
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data: { onMediaChanged: { stage: string; progress: number } } } };
      if (message.type === 'start_ack') {
        acked += 1;
        if (acked === subscribers) process.send?.({ ready: true });
      } else if (message.type === 'data' && message.payload) {
        const { stage, progress } = message.payload.data.onMediaChanged;
        latencies[progress]?.push(now() - Number(stage));
        if (latencies.every((round) => round.length === subscribers)) {
          process.send?.({ latencies } satisfies ClientReport);
          for (const socket of sockets) socket.close();
        }
      }
    });
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function runServer(subscribers: number, events: number): Promise<void> {
  const schema = buildSchema(['schema/appsync.graphql', 'schema/schema.graphql'].map((file) => readFileSync(file, 'utf8')).join('\n'));
  const identity: CognitoIdentity = {
    sub: 'alice',
    issuer: 'bench',
    username: 'alice',
    claims: {},
    sourceIp: [],
    defaultAuthStrategy: 'ALLOW',
    groups: null,
  };
  const realtime = createRealtimeServer(
    {
      schema,
      authenticator: { authenticate: async () => ({ mode: 'AMAZON_COGNITO_USER_POOLS', identity }) },
      onSubscribe: async () => ({ filter: { filterGroup: [{ filters: [{ fieldName: 'owner', operator: 'eq', value: 'alice' }] }] } }),
    },
    { maxSubscriptionsPerConnection: 10 },
  );
  const http = createServer();
  http.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const child = fork(fileURLToPath(import.meta.url), ['--clients', `ws://127.0.0.1:${port}/graphql/realtime`, String(subscribers), String(events)], {
    execArgv: ['--import', 'tsx'],
  });
  const report = await new Promise<ClientReport>((resolve) => {
    child.on('message', (message: { ready?: boolean } & Partial<ClientReport>) => {
      if (message.latencies) return resolve({ latencies: message.latencies });
      if (!message.ready) return;
      console.log(`${realtime.stats().subscriptions} subscriptions on ${realtime.stats().connections} connections; publishing ${events} events`);
      let sent = 0;
      const publishOne = () => {
        const started = performance.now();
        realtime.publish({
          mutationField: 'reportProgress',
          result: { id: 'm1', owner: 'alice', name: 'cat.jpg', stage: String(now()), progress: sent, status: 'PROCESSING', version: 1 },
        });
        publishCost.push(performance.now() - started);
        sent += 1;
        if (sent < events) setTimeout(publishOne, 100);
      };
      const publishCost: number[] = [];
      setTimeout(publishOne, 500);
      child.once('message', () => {
        const sorted = publishCost.sort((a, b) => a - b);
        console.log(`publish() call (server side, synchronous fan-out): p50 ${percentile(sorted, 50).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`);
      });
    });
  });
  const all = report.latencies.flat().sort((a, b) => a - b);
  const worstPerEvent = report.latencies.map((round) => Math.max(...round)).sort((a, b) => a - b);
  console.log(
    `publish → receipt over ${all.length} deliveries: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, ` +
      `p99 ${percentile(all, 99).toFixed(1)} ms, max ${all.at(-1)?.toFixed(1)} ms`,
  );
  console.log(`last subscriber reached per event: median ${percentile(worstPerEvent, 50).toFixed(1)} ms, worst ${worstPerEvent.at(-1)?.toFixed(1)} ms`);
  await realtime.close();
  http.close();
  child.kill();
}

const [, , role, ...rest] = process.argv;
if (role === '--clients') {
  const [url = '', subscribers = '1000', events = '30'] = rest;
  void runClients(url, Number(subscribers), Number(events));
} else {
  const subscribers = Number(role ?? 1000);
  const events = Number(rest[0] ?? 30);
  void runServer(subscribers, events);
}
