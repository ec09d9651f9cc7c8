/**
 * Objects on disk. Layout under the data directory:
 *
 *   objects/<bucket>/<h[0..2]>/<h>/index.json   every version of one key (h = SHA-256 of the key)
 *   objects/<bucket>/<h[0..2]>/<h>/<random>.data the bytes of one version
 *   tmp/                                         bodies being received (emptied at start)
 *
 * A key never becomes a path: it is hashed, so `../`, `%2e%2e/`, absolute or unicode keys cannot
 * reach outside the data directory. Writes are atomic (bytes renamed into place, then the index
 * replaced by rename), one writer per key at a time. An index of every key is kept in memory for
 * lookups and listings, loaded from disk at start so a restart keeps every object.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from './atomic-file';
import { newDataFileName, newSequencer, newVersionId } from './ids';
import { createKeyedMutex } from './keyed-mutex';
import { parseKeyIndex } from './object-records';
import type { KeyIndex, ObjectVersion, StoredHeaders } from './object-records';

/** A bucket the server serves. */
export interface BucketSettings {
  readonly name: string;
  readonly versioned: boolean;
  readonly createdAt: string;
}

/** A received body and what S3 stores with it. */
export interface NewObject {
  readonly tempPath: string;
  readonly size: number;
  readonly etag: string;
  readonly contentType: string;
  readonly headers: StoredHeaders;
  readonly metadata: Readonly<Record<string, string>>;
  readonly checksum: ObjectVersion['checksum'];
  readonly partCount: number | null;
}

/** An object version opened for reading (the bytes stay readable even if it is deleted meanwhile). */
export interface OpenedVersion {
  readonly version: ObjectVersion;
  /** Null for delete markers. */
  readonly file: FileHandle | null;
}

/** What a delete did. */
export interface DeleteOutcome {
  /** The version created (delete marker) or removed; null when nothing was there. */
  readonly versionId: string | null;
  readonly deleteMarker: boolean;
  readonly kind: 'marker-created' | 'version-removed' | 'nothing';
}

/** The stored objects of every configured bucket. */
export interface ObjectRepository {
  readonly tempDir: string;
  buckets(): readonly BucketSettings[];
  bucket(name: string): BucketSettings | undefined;
  /** @returns a fresh path in the temporary directory for a body being received */
  newTempPath(): string;
  /**
   * Stores a new version (or replaces the `null` version of an unversioned bucket).
   * `precondition` runs under the key's lock with the current version and may throw to refuse.
   */
  put(bucket: string, key: string, object: NewObject, precondition?: (current: ObjectVersion | undefined) => void): Promise<ObjectVersion>;
  /** @returns the current version (possibly a delete marker), or the named version */
  find(bucket: string, key: string, versionId?: string): ObjectVersion | undefined;
  /** @returns the version with its bytes opened, or undefined */
  open(bucket: string, key: string, versionId?: string): Promise<OpenedVersion | undefined>;
  delete(bucket: string, key: string, versionId?: string): Promise<DeleteOutcome>;
  /** @returns keys whose current version is not a delete marker, in UTF-8 binary order, with that version */
  listCurrent(bucket: string): readonly { readonly key: string; readonly version: ObjectVersion }[];
  /** @returns where a version's bytes are */
  dataPath(bucket: string, key: string, version: ObjectVersion): string | null;
}

/**
 * Opens (creating if needed) the object store under `root` and loads its index.
 * @returns the repository
 */
export async function openObjectRepository(root: string, buckets: readonly BucketSettings[]): Promise<ObjectRepository> {
  const tempDir = join(root, 'tmp');
  await rm(tempDir, { recursive: true, force: true });
  await mkdir(tempDir, { recursive: true });
  const settings = new Map(buckets.map((bucket) => [bucket.name, bucket]));
  const indexes = new Map<string, Map<string, KeyIndex>>();
  for (const bucket of buckets) {
    await mkdir(join(root, 'objects', bucket.name), { recursive: true });
    indexes.set(bucket.name, await loadBucket(join(root, 'objects', bucket.name)));
  }
  const sortedCache = new Map<string, { key: string; version: ObjectVersion }[]>();
  const mutex = createKeyedMutex();

  const keyDir = (bucket: string, key: string) => {
    const hash = hashKey(key);
    return join(root, 'objects', bucket, hash.slice(0, 2), hash);
  };
  const indexOf = (bucket: string) => {
    const index = indexes.get(bucket);
    if (!index) throw new Error(`Bucket ${bucket} is not configured`);
    return index;
  };
  const locate = (bucket: string, key: string, versionId?: string) => {
    const versions = indexes.get(bucket)?.get(key)?.versions;
    if (!versions) return undefined;
    return versionId === undefined ? versions[0] : versions.find((version) => version.versionId === versionId);
  };
  const save = async (bucket: string, key: string, versions: readonly ObjectVersion[]) => {
    const directory = keyDir(bucket, key);
    sortedCache.delete(bucket);
    if (versions.length === 0) {
      indexOf(bucket).delete(key);
      await rm(join(directory, 'index.json'), { force: true });
      await rmdir(directory).catch(() => undefined);
      return;
    }
    await writeJsonAtomic(join(directory, 'index.json'), { key, versions } satisfies KeyIndex, tempDir);
    indexOf(bucket).set(key, { key, versions });
  };

  return {
    tempDir,
    buckets: () => [...settings.values()],
    bucket: (name) => settings.get(name),
    newTempPath: () => join(tempDir, `${randomBytes(16).toString('hex')}.body`),
    find: locate,
    dataPath: (bucket, key, version) => (version.dataFile ? join(keyDir(bucket, key), version.dataFile) : null),

    put(bucket, key, object, precondition) {
      const bucketSettings = settings.get(bucket);
      if (!bucketSettings) throw new Error(`Bucket ${bucket} is not configured`);
      return mutex.run(`${bucket}\u0000${key}`, async () => {
        const existing = indexOf(bucket).get(key)?.versions ?? [];
        const current = existing[0];
        precondition?.(current && !current.deleteMarker ? current : undefined);
        const directory = keyDir(bucket, key);
        await mkdir(directory, { recursive: true });
        const dataFile = newDataFileName();
        await rename(object.tempPath, join(directory, dataFile));
        const version: ObjectVersion = {
          versionId: bucketSettings.versioned ? newVersionId() : 'null',
          deleteMarker: false,
          dataFile,
          size: object.size,
          etag: object.etag,
          lastModified: new Date().toISOString(),
          contentType: object.contentType,
          headers: object.headers,
          metadata: object.metadata,
          checksum: object.checksum,
          partCount: object.partCount,
          sequencer: newSequencer(),
        };
        const replaced = existing.filter((old) => old.versionId === version.versionId || (!bucketSettings.versioned && old.versionId === 'null'));
        const kept = existing.filter((old) => !replaced.includes(old));
        try {
          await save(bucket, key, [version, ...kept]);
        } catch (error) {
          await rm(join(directory, dataFile), { force: true });
          throw error;
        }
        await removeDataFiles(directory, replaced);
        return version;
      });
    },

    open(bucket, key, versionId) {
      return mutex.run(`${bucket}\u0000${key}`, async () => {
        const version = locate(bucket, key, versionId);
        if (!version) return undefined;
        const file = version.dataFile ? await open(join(keyDir(bucket, key), version.dataFile), 'r') : null;
        return { version, file };
      });
    },

    delete(bucket, key, versionId) {
      const bucketSettings = settings.get(bucket);
      if (!bucketSettings) throw new Error(`Bucket ${bucket} is not configured`);
      return mutex.run(`${bucket}\u0000${key}`, async (): Promise<DeleteOutcome> => {
        const existing = indexOf(bucket).get(key)?.versions ?? [];
        if (versionId === undefined && bucketSettings.versioned) {
          // https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html: a simple
          // DELETE on a versioned bucket inserts a delete marker; the data stays.
          const marker: ObjectVersion = {
            versionId: newVersionId(),
            deleteMarker: true,
            dataFile: null,
            size: 0,
            etag: '',
            lastModified: new Date().toISOString(),
            contentType: '',
            headers: {},
            metadata: {},
            checksum: null,
            partCount: null,
            sequencer: newSequencer(),
          };
          await mkdir(keyDir(bucket, key), { recursive: true });
          await save(bucket, key, [marker, ...existing]);
          return { versionId: marker.versionId, deleteMarker: true, kind: 'marker-created' };
        }
        const target = versionId ?? 'null';
        const removed = existing.find((version) => version.versionId === target);
        if (!removed) return { versionId: null, deleteMarker: false, kind: 'nothing' };
        await save(
          bucket,
          key,
          existing.filter((version) => version !== removed),
        );
        await removeDataFiles(keyDir(bucket, key), [removed]);
        return { versionId: removed.versionId, deleteMarker: removed.deleteMarker, kind: 'version-removed' };
      });
    },

    listCurrent(bucket) {
      const cached = sortedCache.get(bucket);
      if (cached) return cached;
      const entries: { key: string; version: ObjectVersion }[] = [];
      for (const [key, index] of indexOf(bucket)) {
        const current = index.versions[0];
        if (current && !current.deleteMarker) entries.push({ key, version: current });
      }
      entries.sort((a, b) => Buffer.compare(Buffer.from(a.key, 'utf8'), Buffer.from(b.key, 'utf8')));
      sortedCache.set(bucket, entries);
      return entries;
    },
  };
}

/** @returns the SHA-256 (hex) that names a key's directory */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

async function loadBucket(bucketDir: string): Promise<Map<string, KeyIndex>> {
  const index = new Map<string, KeyIndex>();
  for (const shard of await readdir(bucketDir)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const hash of await readdir(join(bucketDir, shard))) {
      const parsed = parseKeyIndex(await readJsonFile(join(bucketDir, shard, hash, 'index.json')));
      // An index whose key does not hash to its directory was not written by this server: skip it.
      if (parsed && parsed.versions.length > 0 && hashKey(parsed.key) === hash) index.set(parsed.key, parsed);
    }
  }
  return index;
}

async function removeDataFiles(directory: string, versions: readonly ObjectVersion[]): Promise<void> {
  for (const version of versions) {
    if (version.dataFile) await rm(join(directory, version.dataFile), { force: true });
  }
}
