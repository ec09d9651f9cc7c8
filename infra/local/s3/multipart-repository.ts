/**
 * Multipart uploads on disk, until they are completed or aborted:
 *
 *   uploads/<uploadId>/upload.json        bucket, key, initiation time, what to store with the object
 *   uploads/<uploadId>/<n>.json           ETag, size and file of part n (the commit point: a re-sent
 *   uploads/<uploadId>/<n>-<random>.part  part replaces the JSON, then the old bytes are deleted)
 *
 * Upload ids are issued by this server (64 URL-safe characters) and checked against that shape
 * before they name a directory. Uploads survive a restart, like S3's.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from './atomic-file';
import { newUploadId, UPLOAD_ID_PATTERN } from './ids';
import type { StoredHeaders } from './object-records';

/** What CreateMultipartUpload recorded. */
export interface MultipartUpload {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: string;
  readonly contentType: string;
  readonly headers: StoredHeaders;
  readonly metadata: Readonly<Record<string, string>>;
  /** Who started it (access key id), as ListParts reports the initiator. */
  readonly initiator: string;
}

/** One uploaded part. */
export interface UploadedPart {
  readonly partNumber: number;
  readonly size: number;
  /** Hex MD5 of the part, without quotes. */
  readonly etag: string;
  readonly lastModified: string;
  /** File name of the bytes inside the upload's directory. */
  readonly dataFile: string;
}

/** The uploads in progress. */
export interface MultipartRepository {
  create(upload: Omit<MultipartUpload, 'uploadId' | 'initiated'>): Promise<MultipartUpload>;
  /** @returns the upload, or undefined for an unknown or malformed id */
  get(uploadId: string): MultipartUpload | undefined;
  /** Moves a received body into place as part `partNumber`. */
  putPart(uploadId: string, part: { tempPath: string; partNumber: number; size: number; etag: string }): Promise<UploadedPart>;
  /** @returns the parts uploaded so far, by part number */
  parts(uploadId: string): readonly UploadedPart[];
  /** @returns where a part's bytes are */
  partPath(uploadId: string, part: UploadedPart): string;
  /** Forgets the upload and deletes its parts. */
  remove(uploadId: string): Promise<void>;
}

/**
 * Opens (creating if needed) the uploads directory and loads the uploads in progress.
 * @returns the repository
 */
export async function openMultipartRepository(root: string, tempDir: string): Promise<MultipartRepository> {
  const uploadsDir = join(root, 'uploads');
  await mkdir(uploadsDir, { recursive: true });
  const uploads = new Map<string, { upload: MultipartUpload; parts: Map<number, UploadedPart> }>();
  for (const uploadId of await readdir(uploadsDir)) {
    if (!UPLOAD_ID_PATTERN.test(uploadId)) continue;
    const loaded = await loadUpload(join(uploadsDir, uploadId));
    if (loaded && loaded.upload.uploadId === uploadId) uploads.set(uploadId, loaded);
  }
  const entry = (uploadId: string) => {
    const found = UPLOAD_ID_PATTERN.test(uploadId) ? uploads.get(uploadId) : undefined;
    if (!found) throw new Error(`Unknown upload ${uploadId}`);
    return found;
  };
  const partPath = (uploadId: string, part: UploadedPart) => join(uploadsDir, uploadId, part.dataFile);

  return {
    async create(fields) {
      const upload: MultipartUpload = { ...fields, uploadId: newUploadId(), initiated: new Date().toISOString() };
      await mkdir(join(uploadsDir, upload.uploadId));
      await writeJsonAtomic(join(uploadsDir, upload.uploadId, 'upload.json'), upload, tempDir);
      uploads.set(upload.uploadId, { upload, parts: new Map() });
      return upload;
    },
    get: (uploadId) => (UPLOAD_ID_PATTERN.test(uploadId) ? uploads.get(uploadId)?.upload : undefined),
    async putPart(uploadId, received) {
      const found = entry(uploadId);
      const part: UploadedPart = {
        partNumber: received.partNumber,
        size: received.size,
        etag: received.etag,
        lastModified: new Date().toISOString(),
        dataFile: `${received.partNumber}-${randomBytes(8).toString('hex')}.part`,
      };
      const replaced = found.parts.get(part.partNumber);
      await rename(received.tempPath, partPath(uploadId, part));
      await writeJsonAtomic(join(uploadsDir, uploadId, `${part.partNumber}.json`), part, tempDir);
      found.parts.set(part.partNumber, part);
      if (replaced) await rm(partPath(uploadId, replaced), { force: true });
      return part;
    },
    parts: (uploadId) => [...entry(uploadId).parts.values()].sort((a, b) => a.partNumber - b.partNumber),
    partPath,
    async remove(uploadId) {
      entry(uploadId);
      uploads.delete(uploadId);
      await rm(join(uploadsDir, uploadId), { recursive: true, force: true });
    },
  };
}

async function loadUpload(directory: string): Promise<{ upload: MultipartUpload; parts: Map<number, UploadedPart> } | null> {
  const upload = (await readJsonFile(join(directory, 'upload.json'))) as MultipartUpload | null;
  if (!upload || typeof upload.uploadId !== 'string' || typeof upload.bucket !== 'string' || typeof upload.key !== 'string') return null;
  const parts = new Map<number, UploadedPart>();
  for (const name of await readdir(directory)) {
    const match = /^(\d+)\.json$/.exec(name);
    if (!match) continue;
    const part = (await readJsonFile(join(directory, name))) as UploadedPart | null;
    const validFile = typeof part?.dataFile === 'string' && /^\d+-[0-9a-f]{16}\.part$/.test(part.dataFile);
    if (part && validFile && part.partNumber === Number(match[1]) && typeof part.etag === 'string' && typeof part.size === 'number') {
      parts.set(part.partNumber, part);
    }
  }
  return { upload, parts };
}
