/**
 * S3's additional checksums (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html):
 * CRC32, CRC32C, CRC64NVME, SHA-1 and SHA-256 of the object bytes, sent base64-encoded (big-endian
 * for the CRCs) in `x-amz-checksum-<algorithm>` — as a header, or as a trailer of an aws-chunked
 * body. S3 refuses an upload whose bytes do not match (BadDigest).
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** An incremental checksum. */
export interface Checksum {
  update(data: Uint8Array): void;
  /** @returns the checksum, base64 as S3 sends it */
  digest(): string;
}

/** @returns the header carrying this algorithm's checksum, e.g. `x-amz-checksum-crc32` */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** @returns the algorithm a header name stands for, or null */
export function algorithmOfHeader(name: string): ChecksumAlgorithm | null {
  return CHECKSUM_ALGORITHMS.find((algorithm) => checksumHeader(algorithm) === name.toLowerCase()) ?? null;
}

/** @returns a fresh incremental checksum for the algorithm */
export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case 'CRC32': {
      let value = 0;
      return { update: (data) => (value = crc32(data, value)), digest: () => uint32Base64(value) };
    }
    case 'CRC32C': {
      let value = 0xffffffff;
      return {
        update: (data) => {
          for (const byte of data) value = (CRC32C_TABLE[(value ^ byte) & 0xff] as number) ^ (value >>> 8);
        },
        digest: () => uint32Base64((value ^ 0xffffffff) >>> 0),
      };
    }
    case 'CRC64NVME':
      return createCrc64Nvme();
    case 'SHA1':
    case 'SHA256': {
      const hash = createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256');
      return { update: (data) => hash.update(data), digest: () => hash.digest('base64') };
    }
  }
}

function uint32Base64(value: number): string {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer.toString('base64');
}

/** CRC-32C (Castagnoli), reflected polynomial 0x82F63B78. */
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index += 1) {
    let value = index;
    for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? (value >>> 1) ^ 0x82f63b78 : value >>> 1;
    table[index] = value >>> 0;
  }
  return table;
})();

/** CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5, kept as two 32-bit halves for speed. */
const CRC64_TABLES = (() => {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  const polynomial = 0x9a6c9329ac4bc9b5n;
  for (let index = 0; index < 256; index += 1) {
    let value = BigInt(index);
    for (let bit = 0; bit < 8; bit += 1) value = value & 1n ? (value >> 1n) ^ polynomial : value >> 1n;
    high[index] = Number(value >> 32n);
    low[index] = Number(value & 0xffffffffn);
  }
  return { high, low };
})();

function createCrc64Nvme(): Checksum {
  let high = 0xffffffff;
  let low = 0xffffffff;
  return {
    update(data) {
      for (const byte of data) {
        const index = (low ^ byte) & 0xff;
        const shiftedLow = ((low >>> 8) | ((high & 0xff) << 24)) >>> 0;
        const shiftedHigh = high >>> 8;
        low = (shiftedLow ^ (CRC64_TABLES.low[index] as number)) >>> 0;
        high = (shiftedHigh ^ (CRC64_TABLES.high[index] as number)) >>> 0;
      }
    },
    digest() {
      const buffer = Buffer.alloc(8);
      buffer.writeUInt32BE((high ^ 0xffffffff) >>> 0, 0);
      buffer.writeUInt32BE((low ^ 0xffffffff) >>> 0, 4);
      return buffer.toString('base64');
    },
  };
}
