import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ObjectStore } from '../../../../../functions/adapters/aws/s3-object-store';
import { createWorkerCredentials } from '../../../../../infra/local/auth/iam';
import { startS3Server } from '../../../../../infra/local/s3/server';

const MIB = 1024 * 1024;
const worker = createWorkerCredentials();
let dataDir: string;

async function text(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-s3-persist-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('Server: restart with the same data directory', () => {
  it('keeps objects, their versions and multipart uploads in progress', async () => {
    // Prepare: a first server life
    const first = await startS3Server({ dataDir, buckets: ['media'], region: 'us-east-1', credentials: [worker] });
    const before = createS3ObjectStore({ bucket: 'media', region: 'us-east-1', endpoint: first.endpoint, credentials: worker });
    const v1 = await before.put('originals/u/m/v1', Buffer.from('first bytes'), 'image/jpeg');
    await before.put('originals/u/m/v1', Buffer.from('second bytes'), 'image/jpeg');
    const { uploadId } = await before.createMultipartUpload('originals/u/big/v1', 'video/mp4');
    const partUrl = await before.presignUploadPart('originals/u/big/v1', uploadId, 1, 60);
    const part = await fetch(partUrl.url, { method: 'PUT', body: Buffer.alloc(MIB, 7) });
    await first.stop();

    // Act: a second life on the same directory (new port)
    const second = await startS3Server({ dataDir, buckets: ['media'], region: 'us-east-1', credentials: [worker] });
    const after = createS3ObjectStore({ bucket: 'media', region: 'us-east-1', endpoint: second.endpoint, credentials: worker });
    const current = await after.get('originals/u/m/v1');
    const old = await after.get('originals/u/m/v1', v1.versionId ?? undefined);
    const completed = await after.completeMultipartUpload('originals/u/big/v1', uploadId, [{ partNumber: 1, etag: part.headers.get('etag') ?? '' }]);
    const big = await after.head('originals/u/big/v1');
    await second.stop();

    // Assess
    expect(await text(current?.body)).toBe('second bytes');
    expect(current?.contentType).toBe('image/jpeg');
    expect(await text(old?.body)).toBe('first bytes');
    expect(completed.etag).toMatch(/-1$/);
    expect(big?.size).toBe(MIB);
  });
});
