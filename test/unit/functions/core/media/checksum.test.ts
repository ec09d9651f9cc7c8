import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumFile } from '../../../../../functions/core/media/checksum';
import { makeMediaDir } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
});

afterAll(() => cleanup());

describe('Function: checksumFile', () => {
  it('gives the SHA-256 of the empty file for zero bytes', async () => {
    await writeFile(join(dir, 'empty'), '');

    expect(await checksumFile(join(dir, 'empty'))).toEqual({
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0,
    });
  });

  it('streams a file larger than its read buffer to the same digest as hashing it whole', async () => {
    // Prepare: 5 MiB plus a few bytes, so the last 1 MiB read is partial.
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 7, 0);
    for (let i = 0; i < bytes.length; i += 4093) bytes[i] = i % 251;
    await writeFile(join(dir, 'big'), bytes);

    // Act
    const checksum = await checksumFile(join(dir, 'big'));

    // Assess
    expect(checksum).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
  });

  it('gives the known digest of "abc" (FIPS 180-2 example)', async () => {
    await writeFile(join(dir, 'abc'), 'abc');

    expect((await checksumFile(join(dir, 'abc'))).sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
