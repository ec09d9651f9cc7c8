/**
 * The object store as the core needs it: presigned URLs for clients, streams for workers. Adapters:
 * `adapters/aws/s3-object-store.ts` speaks the S3 API (AWS S3, or the local S3-API server when
 * configured with its endpoint) — both runtimes issue the same SDK calls and presigned URLs.
 */
import type { Readable } from 'node:stream';

export interface PresignedRequest {
  url: string;
  /** Headers the client must send exactly as given (they are signed). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface StoredObject {
  body: Readable;
  size: number;
  contentType: string | null;
  versionId: string | null;
  etag: string | null;
}

export interface ObjectHead {
  size: number;
  contentType: string | null;
  versionId: string | null;
  etag: string | null;
}

export interface ObjectStore {
  readonly bucket: string;
  /** A URL that accepts exactly one PUT of `key` with this content type and length until it expires. */
  presignPut(key: string, options: { contentType: string; contentLength: number; expiresInSeconds: number }): Promise<PresignedRequest>;
  /** A URL that GETs `key` (optionally one version), served as an attachment named `downloadName`. */
  presignGet(key: string, options: { expiresInSeconds: number; versionId?: string; downloadName?: string }): Promise<PresignedRequest>;
  createMultipartUpload(key: string, contentType: string): Promise<{ uploadId: string }>;
  presignUploadPart(key: string, uploadId: string, partNumber: number, expiresInSeconds: number): Promise<PresignedRequest>;
  completeMultipartUpload(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<{ versionId: string | null; etag: string | null }>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /** Streams an object (optionally one version); null when it does not exist. */
  get(key: string, versionId?: string): Promise<StoredObject | null>;
  head(key: string, versionId?: string): Promise<ObjectHead | null>;
  put(key: string, body: Buffer, contentType: string): Promise<{ versionId: string | null }>;
  delete(key: string): Promise<void>;
}
