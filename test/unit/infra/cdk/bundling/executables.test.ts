import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elfMachine, findExecutable } from '../../../../../infra/cdk/bundling/executables';
import { projectRoot } from '../../../../../infra/resolver-bundles';

describe('Function: findExecutable', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mediagraph-executables-'));
    const arm = Buffer.alloc(64);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46]).copy(arm);
    arm.writeUInt16LE(0xb7, 18);
    await writeFile(path.join(dir, 'arm64-binary'), arm);
    await writeFile(path.join(dir, 'script.sh'), '#!/bin/sh\necho hi\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the static x86_64 ffprobe that @ffprobe-installer ships', () => {
    // Act
    const found = findExecutable(projectRoot, 'ffprobe', undefined);

    // Assess
    expect(found).toEqual({ found: true, path: path.join(projectRoot, 'node_modules/@ffprobe-installer/linux-x64/ffprobe') });
  });

  it('refuses an executable for another architecture, a script, a missing file, an unknown name', () => {
    expect(findExecutable(projectRoot, 'ffmpeg', path.join(dir, 'arm64-binary'))).toEqual({ found: false, reason: expect.stringContaining('(arm64)') });
    expect(findExecutable(projectRoot, 'ffmpeg', path.join(dir, 'script.sh'))).toEqual({ found: false, reason: expect.stringContaining('not an ELF file') });
    expect(findExecutable(projectRoot, 'ffmpeg', path.join(dir, 'absent'))).toEqual({ found: false, reason: expect.stringContaining('does not exist') });
    expect(findExecutable(projectRoot, 'sox', undefined)).toEqual({ found: false, reason: expect.stringContaining('-c soxBinary=') });
  });

  it('reads the ELF machine', () => {
    expect(elfMachine(path.join(projectRoot, 'node_modules/@ffprobe-installer/linux-x64/ffprobe'))).toBe('x86_64');
    expect(elfMachine(path.join(dir, 'arm64-binary'))).toBe('arm64');
  });
});
