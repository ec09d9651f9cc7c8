/**
 * Owner-only files under `<dataDir>/auth/`: the signing keys and the user registry. Written so a
 * crash never leaves half a file, and so the server and the token CLI starting at the same moment
 * agree on one key instead of each writing its own.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Creates the directory (mode 0700) if it does not exist.
 * @returns the directory path
 */
export async function ensurePrivateDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  return dir;
}

/**
 * Reads a file, or `undefined` when it does not exist.
 * @returns the file's text
 */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes `contents` to `path` only if no file is there yet, atomically (hard link of a complete
 * temporary file, which fails when the target exists). Whoever loses the race reads the winner's.
 * @returns the contents now at `path` (ours, or the file that was already there)
 */
export async function createOnce(path: string, contents: string): Promise<string> {
  await ensurePrivateDir(dirname(path));
  const temporary = temporaryPath(path);
  await writeFile(temporary, contents, { mode: FILE_MODE, flag: 'wx' });
  try {
    await link(temporary, path);
    return contents;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return readFile(path, 'utf8');
    throw error;
  } finally {
    await unlink(temporary);
  }
}

/**
 * Replaces a file's contents atomically (write a temporary file, then rename over the target).
 * @returns nothing; the file has mode 0600 afterwards
 */
export async function replaceAtomically(path: string, contents: string): Promise<void> {
  await ensurePrivateDir(dirname(path));
  const temporary = temporaryPath(path);
  await writeFile(temporary, contents, { mode: FILE_MODE, flag: 'wx' });
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * Narrows a file to owner read/write, in case it was created by hand or copied with wider rights.
 * @returns nothing
 */
export async function restrictToOwner(path: string): Promise<void> {
  await chmod(path, FILE_MODE);
}

function temporaryPath(path: string): string {
  return `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
