/**
 * A directory of JSON documents, one file per key, each written atomically (a temporary file,
 * flushed, then renamed over the old one), so a crash leaves either the old or the new document —
 * never half of one. Leftover temporary files are removed when the store opens.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A document that could not be read back (kept on disk, reported, skipped). */
export interface UnreadableDocument {
  readonly file: string;
  readonly error: string;
}

export interface JsonFileStore<T> {
  /** Writes (or replaces) the document for `key`. */
  write(key: string, document: T): Promise<void>;
  /** Removes the document; false when there was none. */
  remove(key: string): Promise<boolean>;
  /** Reads every document. @returns the documents by key, and the files that did not parse */
  readAll(): Promise<{ documents: Map<string, T>; unreadable: UnreadableDocument[] }>;
}

const SUFFIX = '.json';
const TEMPORARY = '.tmp-';
const SAFE_KEY = /^[A-Za-z0-9._-]+$/;

/**
 * Opens (creating if needed) a store in `directory`.
 * @returns the store, with stale temporary files already removed
 */
export async function openJsonFileStore<T>(directory: string): Promise<JsonFileStore<T>> {
  await mkdir(directory, { recursive: true });
  for (const name of await readdir(directory)) {
    if (name.includes(TEMPORARY)) await unlink(join(directory, name)).catch(() => undefined);
  }
  const fileOf = (key: string) => {
    if (!SAFE_KEY.test(key) || key.startsWith('.')) throw new Error(`Unsafe store key ${JSON.stringify(key)}`);
    return join(directory, `${key}${SUFFIX}`);
  };
  return {
    async write(key, document) {
      const target = fileOf(key);
      const temporary = `${target}${TEMPORARY}${randomBytes(6).toString('hex')}`;
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(document)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    },
    async remove(key) {
      try {
        await unlink(fileOf(key));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
    async readAll() {
      const documents = new Map<string, T>();
      const unreadable: UnreadableDocument[] = [];
      for (const name of await readdir(directory)) {
        if (!name.endsWith(SUFFIX) || name.includes(TEMPORARY)) continue;
        try {
          documents.set(name.slice(0, -SUFFIX.length), JSON.parse(await readFile(join(directory, name), 'utf8')) as T);
        } catch (error) {
          unreadable.push({ file: name, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return { documents, unreadable };
    },
  };
}
