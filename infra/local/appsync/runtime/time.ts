import { formatEpochMs } from './java-date-format';
import { parseToEpochMs } from './java-date-parse';
import { parseOffset, parseZoneId, localToEpochMs, utcZone } from './time-zones';
import type { TimeZone } from './time-zones';

/**
 * `util.time`: timestamps, conversions and Java DateTimeFormatter-style formatting and parsing.
 * https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time-js.html
 * Examples AppSync documents (VTL page, same functions): epochMilliSecondsToISO8601(1517943695758)
 * is "2018-02-06T19:01:35.758Z"; epochMilliSecondsToFormatted(1517943695758, "yyyy-MM-dd HH:mm:ssZ",
 * "+08:00") is "2018-02-07 03:01:35+0800".
 */

/** An ISO 8601 timestamp util.time cannot read. */
export class InvalidTimestampError extends Error {
  constructor(text: string) {
    super(`Text '${text}' could not be parsed as an ISO 8601 timestamp`);
    this.name = 'InvalidTimestampError';
  }
}

/** The functions of `util.time`, with the clock injectable for tests. */
export interface TimeUtils {
  nowISO8601(): string;
  nowEpochSeconds(): number;
  nowEpochMilliSeconds(): number;
  nowFormatted(format: string, timezone?: string): string;
  parseFormattedToEpochMilliSeconds(timestamp: string, format: string, timezone?: string): number;
  parseISO8601ToEpochMilliSeconds(timestamp: string): number;
  epochMilliSecondsToSeconds(milliseconds: number): number;
  epochMilliSecondsToISO8601(milliseconds: number): string;
  epochMilliSecondsToFormatted(milliseconds: number, format: string, timezone?: string): string;
}

function zoneOrUtc(timezone: string | undefined | null): TimeZone {
  return timezone === undefined || timezone === null ? utcZone : parseZoneId(timezone);
}

const isoTimestamp =
  /^([+-]?\d{4,9})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?:\[([^\]]+)\])?$/;

/**
 * Epoch milliseconds of an ISO 8601 date-time such as "2018-02-01T17:21:05.000+08:00"
 * (1517476865000). An offset or `[zone]` suffix is honoured; without either the time is UTC.
 */
export function parseIso8601ToEpochMs(timestamp: string): number {
  const text = String(timestamp);
  const match = isoTimestamp.exec(text);
  if (match === null) throw new InvalidTimestampError(text);
  const [, year, month, day, hour, minute, second, fraction, offset, zoneId] = match;
  const numbers = [month, day, hour, minute, second].map((part) => Number(part ?? 0));
  const [monthValue = 1, dayValue = 1, hourValue = 0, minuteValue = 0, secondValue = 0] = numbers;
  if (monthValue < 1 || monthValue > 12 || dayValue < 1 || dayValue > 31 || hourValue > 23 || minuteValue > 59 || secondValue > 59) {
    throw new InvalidTimestampError(text);
  }
  const local = new Date(0);
  local.setUTCFullYear(Number(year), monthValue - 1, dayValue);
  if (local.getUTCDate() !== dayValue) throw new InvalidTimestampError(text);
  local.setUTCHours(hourValue, minuteValue, secondValue, Number((fraction ?? '0').padEnd(9, '0').slice(0, 3)));
  if (offset !== undefined) {
    const offsetSeconds = offset === 'Z' || offset === 'z' ? 0 : parseOffset(offset);
    if (offsetSeconds === null) throw new InvalidTimestampError(text);
    return local.getTime() - offsetSeconds * 1000;
  }
  return localToEpochMs(zoneId === undefined ? utcZone : parseZoneId(zoneId), local.getTime());
}

/** Java's `long` conversion of a resolver number: whole milliseconds, truncated toward zero. */
function wholeMilliseconds(milliseconds: number): number {
  const value = Math.trunc(Number(milliseconds));
  if (!Number.isFinite(value)) throw new TypeError(`Expected epoch milliseconds, got ${String(milliseconds)}`);
  return value;
}

/** `util.time` reading the clock from `now` (Date.now by default). */
export function createTimeUtils(now: () => number = Date.now): TimeUtils {
  return {
    nowISO8601: () => new Date(now()).toISOString(),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (format, timezone) => formatEpochMs(now(), format, zoneOrUtc(timezone)),
    parseFormattedToEpochMilliSeconds: (timestamp, format, timezone) =>
      parseToEpochMs(timestamp, format, zoneOrUtc(timezone)),
    parseISO8601ToEpochMilliSeconds: (timestamp) => parseIso8601ToEpochMs(timestamp),
    epochMilliSecondsToSeconds: (milliseconds) => Math.trunc(wholeMilliseconds(milliseconds) / 1000),
    epochMilliSecondsToISO8601: (milliseconds) => new Date(wholeMilliseconds(milliseconds)).toISOString(),
    epochMilliSecondsToFormatted: (milliseconds, format, timezone) =>
      formatEpochMs(wholeMilliseconds(milliseconds), format, zoneOrUtc(timezone)),
  };
}
