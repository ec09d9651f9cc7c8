/**
 * PutEvents validation as EventBridge applies it.
 * - Request level (HTTP 400 ValidationException): 1–10 entries; entries together at most 256 KB,
 *   counted as https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html does
 *   (14 bytes for Time, UTF-8 bytes of Source, DetailType, Detail and each resource).
 * - Entry level (in the result, counted in FailedEntryCount; the other entries go through):
 *   `InvalidArgument` for a missing Source/DetailType/Detail, `MalformedDetail` when Detail is not a
 *   JSON object, `NotAuthorizedForSourceException` for an `aws.` source (reserved for AWS services).
 *   Messages as AWS sends them (moto and localstack record the same strings).
 */
import type { EventContent, PutEventsRequestEntry, PutEventsResultEntry } from './envelope';

/** The request as a whole was refused (`ValidationException`). */
export class PutEventsValidationError extends Error {
  readonly code = 'ValidationException';
  constructor(message: string) {
    super(message);
    this.name = 'PutEventsValidationError';
  }
}

export const MAX_ENTRIES = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

/**
 * Checks the request as a whole.
 * @throws {PutEventsValidationError} for a wrong entry count or an oversized request
 */
export function validatePutEventsRequest(entries: unknown): asserts entries is readonly PutEventsRequestEntry[] {
  if (!Array.isArray(entries)) {
    throw new PutEventsValidationError("1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
  }
  if (entries.length < 1) {
    throw new PutEventsValidationError("1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (entries.length > MAX_ENTRIES) {
    throw new PutEventsValidationError(
      "1 validation error detected: Value '[PutEventsRequestEntry]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
  }
  const total = (entries as PutEventsRequestEntry[]).reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES) {
    throw new PutEventsValidationError('Total size of the entries in the request is over the limit.');
  }
}

/**
 * The size EventBridge counts for an entry.
 * @returns bytes
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: unknown) => (typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : 0);
  return (
    (entry.Time !== undefined ? 14 : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (Array.isArray(entry.Resources) ? entry.Resources.reduce((sum: number, resource) => sum + bytes(resource), 0) : 0)
  );
}

/** An entry either becomes event content or is refused with EventBridge's code and message. */
export type EntryVerdict = { readonly ok: true; readonly content: EventContent } | { readonly ok: false; readonly error: Extract<PutEventsResultEntry, { ErrorCode: string }> };

/**
 * Checks one entry.
 * @param acceptsBus whether the entry's EventBusName (undefined when absent) names this bus
 * @returns the content to put on the bus, or the per-entry error
 */
export function validateEntry(entry: PutEventsRequestEntry, acceptsBus: (name: string | undefined) => boolean): EntryVerdict {
  const refuse = (ErrorCode: string, ErrorMessage: string): EntryVerdict => ({ ok: false, error: { ErrorCode, ErrorMessage } });
  if (!isNonEmptyString(entry.Source)) return refuse('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
  if (!isNonEmptyString(entry.DetailType)) return refuse('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
  if (!isNonEmptyString(entry.Detail)) return refuse('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.');
  if (!acceptsBus(entry.EventBusName)) {
    // Not confirmed against AWS: the per-entry answer for a bus that does not exist.
    return refuse('ResourceNotFoundException', `Event bus ${entry.EventBusName ?? 'default'} does not exist.`);
  }
  if (entry.Source.startsWith('aws.')) return refuse('NotAuthorizedForSourceException', 'Not authorized for the source.');
  const detail = parseObject(entry.Detail);
  if (!detail) return refuse('MalformedDetail', 'Detail is malformed.');
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every(isNonEmptyString)) {
    return refuse('InvalidArgument', 'Parameter Resources is not valid. Reason: Resources must be a list of strings.');
  }
  const time = parseTime(entry.Time);
  if (time === null) return refuse('InvalidArgument', 'Parameter Time is not valid.');
  return { ok: true, content: { source: entry.Source, detailType: entry.DetailType, detail, resources, ...(time ? { time } : {}) } };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** undefined: not given (now is used); null: not a time. */
function parseTime(time: PutEventsRequestEntry['Time']): Date | undefined | null {
  if (time === undefined) return undefined;
  const date = time instanceof Date ? time : typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
