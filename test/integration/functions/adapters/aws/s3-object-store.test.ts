import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attachmentContentDisposition, createS3ObjectStore, ObjectStoreError } from '../../../../../functions/adapters/aws/s3-object-store';
import type { ObjectStore } from '../../../../../functions/ports/object-store';
import { createWorkerCredentials } from '../../../../../infra/local/auth/iam';
import type { ObjectCreatedEvent } from '../../../../../infra/local/s3/events';
import { startS3Server } from '../../../../../infra/local/s3/server';
import type { RunningS3Server } from '../../../../../infra/local/s3/server';
import { bucket } from '../../../../../infra/storage';

const REGION = 'us-east-1';
const BUCKET = bucket.localName;
const MIB = 1024 * 1024;
const worker = createWorkerCredentials();
const events: ObjectCreatedEvent[] = [];
let clockOffsetMs = 0;
let server: RunningS3Server;
let store: ObjectStore;

const md5Hex = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const storeWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  createS3ObjectStore({ bucket: BUCKET, region: REGION, endpoint: server.endpoint, credentials });

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The S3 error code of an XML error answer. */
async function errorCode(response: Response): Promise<{ status: number; code: string | undefined; message: string | undefined }> {
  const text = await response.text();
  return { status: response.status, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1], message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] };
}

beforeAll(async () => {
  server = await startS3Server({
    buckets: [BUCKET],
    region: REGION,
    credentials: [worker],
    cors: bucket.cors,
    clock: () => Date.now() + clockOffsetMs,
    onObjectCreated: (event) => {
      events.push(event);
    },
  });
  store = storeWith(worker);
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  events.length = 0;
  clockOffsetMs = 0;
});

describe('Adapter: S3 object store against the local S3-API server', () => {
  it('takes a presigned PUT from fetch, returns the bytes, and emits exactly one Object Created event', async () => {
    // Prepare
    const key = 'originals/user-1/media-1/v1';
    const body = Buffer.from('a small original');
    const presigned = await store.presignPut(key, { contentType: 'text/plain', contentLength: body.length, expiresInSeconds: 900 });

    // Act
    const upload = await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body });
    const stored = await store.get(key);

    // Assess
    expect(upload.status).toBe(200);
    expect(upload.headers.get('etag')).toBe(`"${md5Hex(body)}"`);
    expect(stored).not.toBeNull();
    expect(await readAll(stored?.body as NodeJS.ReadableStream)).toEqual(body);
    expect(stored).toMatchObject({ size: body.length, contentType: 'text/plain', etag: md5Hex(body) });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '000000000000',
      region: REGION,
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: {
        version: '0',
        bucket: { name: BUCKET },
        object: { key, size: body.length, etag: md5Hex(body), 'version-id': stored?.versionId },
        'request-id': upload.headers.get('x-amz-request-id'),
        requester: '000000000000',
        'source-ip-address': '127.0.0.1',
        reason: 'PutObject',
      },
    });
    expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(event?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(event?.detail.object.sequencer).toMatch(/^[0-9A-F]+$/);
    expect(new URL(presigned.url).searchParams.has('x-amz-checksum-crc32')).toBe(false);
  });

  describe('a presigned PUT URL grants exactly one key, one method, one content type, until it expires', () => {
    const key = 'originals/user-1/media-2/v1';
    const body = Buffer.from('exactly these bytes');
    const presign = () => store.presignPut(key, { contentType: 'image/png', contentLength: body.length, expiresInSeconds: 60 });

    const expectRefused = async (response: Response, status: number, code: string) => {
      expect(await errorCode(response)).toMatchObject({ status, code });
      expect(events).toHaveLength(0);
      expect(await store.head(key)).toBeNull();
    };

    it('is refused once expired: AccessDenied "Request has expired"', async () => {
      const presigned = await presign();
      clockOffsetMs = 61_000;
      const response = await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body });
      const answer = await errorCode(response);
      expect(answer).toEqual({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
      clockOffsetMs = 0;
      expect(await store.head(key)).toBeNull();
    });

    it('is refused with a tampered signature', async () => {
      const url = new URL((await presign()).url);
      const signature = url.searchParams.get('X-Amz-Signature') ?? '';
      url.searchParams.set('X-Amz-Signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
      await expectRefused(await fetch(url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body }), 403, 'SignatureDoesNotMatch');
    });

    it('is refused for another key', async () => {
      const presigned = await presign();
      const moved = presigned.url.replace('/media-2/', '/media-3/');
      const response = await fetch(moved, { method: 'PUT', headers: presigned.headers, body });
      expect(await errorCode(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
      expect(await store.head('originals/user-1/media-3/v1')).toBeNull();
    });

    it('is refused for another method', async () => {
      await expectRefused(await fetch((await presign()).url, { method: 'GET' }), 403, 'SignatureDoesNotMatch');
    });

    it('is refused with a content type other than the signed one', async () => {
      const presigned = await presign();
      await expectRefused(await fetch(presigned.url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body }), 403, 'SignatureDoesNotMatch');
    });

    it('is refused with a body of another length than the signed one', async () => {
      const presigned = await presign();
      await expectRefused(await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: Buffer.concat([body, body]) }), 403, 'SignatureDoesNotMatch');
    });

    it('is refused when signed with a wrong secret', async () => {
      const forged = await storeWith({ accessKeyId: worker.accessKeyId, secretAccessKey: 'not-the-secret' }).presignPut(key, {
        contentType: 'image/png',
        contentLength: body.length,
        expiresInSeconds: 60,
      });
      await expectRefused(await fetch(forged.url, { method: 'PUT', headers: forged.headers, body }), 403, 'SignatureDoesNotMatch');
    });

    it('is refused when signed with an unknown access key', async () => {
      const forged = await storeWith({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' }).presignPut(key, {
        contentType: 'image/png',
        contentLength: body.length,
        expiresInSeconds: 60,
      });
      await expectRefused(await fetch(forged.url, { method: 'PUT', headers: forged.headers, body }), 403, 'InvalidAccessKeyId');
    });

    it('is refused when the caller adds an x-amz-* header the URL did not sign', async () => {
      const presigned = await presign();
      await expectRefused(
        await fetch(presigned.url, { method: 'PUT', headers: { ...presigned.headers, 'x-amz-meta-owner': 'mallory' }, body }),
        403,
        'AccessDenied',
      );
    });
  });

  it('refuses header-signed SDK calls made with a wrong secret', async () => {
    // Prepare
    const forged = storeWith({ accessKeyId: worker.accessKeyId, secretAccessKey: 'not-the-secret' });

    // Act
    const put = await forged.put('originals/user-1/forged/v1', Buffer.from('x'), 'text/plain').catch((error: unknown) => error);
    const get = await forged.get('originals/user-1/media-1/v1').catch((error: unknown) => error);

    // Assess
    expect(put).toBeInstanceOf(ObjectStoreError);
    expect(put).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(get).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(events).toHaveLength(0);
    expect(await store.head('originals/user-1/forged/v1')).toBeNull();
  });

  it('completes a multipart upload of 5 MiB + 5 MiB + 1 byte sent to presigned part URLs, with one event and the combined ETag', async () => {
    // Prepare
    const key = 'originals/user-1/media-big/v1';
    const parts = [Buffer.alloc(5 * MIB, 1), Buffer.alloc(5 * MIB, 2), Buffer.from([3])];
    const { uploadId } = await store.createMultipartUpload(key, 'video/mp4');

    // Act
    const uploaded = [];
    for (const [index, part] of parts.entries()) {
      const presigned = await store.presignUploadPart(key, uploadId, index + 1, 300);
      const response = await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: part });
      expect(response.status).toBe(200);
      uploaded.push({ partNumber: index + 1, etag: response.headers.get('etag') ?? '' });
    }
    const completed = await store.completeMultipartUpload(key, uploadId, uploaded);
    const stored = await store.get(key);

    // Assess
    const expectedEtag = `${createHash('md5').update(Buffer.concat(parts.map((part) => createHash('md5').update(part).digest()))).digest('hex')}-3`;
    expect(completed.etag).toBe(expectedEtag);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toMatchObject({
      reason: 'CompleteMultipartUpload',
      object: { key, size: 10 * MIB + 1, etag: expectedEtag, 'version-id': completed.versionId },
    });
    expect(stored?.contentType).toBe('video/mp4');
    expect(sha256Hex(await readAll(stored?.body as NodeJS.ReadableStream))).toBe(sha256Hex(Buffer.concat(parts)));
  });

  it('refuses to complete when a part other than the last is under 5 MiB (EntityTooSmall), and stores nothing', async () => {
    // Prepare
    const key = 'originals/user-1/media-small-parts/v1';
    const { uploadId } = await store.createMultipartUpload(key, 'video/mp4');
    const uploaded = [];
    for (const partNumber of [1, 2]) {
      const presigned = await store.presignUploadPart(key, uploadId, partNumber, 300);
      const response = await fetch(presigned.url, { method: 'PUT', body: Buffer.from(`part ${partNumber}`) });
      uploaded.push({ partNumber, etag: response.headers.get('etag') ?? '' });
    }

    // Act
    const completion = store.completeMultipartUpload(key, uploadId, uploaded);

    // Assess
    await expect(completion).rejects.toMatchObject({ code: 'EntityTooSmall' });
    expect(events).toHaveLength(0);
    expect(await store.head(key)).toBeNull();
    await store.abortMultipartUpload(key, uploadId);
    await expect(store.abortMultipartUpload(key, uploadId)).rejects.toMatchObject({ code: 'NoSuchUpload' });
  });

  it('keeps versions: two PUTs give two version ids and the first still returns the old bytes', async () => {
    // Prepare
    const key = 'previews/user-1/media-1/v1/thumbnail.webp';

    // Act
    const first = await store.put(key, Buffer.from('version one'), 'image/webp');
    const second = await store.put(key, Buffer.from('version two'), 'image/webp');
    const old = await store.get(key, first.versionId ?? undefined);
    const current = await store.get(key);

    // Assess
    expect(first.versionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second.versionId).not.toBe(first.versionId);
    expect((await readAll(old?.body as NodeJS.ReadableStream)).toString()).toBe('version one');
    expect(old?.versionId).toBe(first.versionId);
    expect((await readAll(current?.body as NodeJS.ReadableStream)).toString()).toBe('version two');
    expect(events.map((event) => event.detail.object['version-id'])).toEqual([first.versionId, second.versionId]);
  });

  it('deletes with a delete marker: the key reads as missing, older versions stay readable', async () => {
    const key = 'originals/user-1/media-deleted/v1';
    const { versionId } = await store.put(key, Buffer.from('kept'), 'text/plain');
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await store.head(key)).toBeNull();
    expect((await readAll((await store.get(key, versionId ?? undefined))?.body as NodeJS.ReadableStream)).toString()).toBe('kept');
  });

  it('returns null for a missing key or version', async () => {
    expect(await store.get('originals/nobody/none/v1')).toBeNull();
    expect(await store.head('originals/nobody/none/v1')).toBeNull();
    expect(await store.get('originals/user-1/media-1/v1', 'no-such-version')).toBeNull();
  });

  it('presigns a GET of one version served as an attachment with an RFC 5987 unicode file name', async () => {
    // Prepare
    const key = 'originals/user-1/media-named/v1';
    const first = await store.put(key, Buffer.from('first'), 'image/jpeg');
    await store.put(key, Buffer.from('second'), 'image/jpeg');
    const downloadName = 'Été à Zürich "2024".jpg';

    // Act
    const presigned = await store.presignGet(key, { expiresInSeconds: 60, versionId: first.versionId ?? undefined, downloadName });
    const response = await fetch(presigned.url);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('first');
    expect(response.headers.get('content-disposition')).toBe(attachmentContentDisposition(downloadName));
    expect(attachmentContentDisposition(downloadName)).toBe(
      `attachment; filename="_t_ _ Z_rich _2024_.jpg"; filename*=UTF-8''%C3%89t%C3%A9%20%C3%A0%20Z%C3%BCrich%20%222024%22.jpg`,
    );
    expect(Date.parse(presigned.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('serves a Range GET as 206 with Content-Range', async () => {
    // Prepare
    const key = 'originals/user-1/media-range/v1';
    await store.put(key, Buffer.from('0123456789abcdef'), 'application/octet-stream');
    const client = new S3Client({ endpoint: server.endpoint, forcePathStyle: true, region: REGION, credentials: worker });

    // Act
    const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=4-9' }));

    // Assess
    expect(response.$metadata.httpStatusCode).toBe(206);
    expect(response.ContentRange).toBe('bytes 4-9/16');
    expect(await response.Body?.transformToString()).toBe('456789');
  });

  it('answers a browser’s CORS preflight for a presigned PUT and exposes ETag and x-amz-version-id on the upload', async () => {
    // Prepare
    const key = 'originals/user-1/media-browser/v1';
    const body = Buffer.from('from the browser');
    const presigned = await store.presignPut(key, { contentType: 'text/plain', contentLength: body.length, expiresInSeconds: 60 });
    const origin = 'http://localhost:5173';

    // Act
    const preflight = await fetch(presigned.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    const upload = await fetch(presigned.url, { method: 'PUT', headers: { ...presigned.headers, origin }, body });
    const refusedPreflight = await fetch(presigned.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'DELETE' } });

    // Assess
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, PUT, HEAD');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-max-age')).toBe('3000');
    expect(upload.status).toBe(200);
    expect(upload.headers.get('access-control-allow-origin')).toBe('*');
    expect(upload.headers.get('access-control-expose-headers')).toBe('ETag, x-amz-version-id');
    expect(upload.headers.get('x-amz-version-id')).toBeTruthy();
    expect(await errorCode(refusedPreflight)).toMatchObject({ status: 403, code: 'AccessForbidden' });
  });
});
