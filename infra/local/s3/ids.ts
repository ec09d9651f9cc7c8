/**
 * Identifiers S3 hands out: request ids (16 upper-case alphanumerics, as in `x-amz-request-id`),
 * version ids and upload ids (URL-safe random strings), and event sequencers (hex strings that
 * grow with every change, so consumers can order events for the same key, as S3 documents:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 */
import { randomBytes } from 'node:crypto';

const REQUEST_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** @returns a 16-character request id like `N4N7GDK58NMKJ12R` */
export function newRequestId(): string {
  const bytes = randomBytes(16);
  let id = '';
  for (const byte of bytes) id += REQUEST_ID_ALPHABET[byte % REQUEST_ID_ALPHABET.length];
  return id;
}

/** @returns the `x-amz-id-2` companion of a request id (base64, as S3 sends it) */
export function newHostId(): string {
  return randomBytes(48).toString('base64');
}

/** @returns a 32-character URL-safe version id */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** @returns a 64-character URL-safe multipart upload id */
export function newUploadId(): string {
  return randomBytes(48).toString('base64url');
}

/** @returns a random file name (hex) for stored bytes */
export function newDataFileName(): string {
  return `${randomBytes(16).toString('hex')}.data`;
}

/** Upload ids this server issued look like this; anything else cannot name an upload (nor a path). */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{64}$/;

let lastSequencerMillis = 0;
let sequencerCounter = 0;

/**
 * A sequencer for an event: 18 upper-case hex digits, strictly increasing within this process and
 * across restarts (it starts from the clock).
 * @returns e.g. `0064D3901D00059242`
 */
export function newSequencer(now: number = Date.now()): string {
  if (now > lastSequencerMillis) {
    lastSequencerMillis = now;
    sequencerCounter = 0;
  } else {
    sequencerCounter += 1;
    if (sequencerCounter > 0xfffff) {
      lastSequencerMillis += 1;
      sequencerCounter = 0;
    }
  }
  return (lastSequencerMillis.toString(16).padStart(13, '0') + sequencerCounter.toString(16).padStart(5, '0')).toUpperCase();
}
