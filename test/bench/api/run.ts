/**
 * API benchmark (`npm run bench:api`): the real platform (`infra/local/main.ts`, as `npm start` runs
 * it) in a child process, measured from this process over real sockets. Prints figures; asserts
 * nothing. Targets from the issue: p99 ≤ 25 ms at 300 req/s; fan-out p99 ≤ 100 ms to 1,000 subscribers.
 *
 * Phases:
 *  1. baseline — DynamoDB GetItem/Query straight through the AWS SDK at 50 in flight: the floor the
 *     data layer sets, so the API's own cost can be read off.
 *  2. getMedia and listMedia at a fixed 300 req/s over 50 connections (latency), then unthrottled
 *     over 50 connections (requests/s).
 *  3. fan-out — 1,000 WebSocket subscribers to onMediaChanged (one connection each, as browsers);
 *     an updateMedia mutation; the delay from sending the mutation to each subscriber's receipt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import WebSocket from 'ws';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const FANOUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 40);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the platform as `npm start` does (minus setup) and resolves with its printed endpoints. */
async function startPlatform(port: number, dataDir: string): Promise<{ child: ChildProcess; dynamodb: string; table: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}: ${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DynamoDB API \(DynamoDB Local\)\s+(\S+)\s+table (\S+)/.exec(output);
      if (match) {
        resolve({ child, dynamodb: match[1]!, table: match[2]! });
      }
    });
  });
}

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  if (body.errors) {
    throw new Error(JSON.stringify(body.errors));
  }
  return body.data!;
}

/** `count` calls of `call` with `concurrency` in flight; returns per-call latencies and throughput. */
async function pool(count: number, concurrency: number, call: () => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, perSecond: count / ((performance.now() - started) / 1000) };
}

async function load(title: string, url: string, token: string, body: string, rate?: number) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 50,
    duration: DURATION_S,
    ...(rate ? { overallRate: rate } : {}),
    headers: { 'content-type': 'application/json', authorization: token },
    body,
  });
  const errors = result.errors + result.non2xx;
  console.log(
    `  ${title.padEnd(38)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${ms(result.latency.p50).padStart(9)}   p99 ${ms(result.latency.p99).padStart(9)}   max ${ms(result.latency.max).padStart(9)}   errors ${errors}`,
  );
  return result;
}

async function fanOut(graphqlUrl: string, token: string, mediaId: string) {
  const realtimeUrl = `${graphqlUrl.replace(/^http/, 'ws')}/realtime`;
  const host = new URL(graphqlUrl).host;
  const header = Buffer.from(JSON.stringify({ Authorization: token, host })).toString('base64url');
  const received = new Map<number, number[]>();
  let acked = 0;
  const sockets: WebSocket[] = [];
  await new Promise<void>((resolve, reject) => {
    for (let index = 0; index < SUBSCRIBERS; index += 1) {
      const ws = new WebSocket(realtimeUrl, ['graphql-ws', `header-${header}`]);
      sockets.push(ws);
      ws.on('error', reject);
      ws.on('open', () => {
        ws.send(JSON.stringify({ type: 'connection_init' }));
        ws.send(
          JSON.stringify({
            id: `s${index}`,
            type: 'start',
            payload: {
              data: JSON.stringify({ query: 'subscription { onMediaChanged { id owner name status progress stage } }', variables: {} }),
              extensions: { authorization: { Authorization: token, host } },
            },
          }),
        );
      });
      ws.on('message', (raw) => {
        const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: { onMediaChanged?: { name: string } } } };
        if (message.type === 'start_ack' && ++acked === SUBSCRIBERS) {
          resolve();
        } else if (message.type === 'data') {
          const event = Number(message.payload?.data?.onMediaChanged?.name.split('-')[1] ?? -1);
          received.get(event)?.push(performance.now());
        } else if (message.type === 'error' || message.type === 'connection_error') {
          reject(new Error(JSON.stringify(message)));
        }
      });
    }
  });
  const delays: number[] = [];
  let lost = 0;
  for (let event = 1; event <= FANOUT_EVENTS; event += 1) {
    const stamps: number[] = [];
    received.set(event, stamps);
    const body = JSON.stringify({
      query: 'mutation U($input: UpdateMediaInput!) { updateMedia(input: $input) { id owner name status progress stage } }',
      variables: { input: { id: mediaId, name: `event-${event}` } },
    });
    const sent = performance.now();
    const response = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body });
    await response.text();
    const deadline = Date.now() + 5000;
    while (stamps.length < SUBSCRIBERS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    lost += SUBSCRIBERS - stamps.length;
    delays.push(...stamps.map((t) => t - sent));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const ws of sockets) {
    ws.close();
  }
  return { delays, lost };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mediagraph-bench-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const graphqlUrl = `${baseUrl}/graphql`;
  console.log(`Mediagraph API benchmark — ${new Date().toISOString()} — node ${process.version}, ${DURATION_S} s per phase`);
  const platform = await startPlatform(port, dataDir);
  try {
    const tokens = (await (
      await fetch(`${baseUrl}/auth/token`, { method: 'POST', body: JSON.stringify({ username: 'bench-alice' }) })
    ).json()) as { idToken: string };
    const token = tokens.idToken;
    const ids: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const data = await graphql(graphqlUrl, token, 'mutation C($n: String!) { createMedia(input: { name: $n, contentType: "image/jpeg", mediaType: IMAGE, size: 1234 }) { id } }', {
        n: `photo-${i}.jpg`,
      });
      ids.push(data.createMedia!.id);
    }
    const mediaId = ids[50]!;

    console.log('\n1. Baseline: DynamoDB Local through the AWS SDK, 50 in flight (no GraphQL, no auth)');
    const ddb = new DynamoDBClient({ endpoint: platform.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    for (const [title, call] of [
      ['GetItem (getMedia\'s data call)', () => ddb.send(new GetItemCommand({ TableName: platform.table, Key: { pk: { S: `MEDIA#${mediaId}` }, sk: { S: 'META' } } }))],
      ['Query 20 (listMedia\'s data call)', () => ddb.send(new QueryCommand({ TableName: platform.table, IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': { S: `OWNER#x#MEDIA` } }, Limit: 20, ScanIndexForward: false }))],
    ] as const) {
      const { latencies, perSecond } = await pool(3000, 50, call);
      console.log(`  ${title.padEnd(38)} ${String(Math.round(perSecond)).padStart(6)} req/s   p50 ${ms(percentile(latencies, 50)).padStart(9)}   p99 ${ms(percentile(latencies, 99)).padStart(9)}`);
    }
    ddb.destroy();

    const getBody = JSON.stringify({ query: 'query G($id: ID!) { getMedia(id: $id) { id name owner mediaType status progress createdAt } }', variables: { id: mediaId } });
    const listBody = JSON.stringify({ query: '{ listMedia(limit: 20) { items { id name mediaType status progress createdAt } nextToken } }' });
    // Warm-up: JIT, DynamoDB Local's JVM, the document cache.
    await autocannon({ url: graphqlUrl, method: 'POST', connections: 10, amount: 2000, headers: { 'content-type': 'application/json', authorization: token }, body: getBody });

    console.log('\n2. GraphQL over HTTP, 50 connections');
    const fixedGet = await load('getMedia  @ 300 req/s', graphqlUrl, token, getBody, 300);
    const fixedList = await load('listMedia(20) @ 300 req/s', graphqlUrl, token, listBody, 300);
    const maxGet = await load('getMedia  unthrottled', graphqlUrl, token, getBody);
    const maxList = await load('listMedia(20) unthrottled', graphqlUrl, token, listBody);

    console.log(`\n3. Fan-out: ${SUBSCRIBERS} WebSocket subscribers to onMediaChanged, ${FANOUT_EVENTS} updateMedia mutations — delay from sending the mutation to receipt`);
    const { delays, lost } = await fanOut(graphqlUrl, token, mediaId);
    console.log(`  deliveries ${delays.length}, lost ${lost}   p50 ${ms(percentile(delays, 50))}   p99 ${ms(percentile(delays, 99))}   max ${ms(Math.max(...delays))}`);

    console.log('\nTargets');
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(`  p99 ≤ 25 ms at 300 req/s: getMedia ${ms(fixedGet.latency.p99)} (${verdict(fixedGet.latency.p99 <= 25)}), listMedia ${ms(fixedList.latency.p99)} (${verdict(fixedList.latency.p99 <= 25)})`);
    console.log(`  fan-out p99 ≤ 100 ms: ${ms(percentile(delays, 99))} (${verdict(percentile(delays, 99) <= 100 && lost === 0)})`);
    console.log(`  capacity: getMedia ${Math.round(maxGet.requests.average)} req/s, listMedia ${Math.round(maxList.requests.average)} req/s`);
  } finally {
    platform.child.kill('SIGTERM');
    await new Promise((resolve) => platform.child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
