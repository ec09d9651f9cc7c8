/**
 * ObjectStore over the S3 API (`@aws-sdk/client-s3` + `@aws-sdk/s3-request-presigner`): AWS S3 by
 * default, or the local S3-API server when `endpoint` is set (path-style addressing). Both
 * runtimes issue the same calls and presigned URLs.
 *
 * The client computes checksums only when an operation requires them
 * (`requestChecksumCalculation: 'WHEN_REQUIRED'`): since @aws-sdk/client-s3 3.729 the default
 * signs a CRC32 of the *empty* body into presigned PUT URLs (x-amz-checksum-crc32=AAAAAA==),
 * which strict S3 implementations refuse and AWS documents as unsupported for presigned uploads
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html).
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { ObjectHead, ObjectStore, PresignedRequest, StoredObject } from '../../ports/object-store';

/** Settings of the S3 object store. */
export interface S3ObjectStoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** The local S3-API server, e.g. `http://127.0.0.1:4569`; omit for AWS. Enables path-style addressing. */
  readonly endpoint?: string;
  /** @default the SDK's default chain (Lambda's role; locally AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) */
  readonly credentials?: S3ClientConfig['credentials'];
  /** A client to use instead of building one (tests). It should compute checksums only WHEN_REQUIRED. */
  readonly client?: S3Client;
}

/** An S3 call failed for a reason other than a missing object. */
export class ObjectStoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ObjectStoreError';
  }
}

/**
 * Creates the store.
 * @returns an ObjectStore bound to one bucket
 * @example
 * const store = createS3ObjectStore({ bucket: 'mediagraph-media', region: 'us-east-1', endpoint: process.env.S3_ENDPOINT });
 * const { url, headers } = await store.presignPut('originals/u/m/v1', { contentType: 'image/png', contentLength: 1234, expiresInSeconds: 900 });
 */
export function createS3ObjectStore(options: S3ObjectStoreOptions): ObjectStore {
  const client =
    options.client ??
    new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const Bucket = options.bucket;

  const signing = (expiresInSeconds: number) => {
    // X-Amz-Date has whole seconds: sign at a whole second so expiresAt is exact.
    const signingDate = new Date(Math.floor(Date.now() / 1000) * 1000);
    return { options: { expiresIn: expiresInSeconds, signingDate }, expiresAt: new Date(signingDate.getTime() + expiresInSeconds * 1000).toISOString() };
  };

  return {
    bucket: Bucket,

    async presignPut(key, { contentType, contentLength, expiresInSeconds }): Promise<PresignedRequest> {
      // Content-Type and Content-Length are signed: the URL accepts only this upload. Clients send
      // the Content-Type given; Content-Length follows from the body (browsers set it themselves).
      const { options: presignOptions, expiresAt } = signing(expiresInSeconds);
      const url = await getSignedUrl(client, new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: contentLength }), {
        ...presignOptions,
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      return { url, headers: { 'content-type': contentType }, expiresAt };
    },

    async presignGet(key, { expiresInSeconds, versionId, downloadName }): Promise<PresignedRequest> {
      const { options: presignOptions, expiresAt } = signing(expiresInSeconds);
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
        ...(downloadName !== undefined ? { ResponseContentDisposition: attachmentContentDisposition(downloadName) } : {}),
      });
      return { url: await getSignedUrl(client, command, presignOptions), headers: {}, expiresAt };
    },

    async createMultipartUpload(key, contentType) {
      const output = await send(() => client.send(new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType })));
      if (!output.UploadId) throw new ObjectStoreError('CreateMultipartUpload returned no UploadId', 'MissingUploadId');
      return { uploadId: output.UploadId };
    },

    async presignUploadPart(key, uploadId, partNumber, expiresInSeconds): Promise<PresignedRequest> {
      const { options: presignOptions, expiresAt } = signing(expiresInSeconds);
      const command = new UploadPartCommand({ Bucket, Key: key, UploadId: uploadId, PartNumber: partNumber });
      return { url: await getSignedUrl(client, command, presignOptions), headers: {}, expiresAt };
    },

    async completeMultipartUpload(key, uploadId, parts) {
      const output = await send(() =>
        client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: quoteEtag(part.etag) })) },
          }),
        ),
      );
      return { versionId: output.VersionId ?? null, etag: unquoteEtag(output.ETag) };
    },

    async abortMultipartUpload(key, uploadId) {
      await send(() => client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId })));
    },

    async get(key, versionId): Promise<StoredObject | null> {
      const output = await sendOrNull(() => client.send(new GetObjectCommand({ Bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) })));
      if (!output) return null;
      if (!(output.Body instanceof Readable)) throw new ObjectStoreError('GetObject returned no readable body', 'MissingBody');
      return {
        body: output.Body,
        size: output.ContentLength ?? 0,
        contentType: output.ContentType ?? null,
        versionId: output.VersionId ?? null,
        etag: unquoteEtag(output.ETag),
      };
    },

    async head(key, versionId): Promise<ObjectHead | null> {
      const output = await sendOrNull(() => client.send(new HeadObjectCommand({ Bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) })));
      if (!output) return null;
      return { size: output.ContentLength ?? 0, contentType: output.ContentType ?? null, versionId: output.VersionId ?? null, etag: unquoteEtag(output.ETag) };
    },

    async put(key, body, contentType) {
      const output = await send(() => client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType, ContentLength: body.length })));
      return { versionId: output.VersionId ?? null };
    },

    async delete(key) {
      await send(() => client.send(new DeleteObjectCommand({ Bucket, Key: key })));
    },
  };
}

/**
 * A Content-Disposition that makes browsers save the file under `name` (RFC 6266): an ASCII
 * fallback `filename` plus `filename*` in RFC 5987 encoding for any other characters.
 * @returns e.g. `attachment; filename="_t_.jpg"; filename*=UTF-8''%C3%A9t%C3%A9.jpg`
 */
export function attachmentContentDisposition(name: string): string {
  const wellFormed = name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const cleaned = [...wellFormed].filter((character) => !isControlCharacter(character)).join('').trim() || 'download';
  const fallback = cleaned.replace(/[^\x20-\x7e]|["\\]/gu, '_');
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function isControlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

const NOT_FOUND = new Set(['NoSuchKey', 'NoSuchVersion', 'NotFound']);

async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asStoreError(error);
  }
}

/** Missing key or version → null; a version that is a delete marker (405 on GET/HEAD by id) → null. */
async function sendOrNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof S3ServiceException && (NOT_FOUND.has(error.name) || error.$metadata.httpStatusCode === 404 || error.name === 'MethodNotAllowed')) {
      return null;
    }
    throw asStoreError(error);
  }
}

function asStoreError(error: unknown): Error {
  if (error instanceof S3ServiceException) return new ObjectStoreError(error.message, error.name, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

function unquoteEtag(etag: string | undefined): string | null {
  return etag === undefined ? null : etag.replace(/^"|"$/g, '');
}

function quoteEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}
