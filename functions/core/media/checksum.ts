/**
 * SHA-256 of a file, streamed: the exact-duplicate key and the integrity record of a version.
 * Memory stays at one read buffer whatever the file size.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileChecksum {
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  /** Bytes read. */
  size: number;
}

/** Reads the file once and returns its SHA-256 (hex) and its size in bytes. */
export async function checksumFile(path: string): Promise<FileChecksum> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}
