import { describe, expect, it } from 'vitest';
import { createChecksum } from '../../../../../infra/local/s3/checksums';
import type { ChecksumAlgorithm } from '../../../../../infra/local/s3/checksums';

const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

describe('Function: createChecksum', () => {
  // The catalogued check values of each CRC over "123456789" (reveng CRC catalogue), and the SHA digests.
  it.each([
    ['CRC32', hexToBase64('cbf43926')],
    ['CRC32C', hexToBase64('e3069283')],
    ['CRC64NVME', hexToBase64('ae8b14860a799888')],
    ['SHA1', hexToBase64('f7c3bc1d808e04732adf679965ccc34ca7ae3441')],
    ['SHA256', hexToBase64('15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225')],
  ])('computes %s of "123456789" fed in pieces', (algorithm, expected) => {
    const checksum = createChecksum(algorithm as ChecksumAlgorithm);
    checksum.update(Buffer.from('1234'));
    checksum.update(Buffer.from('56789'));
    expect(checksum.digest()).toBe(expected);
  });
});
