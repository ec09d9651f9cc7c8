/**
 * API benchmark (`npm run bench:api`): the real platform (`infra/local/main.ts`, as `npm start` runs
 * it, persisting to a temporary data directory) in a child process, measured from other processes
 * over real sockets. Prints figures; asserts nothing. Targets from the issue: p99 ≤ 25 ms at
 * 300 req/s; fan-out p99 ≤ 100 ms to 1,000 subscribers.
 *
 *  0. warm-up — DynamoDB Local is a JVM: its JIT needs ~20 s of traffic before latencies settle.
 *  1. baseline — DynamoDB Local through the AWS SDK at the same fixed rate: the floor the data layer
 *     sets, so the API's own cost can be read off.
 *  2. getMedia and listMedia(limit 20) at a fixed 300 req/s over 50 keep-alive connections
 *     (open loop, latency from the scheduled send time), then unthrottled over 50 connections
 *     (autocannon) for capacity.
 *  3. fan-out — 1,000 WebSocket subscribers to onMediaChanged spread over 4 processes; an
 *     updateMedia mutation; the delay from sending it to each subscriber's receipt.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { startBenchPlatform } from '../platform';
import { openLoop } from './open-loop';

const here = path.dirname(fileURLToPath(import.meta.url));
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const SUBSCRIBER_PROCESSES = 4;
const FANOUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RATE = 300;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
const row = (title: string, perSecond: number, latencies: number[], extra = '') =>
  console.log(
    `  ${title.padEnd(34)} ${String(Math.round(perSecond)).padStart(6)} req/s   p50 ${ms(percentile(latencies, 50))}   p99 ${ms(percentile(latencies, 99))}   max ${ms(Math.max(...latencies))}${extra}`,
  );

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

/** The SDK against DynamoDB Local at a fixed rate (open loop), for the baseline. */
async function sdkAtRate(rate: number, seconds: number, call: () => Promise<unknown>) {
  const latencies: number[] = [];
  const pending: Promise<unknown>[] = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    pending.push(call().then(() => latencies.push(performance.now() - scheduled)));
  }
  await Promise.all(pending);
  return latencies;
}

async function fanOut(graphqlUrl: string, token: string, mediaId: string) {
  const realtimeUrl = `${graphqlUrl.replace(/^http/, 'ws')}/realtime`;
  const host = new URL(graphqlUrl).host;
  const query = 'subscription { onMediaChanged { id owner name status progress stage } }';
  const children = Array.from({ length: SUBSCRIBER_PROCESSES }, () =>
    fork(path.join(here, 'subscribers.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  await Promise.all(
    children.map(
      (child, index) =>
        new Promise<void>((resolve, reject) => {
          child.on('message', (message: { ready?: boolean; error?: string }) => {
            if (message.ready) resolve();
            if (message.error) reject(new Error(message.error));
          });
          const count = Math.floor(SUBSCRIBERS / SUBSCRIBER_PROCESSES) + (index < SUBSCRIBERS % SUBSCRIBER_PROCESSES ? 1 : 0);
          child.send({ realtimeUrl, host, token, count, query });
        }),
    ),
  );
  const sentAt = new Map<string, number>();
  for (let event = 1; event <= FANOUT_EVENTS; event += 1) {
    const name = `event-${event}`;
    sentAt.set(name, performance.timeOrigin + performance.now());
    await graphql(graphqlUrl, token, 'mutation U($input: UpdateMediaInput!) { updateMedia(input: $input) { id owner name status progress stage } }', {
      input: { id: mediaId, name },
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const reports = await Promise.all(
    children.map(
      (child) =>
        new Promise<Record<string, number[]>>((resolve) => {
          child.on('message', (message: { received?: Record<string, number[]> }) => {
            if (message.received) resolve(message.received);
          });
          child.send({ report: true });
        }),
    ),
  );
  const delays: number[] = [];
  let delivered = 0;
  for (const report of reports) {
    for (const [name, stamps] of Object.entries(report)) {
      delivered += stamps.length;
      delays.push(...stamps.map((t) => t - sentAt.get(name)!));
    }
  }
  return { delays, lost: SUBSCRIBERS * FANOUT_EVENTS - delivered };
}

async function main(): Promise<void> {
  console.log(`Mediagraph API benchmark — ${new Date().toISOString()} — node ${process.version}, ${SECONDS} s per phase, 2-core budget shared by server, JVM and load`);
  const platform = await startBenchPlatform();
  const graphqlUrl = platform.graphqlUrl;
  try {
    const tokens = await platform.token('bench-alice');
    const token = tokens.idToken;
    const ids: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const data = await graphql(graphqlUrl, token, 'mutation C($n: String!) { createMedia(input: { name: $n, contentType: "image/jpeg", mediaType: IMAGE, size: 1234 }) { id } }', {
        n: `photo-${i}.jpg`,
      });
      ids.push(data.createMedia!.id);
    }
    const mediaId = ids[50]!;
    const headers = { 'content-type': 'application/json', authorization: token };
    const getBody = JSON.stringify({ query: 'query G($id: ID!) { getMedia(id: $id) { id name owner mediaType status progress createdAt } }', variables: { id: mediaId } });
    const listBody = JSON.stringify({ query: '{ listMedia(limit: 20) { items { id name mediaType status progress createdAt } nextToken } }' });

    process.stdout.write('\n0. Warm-up (20 s of mixed traffic)… ');
    await openLoop({ url: graphqlUrl, headers, body: getBody, rate: RATE, seconds: 10, connections: 50 });
    await openLoop({ url: graphqlUrl, headers, body: listBody, rate: RATE, seconds: 10, connections: 50 });
    console.log('done');

    console.log(`\n1. Baseline: DynamoDB Local through the AWS SDK at ${RATE} req/s, open loop (no HTTP API, no GraphQL, no auth)`);
    const ddb = new DynamoDBClient({ endpoint: platform.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const getItem = () => ddb.send(new GetItemCommand({ TableName: platform.table, Key: { pk: { S: `MEDIA#${mediaId}` }, sk: { S: 'META' } } }));
    const query20 = () =>
      ddb.send(
        new QueryCommand({
          TableName: platform.table,
          IndexName: 'byOwner',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `OWNER#${tokens.sub}#MEDIA` } },
          Limit: 20,
          ScanIndexForward: false,
        }),
      );
    row("GetItem (getMedia's data call)", RATE, await sdkAtRate(RATE, SECONDS, getItem));
    row("Query 20 (listMedia's data call)", RATE, await sdkAtRate(RATE, SECONDS, query20));
    ddb.destroy();

    console.log(`\n2. GraphQL over HTTP: ${RATE} req/s open loop over ≤ 50 connections, then unthrottled over 50 (autocannon)`);
    const fixedGet = await openLoop({ url: graphqlUrl, headers, body: getBody, rate: RATE, seconds: SECONDS, connections: 50 });
    row(`getMedia @ ${RATE} req/s`, fixedGet.achievedRate, fixedGet.latencies, `   errors ${fixedGet.errors}`);
    const fixedList = await openLoop({ url: graphqlUrl, headers, body: listBody, rate: RATE, seconds: SECONDS, connections: 50 });
    row(`listMedia(20) @ ${RATE} req/s`, fixedList.achievedRate, fixedList.latencies, `   errors ${fixedList.errors}`);
    const capacity: Record<string, number> = {};
    for (const [title, body] of [
      ['getMedia unthrottled', getBody],
      ['listMedia(20) unthrottled', listBody],
    ] as const) {
      const result = await autocannon({ url: graphqlUrl, method: 'POST', connections: 50, duration: SECONDS, headers, body });
      capacity[title] = result.requests.average;
      console.log(
        `  ${title.padEnd(34)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   p50 ${ms(result.latency.p50)}   p99 ${ms(result.latency.p99)}   max ${ms(result.latency.max)}   errors ${result.errors + result.non2xx}`,
      );
    }

    console.log(`\n3. Fan-out: ${SUBSCRIBERS} WebSocket subscribers (${SUBSCRIBER_PROCESSES} processes) to onMediaChanged, ${FANOUT_EVENTS} updateMedia mutations`);
    const { delays, lost } = await fanOut(graphqlUrl, token, mediaId);
    console.log(`  mutation sent → subscriber received: ${delays.length} deliveries, lost ${lost}   p50 ${ms(percentile(delays, 50))}   p99 ${ms(percentile(delays, 99))}   max ${ms(Math.max(...delays))}`);

    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log('\nTargets');
    console.log(
      `  p99 ≤ 25 ms at ${RATE} req/s: getMedia ${percentile(fixedGet.latencies, 99).toFixed(1)} ms (${verdict(percentile(fixedGet.latencies, 99) <= 25)}), listMedia ${percentile(fixedList.latencies, 99).toFixed(1)} ms (${verdict(percentile(fixedList.latencies, 99) <= 25)})`,
    );
    console.log(`  fan-out p99 ≤ 100 ms: ${percentile(delays, 99).toFixed(1)} ms (${verdict(percentile(delays, 99) <= 100 && lost === 0)})`);
    console.log(`  capacity at 50 connections: getMedia ${Math.round(capacity['getMedia unthrottled']!)} req/s, listMedia ${Math.round(capacity['listMedia(20) unthrottled']!)} req/s`);
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
