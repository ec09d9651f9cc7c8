import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkerCredentials } from '../../../../../infra/local/auth/iam';
import type { ObjectCreatedEvent, ObjectDeletedEvent } from '../../../../../infra/local/s3/events';
import { startS3Server } from '../../../../../infra/local/s3/server';
import type { RunningS3Server } from '../../../../../infra/local/s3/server';
import { errorCodeOf, sendRaw, sendSigned } from './signed-request';

const REGION = 'us-east-1';
const BUCKET = 'media';
const worker = createWorkerCredentials();
const created: ObjectCreatedEvent[] = [];
const deleted: ObjectDeletedEvent[] = [];
let clockOffsetMs = 0;
let server: RunningS3Server;
let client: S3Client;

async function walk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(directory, entry.name)) : [join(directory, entry.name)])));
  return nested.flat();
}

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  server = await startS3Server({
    buckets: [BUCKET, { name: 'plain', versioned: false }],
    region: REGION,
    credentials: [worker],
    clock: () => Date.now() + clockOffsetMs,
    onObjectCreated: (event) => {
      created.push(event);
    },
    onObjectDeleted: (event) => {
      deleted.push(event);
    },
  });
  // The SDK's defaults (flexible checksums WHEN_SUPPORTED): stream bodies go out aws-chunked with a CRC32 trailer.
  client = new S3Client({ endpoint: server.endpoint, forcePathStyle: true, region: REGION, credentials: worker, maxAttempts: 1 });
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  created.length = 0;
  deleted.length = 0;
  clockOffsetMs = 0;
});

describe('Server: local S3-API', () => {
  it('stores a stream the SDK sends aws-chunked with a CRC32 trailer, and returns that checksum when asked', async () => {
    // Act
    const put = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'streamed.txt', Body: Readable.from([Buffer.from('hello '), Buffer.from('stream')]), ContentLength: 12 }),
    );
    const get = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.txt', ChecksumMode: 'ENABLED' }));

    // Assess
    expect(put.ChecksumCRC32).toBe('gtnkmQ==');
    expect(await get.Body?.transformToString()).toBe('hello stream');
    expect(get.ChecksumCRC32).toBe('gtnkmQ==');
    expect(created).toHaveLength(1);
  });

  it('stores an object sent without Content-Type as binary/octet-stream, as S3 does', async () => {
    const put = await sendSigned({ endpoint: server.endpoint, method: 'PUT', signedPath: `/${BUCKET}/untyped`, body: Buffer.from('?'), credentials: worker });
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'untyped' }));
    expect(put.status).toBe(200);
    expect(head.ContentType).toBe('binary/octet-stream');
  });

  it('refuses a body that differs from its signed SHA-256 with XAmzContentSHA256Mismatch and stores nothing', async () => {
    // Act
    const response = await sendSigned({
      endpoint: server.endpoint,
      method: 'PUT',
      signedPath: `/${BUCKET}/tampered.txt`,
      body: Buffer.from('world'),
      payloadHash: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', // sha256("hello")
      credentials: worker,
    });

    // Assess
    expect(response.status).toBe(400);
    expect(errorCodeOf(response)).toBe('XAmzContentSHA256Mismatch');
    expect(await failure(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'tampered.txt' })))).toMatchObject({ name: 'NotFound' });
    expect(created).toHaveLength(0);
  });

  it('refuses a request without credentials with AccessDenied, naming the request id', async () => {
    const response = await sendRaw(server.endpoint, 'GET', `/${BUCKET}/streamed.txt`, {});
    expect(response.status).toBe(403);
    expect(errorCodeOf(response)).toBe('AccessDenied');
    expect(response.body.toString()).toContain(`<RequestId>${String(response.headers['x-amz-request-id'])}</RequestId>`);
  });

  it('refuses a request signed more than 15 minutes away from its clock with RequestTimeTooSkewed', async () => {
    // A client of its own: the SDK remembers a clock offset it learns from this answer.
    const skewed = new S3Client({ endpoint: server.endpoint, forcePathStyle: true, region: REGION, credentials: worker, maxAttempts: 1 });
    clockOffsetMs = 20 * 60_000;
    const error = await failure(skewed.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.txt' })));
    expect(error).toMatchObject({ name: 'RequestTimeTooSkewed', $metadata: { httpStatusCode: 403 } });
  });

  it('answers NoSuchBucket for a bucket it does not serve', async () => {
    expect(await failure(client.send(new GetObjectCommand({ Bucket: 'elsewhere', Key: 'k' })))).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
  });

  it('honours If-None-Match: * (no overwrite) with 412 PreconditionFailed', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'once.txt', Body: 'first' }));
    const error = await failure(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'once.txt', Body: 'second', IfNoneMatch: '*' })));
    expect(error).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'once.txt' }))).Body?.transformToString()).toBe('first');
  });

  it('lists with prefix, delimiter and continuation tokens', async () => {
    // Prepare
    for (const key of ['list/a/1', 'list/a/2', 'list/b', 'list/c', 'list/d/1']) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }

    // Act
    const keys: string[] = [];
    const prefixes: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client, pageSize: 2 }, { Bucket: BUCKET, Prefix: 'list/', Delimiter: '/' })) {
      pages += 1;
      keys.push(...(page.Contents ?? []).map((entry) => entry.Key ?? ''));
      prefixes.push(...(page.CommonPrefixes ?? []).map((entry) => entry.Prefix ?? ''));
    }
    const flat = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/a/' }));

    // Assess
    expect(keys).toEqual(['list/b', 'list/c']);
    expect(prefixes).toEqual(['list/a/', 'list/d/']);
    expect(pages).toBe(2);
    expect(flat.Contents?.map((entry) => entry.Key)).toEqual(['list/a/1', 'list/a/2']);
    expect(flat.KeyCount).toBe(2);
  });

  it('deletes with delete markers on versioned buckets and emits Object Deleted', async () => {
    // Prepare
    const { VersionId: firstVersion } = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'doomed.txt', Body: 'keep me' }));

    // Act
    const deletion = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'doomed.txt' }));
    const missing = await failure(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'doomed.txt' })));
    const marker = await failure(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'doomed.txt', VersionId: deletion.VersionId })));
    const old = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'doomed.txt', VersionId: firstVersion }));

    // Assess
    expect(deletion.DeleteMarker).toBe(true);
    expect(missing).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    expect(missing.$response?.headers['x-amz-delete-marker']).toBe('true');
    expect(marker.$metadata.httpStatusCode).toBe(405);
    expect(await old.Body?.transformToString()).toBe('keep me');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.detail).toMatchObject({ reason: 'DeleteObject', 'deletion-type': 'Delete Marker Created', object: { key: 'doomed.txt', 'version-id': deletion.VersionId } });
  });

  it('replaces objects in place and reports no version ids on an unversioned bucket', async () => {
    const first = await client.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'one' }));
    await client.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'two' }));
    const get = await client.send(new GetObjectCommand({ Bucket: 'plain', Key: 'k' }));
    expect(first.VersionId).toBeUndefined();
    expect(await get.Body?.transformToString()).toBe('two');
    expect(created.map((event) => event.detail.object)).toEqual([
      expect.not.objectContaining({ 'version-id': expect.anything() as unknown }),
      expect.not.objectContaining({ 'version-id': expect.anything() as unknown }),
    ]);
  });

  it('copies an object with its metadata and emits Object Created with reason CopyObject', async () => {
    // Prepare
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'source.txt', Body: 'copy me', ContentType: 'text/plain', Metadata: { origin: 'camera' } }));
    created.length = 0;

    // Act
    const copy = await client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copied.txt', CopySource: `${BUCKET}/source.txt` }));
    const get = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copied.txt' }));

    // Assess
    expect(copy.CopyObjectResult?.ETag).toBe(`"${createHash('md5').update('copy me').digest('hex')}"`);
    expect(await get.Body?.transformToString()).toBe('copy me');
    expect(get.ContentType).toBe('text/plain');
    expect(get.Metadata).toEqual({ origin: 'camera' });
    expect(created.map((event) => event.detail.reason)).toEqual(['CopyObject']);
  });

  it('lists the parts of a multipart upload in progress', async () => {
    // Prepare
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'parts.bin' }));
    for (const PartNumber of [2, 1, 3]) {
      await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'parts.bin', UploadId, PartNumber, Body: Buffer.alloc(PartNumber * 10, PartNumber) }));
    }

    // Act
    const first = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'parts.bin', UploadId, MaxParts: 2 }));
    const rest = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'parts.bin', UploadId, PartNumberMarker: first.NextPartNumberMarker }));

    // Assess
    expect(first.Parts?.map((part) => [part.PartNumber, part.Size])).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(first.IsTruncated).toBe(true);
    expect(rest.Parts?.map((part) => part.PartNumber)).toEqual([3]);
    expect(rest.IsTruncated).toBe(false);
  });

  it('refuses a body over the configured size limit with EntityTooLarge', async () => {
    // Prepare
    const small = await startS3Server({ buckets: [BUCKET], region: REGION, credentials: [worker], maxObjectBytes: 1024 });
    try {
      // Act
      const response = await sendSigned({ endpoint: small.endpoint, method: 'PUT', signedPath: `/${BUCKET}/big`, body: Buffer.alloc(2048), credentials: worker });

      // Assess
      expect(response.status).toBe(400);
      expect(errorCodeOf(response)).toBe('EntityTooLarge');
      expect(response.body.toString()).toContain('<MaxSizeAllowed>1024</MaxSizeAllowed>');
    } finally {
      await small.stop();
    }
  });

  describe('path traversal', () => {
    const outsideNames = async () => {
      const parent = dirname(server.dataDir);
      const entries = await readdir(parent);
      return entries.filter((name) => name.includes('escape') || name.includes('outside'));
    };

    it.each([
      ['../ literally (node:http keeps it)', '/media/../../escape-dots.txt', '/media/../../escape-dots.txt', '../../escape-dots.txt'],
      ['%2e%2e/ escaped', '/media/../../escape-encoded.txt', '/media/%2e%2e/%2e%2e/escape-encoded.txt', '../../escape-encoded.txt'],
      ['%2E%2E%2F with an escaped slash', '/media/..%2F..%2Fescape-slash.txt', '/media/%2E%2E%2F%2E%2E%2Fescape-slash.txt', '../../escape-slash.txt'],
    ])('keeps a key with %s inside the data directory, as a plain key', async (_label, signedPath, wirePath, key) => {
      // Act
      const put = await sendSigned({ endpoint: server.endpoint, method: 'PUT', signedPath, wirePath, body: Buffer.from('contained'), credentials: worker });
      const get = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));

      // Assess
      expect(put.status).toBe(200);
      expect(await get.Body?.transformToString()).toBe('contained');
      expect(await outsideNames()).toEqual([]);
      for (const file of await walk(server.dataDir)) expect(relative(server.dataDir, file).startsWith('..')).toBe(false);
      expect(created[0]?.detail.object.key).toBe(key);
    });

    it('keeps an SDK key of ../../../outside.txt inside the data directory', async () => {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: '../../../outside.txt', Body: 'contained' }));
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: '../' }));
      expect(listed.Contents?.map((entry) => entry.Key)).toContain('../../../outside.txt');
      expect(await outsideNames()).toEqual([]);
    });

    it('refuses a malformed escape with InvalidURI', async () => {
      const response = await sendRaw(server.endpoint, 'GET', '/media/%E0%A4%A', {});
      expect(response.status).toBe(400);
      expect(errorCodeOf(response)).toBe('InvalidURI');
    });
  });
});
