/**
 * Crash-safe metadata writes: the JSON goes to a temporary file in the same file system, then
 * replaces the target with one rename, so a reader (or a restart) sees the old or the new
 * document, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `value` as JSON to `path` atomically, staging it in `tempDir`.
 * @returns once the rename has happened
 */
export async function writeJsonAtomic(path: string, value: unknown, tempDir: string): Promise<void> {
  const staging = join(tempDir, `${randomBytes(12).toString('hex')}.json`);
  try {
    await writeFile(staging, JSON.stringify(value), { flag: 'wx' });
    await rename(staging, path);
  } catch (error) {
    await rm(staging, { force: true });
    throw error;
  }
}

/**
 * Reads a JSON document written by `writeJsonAtomic`.
 * @returns the parsed value, or `null` when the file does not exist
 */
export async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
