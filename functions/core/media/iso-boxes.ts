/**
 * A cheap integrity check for ISO base media files (MP4, MOV, M4A): walk the top-level boxes and
 * report one that claims more bytes than the file holds. ffprobe happily describes an MP4 whose
 * index comes first and whose media data was cut off, so an upload cut short would otherwise pass.
 * Reads 16 bytes per top-level box (a handful per file).
 */
import { open } from 'node:fs/promises';

export interface Truncation {
  /** Four-character type of the box that runs past the end, e.g. `mdat`. */
  box: string;
  /** Bytes the box needs from its start. */
  declaredBytes: number;
  /** Bytes present from its start. */
  presentBytes: number;
}

/** The first top-level box that extends past the end of the file, or null when the file is whole. */
export async function findIsoTruncation(path: string): Promise<Truncation | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(16);
    let offset = 0;
    // A file has few top-level boxes (ftyp, moov, mdat, free, …); the cap only guards against garbage.
    for (let boxes = 0; offset + 8 <= size && boxes < 10_000; boxes++) {
      const { bytesRead } = await file.read(header, 0, 16, offset);
      if (bytesRead < 8) {
        return null;
      }
      const type = header.toString('latin1', 4, 8);
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) {
        // ISO/IEC 14496-12 §4.2: size 1 means a 64-bit `largesize` follows the type.
        if (bytesRead < 16) {
          return { box: type, declaredBytes: 16, presentBytes: size - offset };
        }
        boxSize = Number(header.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        // Size 0: the box extends to the end of the file.
        return null;
      }
      if (boxSize < 8) {
        return null;
      }
      if (offset + boxSize > size) {
        return { box: type, declaredBytes: boxSize, presentBytes: size - offset };
      }
      offset += boxSize;
    }
    return null;
  } finally {
    await file.close();
  }
}
