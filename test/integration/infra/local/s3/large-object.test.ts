import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ObjectStore } from '../../../../../functions/adapters/aws/s3-object-store';
import type { ObjectStore } from '../../../../../functions/ports/object-store';
import { createWorkerCredentials } from '../../../../../infra/local/auth/iam';
import type { ObjectCreatedEvent } from '../../../../../infra/local/s3/events';
import { startS3Server } from '../../../../../infra/local/s3/server';
import type { RunningS3Server } from '../../../../../infra/local/s3/server';

const MIB = 1024 * 1024;
const SIZE_MIB = 200;
const worker = createWorkerCredentials();
const events: ObjectCreatedEvent[] = [];
let server: RunningS3Server;
let store: ObjectStore;

/** Samples this process's RSS while `work` runs (server and client share the process). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; baselineBytes: number; peakBytes: number; seconds: number }> {
  const baselineBytes = process.memoryUsage.rss();
  let peakBytes = baselineBytes;
  const sampler = setInterval(() => {
    peakBytes = Math.max(peakBytes, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  try {
    const result = await work();
    peakBytes = Math.max(peakBytes, process.memoryUsage.rss());
    return { result, baselineBytes, peakBytes, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(sampler);
  }
}

function upload(url: string, headers: Record<string, string>, body: Readable): Promise<{ status: number; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'PUT', headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, etag: response.headers.etag }));
    });
    outgoing.on('error', reject);
    body.pipe(outgoing);
  });
}

function download(url: string): Promise<{ status: number; bytes: number; md5: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, (response) => {
      const hash = createHash('md5');
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes, md5: hash.digest('hex') }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ['media'], region: 'us-east-1', credentials: [worker], onObjectCreated: (event) => void events.push(event) });
  store = createS3ObjectStore({ bucket: 'media', region: 'us-east-1', endpoint: server.endpoint, credentials: worker });
});

afterAll(async () => {
  await server.stop();
});

describe('Server: a 200 MB object', () => {
  it('streams a presigned PUT and its GET through disk with bounded memory', { timeout: 180_000 }, async () => {
    // Prepare: 200 MiB produced on the fly from one random MiB (the client holds no copy either)
    const block = randomBytes(MIB);
    const expected = createHash('md5');
    for (let index = 0; index < SIZE_MIB; index += 1) expected.update(block);
    const expectedMd5 = expected.digest('hex');
    const key = 'originals/user-1/large/v1';
    const put = await store.presignPut(key, { contentType: 'video/mp4', contentLength: SIZE_MIB * MIB, expiresInSeconds: 600 });
    const body = Readable.from(
      (function* blocks() {
        for (let index = 0; index < SIZE_MIB; index += 1) yield block;
      })(),
    );

    // Act
    const uploaded = await withPeakRss(() => upload(put.url, { ...put.headers, 'content-length': String(SIZE_MIB * MIB) }, body));
    const get = await store.presignGet(key, { expiresInSeconds: 600 });
    const downloaded = await withPeakRss(() => download(get.url));

    // Assess
    const putGrowthMib = (uploaded.peakBytes - uploaded.baselineBytes) / MIB;
    const getGrowthMib = (downloaded.peakBytes - downloaded.baselineBytes) / MIB;
    console.log(
      JSON.stringify({
        benchmark: 's3-local-200MiB',
        putSeconds: Number(uploaded.seconds.toFixed(2)),
        putMiBPerSecond: Number((SIZE_MIB / uploaded.seconds).toFixed(1)),
        putRssGrowthMiB: Number(putGrowthMib.toFixed(1)),
        getSeconds: Number(downloaded.seconds.toFixed(2)),
        getMiBPerSecond: Number((SIZE_MIB / downloaded.seconds).toFixed(1)),
        getRssGrowthMiB: Number(getGrowthMib.toFixed(1)),
      }),
    );
    expect(uploaded.result).toEqual({ status: 200, etag: `"${expectedMd5}"` });
    expect(downloaded.result).toEqual({ status: 200, bytes: SIZE_MIB * MIB, md5: expectedMd5 });
    expect(events).toHaveLength(1);
    expect(events[0]?.detail.object).toMatchObject({ key, size: SIZE_MIB * MIB, etag: expectedMd5 });
    // Buffering the body would grow RSS by at least its 200 MiB.
    expect(putGrowthMib).toBeLessThan(100);
    expect(getGrowthMib).toBeLessThan(100);
  });
});
