import { randomBytes, randomUUID } from 'node:crypto';

/**
 * util's id generators: 128-bit random UUID, ULID and KSUID, in the standard encodings AppSync names.
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (ID generation utils)
 */

/** A source of random bytes (node:crypto's randomBytes; fixed bytes in tests). */
export type RandomBytes = (size: number) => Buffer;

/** `util.autoId`: a random (version 4) UUID, lower-case with dashes. */
export function autoId(): string {
  return randomUUID();
}

const crockfordBase32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `util.autoUlid`: 26 Crockford base32 characters, the first 10 the millisecond timestamp (so ids
 * sort by creation time), the last 16 eighty random bits.
 */
export function autoUlid(now: number = Date.now(), random: RandomBytes = randomBytes): string {
  let time = '';
  let remaining = Math.floor(now);
  for (let index = 0; index < 10; index += 1) {
    time = crockfordBase32[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  let randomness = BigInt(`0x${random(10).toString('hex')}`);
  let randomPart = '';
  for (let index = 0; index < 16; index += 1) {
    randomPart = crockfordBase32[Number(randomness % 32n)] + randomPart;
    randomness /= 32n;
  }
  return time + randomPart;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID's epoch: 2014-05-13T16:53:20Z, in seconds. */
const ksuidEpochSeconds = 1_400_000_000;

/**
 * `util.autoKsuid`: 27 base62 characters encoding 20 bytes — a 32-bit timestamp in seconds since
 * the KSUID epoch followed by 128 random bits.
 */
export function autoKsuid(now: number = Date.now(), random: RandomBytes = randomBytes): string {
  const timestamp = Math.floor(now / 1000) - ksuidEpochSeconds;
  const bytes = Buffer.alloc(20);
  bytes.writeUInt32BE(timestamp >>> 0, 0);
  random(16).copy(bytes, 4);
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let encoded = '';
  while (value > 0n) {
    encoded = base62[Number(value % 62n)] + encoded;
    value /= 62n;
  }
  return encoded.padStart(27, '0');
}
