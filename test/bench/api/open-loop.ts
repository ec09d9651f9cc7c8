/**
 * A fixed-rate, open-loop load generator: requests are scheduled at `rate` per second whether or not
 * earlier ones finished, over at most `connections` keep-alive sockets, and each latency is counted
 * from the request's scheduled time — so a stall shows up in the figures instead of slowing the
 * generator down (no coordinated omission).
 */
import http from 'node:http';

export interface OpenLoopResult {
  sent: number;
  errors: number;
  latencies: number[];
  achievedRate: number;
}

export async function openLoop(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  rate: number;
  seconds: number;
  connections: number;
}): Promise<OpenLoopResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const headers = { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) };
  const latencies: number[] = [];
  let errors = 0;
  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const ok = response.statusCode === 200 && !Buffer.concat(chunks).toString().includes('"errors"');
            if (!ok) {
              errors += 1;
            }
            latencies.push(performance.now() - scheduled);
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors += 1;
        resolve();
      });
      request.end(options.body);
    });
  const total = Math.round(options.rate * options.seconds);
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const scheduled = start + (i * 1000) / options.rate;
    const wait = scheduled - performance.now();
    if (wait > 1) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    pending.push(send(scheduled));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return { sent: total, errors, latencies, achievedRate: total / elapsed };
}
