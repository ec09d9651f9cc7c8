/**
 * Signing uploads and downloads, as the uploads function does it, over the ObjectStore port.
 * Requests are validated here, at the function's edge; keys are always built from ids, never taken
 * from the caller.
 */
import { PRESIGNED_URL_SECONDS, originalKey, previewKey } from '../../infra/storage';
import type { ObjectStore } from '../ports/object-store';
import { partsProblem, planUpload } from './upload-plan';

export type UploadRequest =
  | { action: 'presignUpload'; owner: string; mediaId: string; version: number; contentType: string; size: number }
  | {
      action: 'completeMultipartUpload';
      owner: string;
      mediaId: string;
      version: number;
      uploadId: string;
      parts: { partNumber: number; etag: string }[];
      /** The declared size the parts were planned for. */
      size: number;
    }
  | { action: 'presignDownload'; owner: string; mediaId: string; version: number; file: 'ORIGINAL' | 'THUMBNAIL' | 'POSTER'; name: string };

/** A request this function will not sign; the resolver turns it into a GraphQL error. */
export class UploadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadRequestError';
  }
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;
const isVersion = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** Validates the untrusted payload into an UploadRequest. */
export function parseUploadRequest(event: unknown): UploadRequest {
  if (!event || typeof event !== 'object') {
    throw new UploadRequestError('Expected an object payload');
  }
  const e = event as Record<string, unknown>;
  if (!isString(e.owner) || !isString(e.mediaId) || !isVersion(e.version) || e.owner.includes('/') || e.mediaId.includes('/')) {
    throw new UploadRequestError('owner, mediaId and version are required');
  }
  switch (e.action) {
    case 'presignUpload':
      if (!isString(e.contentType) || typeof e.size !== 'number' || !Number.isInteger(e.size) || e.size < 0) {
        throw new UploadRequestError('contentType and a whole-number size are required');
      }
      return { action: 'presignUpload', owner: e.owner, mediaId: e.mediaId, version: e.version, contentType: e.contentType, size: e.size };
    case 'completeMultipartUpload': {
      if (!isString(e.uploadId) || !Array.isArray(e.parts) || typeof e.size !== 'number') {
        throw new UploadRequestError('uploadId, parts and the declared size are required');
      }
      const parts = e.parts.map((p: unknown) => {
        const part = (p ?? {}) as Record<string, unknown>;
        return { partNumber: Number(part.partNumber), etag: String(part.etag ?? '') };
      });
      const plan = planUpload(e.size);
      const problem = partsProblem(parts, plan.kind === 'multipart' ? plan.partCount : undefined);
      if (problem) {
        throw new UploadRequestError(`Invalid parts: ${problem}`);
      }
      return { action: 'completeMultipartUpload', owner: e.owner, mediaId: e.mediaId, version: e.version, uploadId: e.uploadId, parts, size: e.size };
    }
    case 'presignDownload':
      if (e.file !== 'ORIGINAL' && e.file !== 'THUMBNAIL' && e.file !== 'POSTER') {
        throw new UploadRequestError('file must be ORIGINAL, THUMBNAIL or POSTER');
      }
      return { action: 'presignDownload', owner: e.owner, mediaId: e.mediaId, version: e.version, file: e.file, name: isString(e.name) ? e.name : 'download' };
    default:
      throw new UploadRequestError(`Unknown action ${String(e.action)}`);
  }
}

const expiresAt = () => new Date(Date.now() + PRESIGNED_URL_SECONDS * 1000).toISOString();

/** Signs what was asked; returns the shape the resolver hands to GraphQL. */
export async function handleUploadRequest(request: UploadRequest, store: ObjectStore): Promise<unknown> {
  switch (request.action) {
    case 'presignUpload': {
      const key = originalKey(request.owner, request.mediaId, request.version);
      const plan = planUpload(request.size);
      if (plan.kind === 'single') {
        const put = await store.presignPut(key, {
          contentType: request.contentType,
          contentLength: request.size,
          expiresInSeconds: PRESIGNED_URL_SECONDS,
        });
        return { put: { url: put.url, headers: put.headers }, multipart: null, expiresAt: put.expiresAt };
      }
      const { uploadId } = await store.createMultipartUpload(key, request.contentType);
      const parts = [];
      for (let partNumber = 1; partNumber <= plan.partCount; partNumber += 1) {
        const signed = await store.presignUploadPart(key, uploadId, partNumber, PRESIGNED_URL_SECONDS);
        parts.push({ partNumber, url: signed.url });
      }
      return { put: null, multipart: { uploadId, partSize: plan.partSize, parts }, expiresAt: expiresAt() };
    }
    case 'completeMultipartUpload': {
      const key = originalKey(request.owner, request.mediaId, request.version);
      return store.completeMultipartUpload(key, request.uploadId, request.parts);
    }
    case 'presignDownload': {
      const key =
        request.file === 'ORIGINAL'
          ? originalKey(request.owner, request.mediaId, request.version)
          : previewKey(request.owner, request.mediaId, request.version, request.file === 'THUMBNAIL' ? 'thumbnail.webp' : 'poster.jpg');
      const head = await store.head(key);
      if (!head) {
        throw new UploadRequestError(`No ${request.file.toLowerCase()} stored for version ${request.version}`);
      }
      const downloadName = request.file === 'ORIGINAL' ? request.name : `${request.name}.${request.file === 'THUMBNAIL' ? 'webp' : 'jpg'}`;
      const signed = await store.presignGet(key, { expiresInSeconds: PRESIGNED_URL_SECONDS, downloadName });
      return { url: signed.url, expiresAt: signed.expiresAt };
    }
  }
}
