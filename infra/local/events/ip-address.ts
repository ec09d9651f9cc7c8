/**
 * IP address matching for event patterns: the `cidr` operator, and exact values that are IP
 * addresses (EventBridge compares those as addresses, so `2001:db8::1` equals
 * `2001:0db8:0:0:0:0:0:1`). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-ip-matching
 *
 * Behaviour of EventBridge's engine (aws/event-ruler CIDR.java), kept here:
 * - only text shaped like `d.d.d.d` or hex-and-colons is taken for an address (no dotted IPv6 tails);
 * - the range runs from the address as written (not masked) to that address with the host bits set;
 * - a mask of 32 (IPv4) or 128 (IPv6) is refused (`IPv4 mask bits must be < 32`);
 * - error reasons as AWS reports them: `Malformed CIDR, one '/' required`,
 *   `Malformed CIDR, mask bits must be an integer`, `Nonstandard IP address: xx.11.xx`.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { invalidPattern } from './pattern-errors';

/** An inclusive range of addresses of one family, as big-endian bytes. */
export interface IpRange {
  readonly bottom: Uint8Array;
  readonly top: Uint8Array;
}

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/**
 * The bytes of an IP address literal, if the text is one.
 * @returns 4 or 16 bytes, or null when the text is not an address
 */
export function parseIpAddress(text: string): Uint8Array | null {
  if (IPV4_SHAPE.test(text)) {
    return isIPv4(text) ? Uint8Array.from(text.split('.').map(Number)) : null;
  }
  if (IPV6_SHAPE.test(text) && isIPv6(text)) {
    return ipv6Bytes(text);
  }
  return null;
}

/**
 * The one-address range for an exact pattern value that is an IP address.
 * @returns the range, or null when the value is not an address (then it is matched as a string)
 */
export function exactIpRange(text: string): IpRange | null {
  const bytes = parseIpAddress(text);
  return bytes ? { bottom: bytes, top: bytes } : null;
}

/**
 * Compiles a `cidr` operand.
 * @throws {InvalidEventPatternError} with EventBridge's reason
 * @returns the covered range
 */
export function compileCidr(cidr: string): IpRange {
  const slashed = cidr.split('/');
  if (slashed.length !== 2) {
    invalidPattern("Malformed CIDR, one '/' required");
  }
  const [address = '', maskText = ''] = slashed;
  if (!/^[+-]?\d+$/.test(maskText) || !Number.isSafeInteger(Number(maskText))) {
    invalidPattern('Malformed CIDR, mask bits must be an integer');
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) {
    invalidPattern('Malformed CIDR, mask bits must not be negative');
  }
  const bottom = addressBytesOrBarf(address);
  if (bottom.length === 4 && maskBits > 31) {
    invalidPattern('IPv4 mask bits must be < 32');
  }
  if (bottom.length === 16 && maskBits > 127) {
    invalidPattern('IPv6 mask bits must be < 128');
  }
  const top = Uint8Array.from(bottom);
  let hostBits = bottom.length * 8 - maskBits;
  for (let index = top.length - 1; index >= 0 && hostBits > 0; index -= 1, hostBits -= 8) {
    top[index] = (top[index] as number) | (hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
  }
  return { bottom, top };
}

/**
 * Whether an event value is an address inside the range (same family only).
 * @returns false for anything that is not an address string
 */
export function ipInRange(value: unknown, range: IpRange): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const bytes = parseIpAddress(value);
  if (!bytes || bytes.length !== range.bottom.length) {
    return false;
  }
  return compareBytes(bytes, range.bottom) >= 0 && compareBytes(bytes, range.top) <= 0;
}

function addressBytesOrBarf(address: string): Uint8Array {
  const shaped = IPV4_SHAPE.test(address) || IPV6_SHAPE.test(address);
  if (!shaped) {
    invalidPattern(`Nonstandard IP address: ${address}`);
  }
  const bytes = parseIpAddress(address);
  if (!bytes) {
    invalidPattern(`Invalid IP address: ${address}`);
  }
  return bytes;
}

function ipv6Bytes(text: string): Uint8Array {
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] as number) - (b[index] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}
