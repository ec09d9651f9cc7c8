import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewObject, ObjectRepository } from '../../../../../infra/local/s3/object-repository';
import { hashKey, openObjectRepository } from '../../../../../infra/local/s3/object-repository';

const BUCKETS = [
  { name: 'media', versioned: true, createdAt: '2024-01-01T00:00:00.000Z' },
  { name: 'plain', versioned: false, createdAt: '2024-01-01T00:00:00.000Z' },
];
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mediagraph-s3-repository-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function stage(repository: ObjectRepository, content: string): Promise<NewObject> {
  const tempPath = repository.newTempPath();
  await writeFile(tempPath, content);
  return { tempPath, size: content.length, etag: 'etag', contentType: 'text/plain', headers: {}, metadata: {}, checksum: null, partCount: null };
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('Function: openObjectRepository', () => {
  it('names a key’s directory by its hash, never by the key', async () => {
    // Prepare
    const repository = await openObjectRepository(root, BUCKETS);

    // Act
    await repository.put('media', '../../../etc/passwd', await stage(repository, 'x'));

    // Assess
    const hash = hashKey('../../../etc/passwd');
    expect(await readdir(join(root, 'objects', 'media', hash.slice(0, 2), hash))).toHaveLength(2);
    expect(repository.find('media', '../../../etc/passwd')?.size).toBe(1);
  });

  it('keeps every version in a versioned bucket and only the latest in an unversioned one', async () => {
    // Prepare
    const repository = await openObjectRepository(root, BUCKETS);

    // Act
    const first = await repository.put('media', 'k', await stage(repository, 'one'));
    await repository.put('media', 'k', await stage(repository, 'two'));
    await repository.put('plain', 'k', await stage(repository, 'one'));
    await repository.put('plain', 'k', await stage(repository, 'two'));

    // Assess
    expect(repository.find('media', 'k', first.versionId)?.size).toBe(3);
    expect((await filesUnder(join(root, 'objects', 'media'))).filter((name) => name.endsWith('.data'))).toHaveLength(2);
    expect((await filesUnder(join(root, 'objects', 'plain'))).filter((name) => name.endsWith('.data'))).toHaveLength(1);
    expect(repository.find('plain', 'k')?.versionId).toBe('null');
  });

  it('hides a key behind a delete marker and frees the bytes when the last version is removed', async () => {
    // Prepare
    const repository = await openObjectRepository(root, BUCKETS);
    const stored = await repository.put('media', 'k', await stage(repository, 'one'));

    // Act
    const marker = await repository.delete('media', 'k');
    const listedAfterMarker = repository.listCurrent('media').map((entry) => entry.key);
    await repository.delete('media', 'k', marker.versionId ?? '');
    await repository.delete('media', 'k', stored.versionId);

    // Assess
    expect(marker).toMatchObject({ kind: 'marker-created', deleteMarker: true });
    expect(listedAfterMarker).toEqual([]);
    expect(repository.find('media', 'k')).toBeUndefined();
    expect(await filesUnder(join(root, 'objects', 'media'))).toEqual([]);
  });

  it('reloads what it stored and lists keys in UTF-8 byte order', async () => {
    // Prepare
    const repository = await openObjectRepository(root, BUCKETS);
    for (const key of ['b', '\u{1F600}', 'a', '\uFF21']) await repository.put('media', key, await stage(repository, key));

    // Act
    const reopened = await openObjectRepository(root, BUCKETS);

    // Assess: UTF-8 puts U+FF21 (EF BC A1) before U+1F600 (F0 9F 98 80), unlike UTF-16 order
    expect(reopened.listCurrent('media').map((entry) => entry.key)).toEqual(['a', 'b', '\uFF21', '\u{1F600}']);
  });

  it('ignores an index whose key does not hash to its directory', async () => {
    // Prepare
    const forged = join(root, 'objects', 'media', 'ab', 'ab'.padEnd(64, '0'));
    await mkdir(forged, { recursive: true });
    await writeFile(join(forged, 'index.json'), JSON.stringify({ key: 'planted', versions: [] }));

    // Act
    const repository = await openObjectRepository(root, BUCKETS);

    // Assess
    expect(repository.find('media', 'planted')).toBeUndefined();
  });

  it('empties the temporary directory at start (bodies of interrupted uploads)', async () => {
    await mkdir(join(root, 'tmp'), { recursive: true });
    await writeFile(join(root, 'tmp', 'left-over.body'), 'partial');
    await openObjectRepository(root, BUCKETS);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });
});
