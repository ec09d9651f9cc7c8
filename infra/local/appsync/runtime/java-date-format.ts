import { dayNames, monthNames, parseDatePattern, quarterNames, styledName } from './java-date-pattern';
import type { FieldLetter, PatternItem } from './java-date-pattern';
import { offsetSecondsAt, zoneName } from './time-zones';
import type { TimeZone } from './time-zones';

/**
 * Formats an instant with a DateTimeFormatter pattern in a zone, printing each letter as java.time
 * does in the English locale (`util.time.nowFormatted`, `epochMilliSecondsToFormatted`).
 */

/** The calendar and clock fields of an instant seen in a zone. */
export interface ZonedFields {
  epochMs: number;
  zone: TimeZone;
  offsetSeconds: number;
  year: number;
  month: number;
  day: number;
  dayOfYear: number;
  /** 1 = Monday … 7 = Sunday. */
  dayOfWeek: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The fields of `epochMs` on the clocks of `zone`. */
export function zonedFields(epochMs: number, zone: TimeZone): ZonedFields {
  const offsetSeconds = offsetSecondsAt(zone, epochMs);
  const local = new Date(epochMs + offsetSeconds * 1000);
  const startOfYear = new Date(0);
  startOfYear.setUTCFullYear(local.getUTCFullYear(), 0, 1);
  const startOfDay = new Date(local.getTime());
  startOfDay.setUTCHours(0, 0, 0, 0);
  return {
    epochMs,
    zone,
    offsetSeconds,
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    dayOfYear: Math.round((startOfDay.getTime() - startOfYear.getTime()) / 86_400_000) + 1,
    dayOfWeek: ((local.getUTCDay() + 6) % 7) + 1,
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** An offset as `+HH`, `+HHMM`, `+HH:MM` (with seconds when `withSeconds` and non-zero). */
function offsetText(offsetSeconds: number, style: { colon: boolean; minutes: 'always' | 'ifNonZero'; seconds: boolean }) {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const total = Math.abs(offsetSeconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const separator = style.colon ? ':' : '';
  let text = `${sign}${pad(hours, 2)}`;
  if (style.minutes === 'always' || minutes !== 0 || (style.seconds && seconds !== 0)) text += `${separator}${pad(minutes, 2)}`;
  if (style.seconds && seconds !== 0) text += `${separator}${pad(seconds, 2)}`;
  return text;
}

/** The localized offset of `O`/`ZZZZ`: "GMT", "GMT+8", "GMT+08:00". */
function localizedOffset(offsetSeconds: number, full: boolean): string {
  if (offsetSeconds === 0) return 'GMT';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const total = Math.abs(offsetSeconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (full) return `GMT${sign}${pad(hours, 2)}:${pad(minutes, 2)}${seconds === 0 ? '' : `:${pad(seconds, 2)}`}`;
  return `GMT${sign}${hours}${minutes === 0 && seconds === 0 ? '' : `:${pad(minutes, 2)}`}${seconds === 0 ? '' : `:${pad(seconds, 2)}`}`;
}

function isoOffset(offsetSeconds: number, count: number, zeroText: string): string {
  if (offsetSeconds === 0) return zeroText;
  switch (count) {
    case 1:
      return offsetText(offsetSeconds, { colon: false, minutes: 'ifNonZero', seconds: false });
    case 2:
      return offsetText(offsetSeconds, { colon: false, minutes: 'always', seconds: false });
    case 3:
      return offsetText(offsetSeconds, { colon: true, minutes: 'always', seconds: false });
    case 4:
      return offsetText(offsetSeconds, { colon: false, minutes: 'always', seconds: true });
    default:
      return offsetText(offsetSeconds, { colon: true, minutes: 'always', seconds: true });
  }
}

function formatField(letter: FieldLetter, count: number, fields: ZonedFields): string {
  switch (letter) {
    case 'G':
      return count === 4 ? 'Anno Domini' : count === 5 ? 'A' : 'AD';
    case 'y':
    case 'u':
      return count === 2 ? pad(fields.year % 100, 2) : pad(fields.year, count);
    case 'M':
    case 'L':
      return count <= 2 ? pad(fields.month, count) : styledName(monthNames[fields.month - 1] as string, count);
    case 'd':
      return pad(fields.day, count);
    case 'D':
      return pad(fields.dayOfYear, count);
    case 'Q':
    case 'q': {
      const quarter = Math.ceil(fields.month / 3);
      if (count <= 2) return pad(quarter, count);
      if (count === 3) return `Q${quarter}`;
      return count === 4 ? (quarterNames[quarter - 1] as string) : String(quarter);
    }
    case 'E':
      return styledName(dayNames[fields.dayOfWeek - 1] as string, count);
    case 'a':
      return fields.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(fields.hour, count);
    case 'k':
      return pad(fields.hour === 0 ? 24 : fields.hour, count);
    case 'K':
      return pad(fields.hour % 12, count);
    case 'h':
      return pad(fields.hour % 12 === 0 ? 12 : fields.hour % 12, count);
    case 'm':
      return pad(fields.minute, count);
    case 's':
      return pad(fields.second, count);
    case 'S':
      return `${pad(fields.millisecond, 3)}000000`.slice(0, count);
    case 'A':
      return pad(((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + fields.millisecond, count);
    case 'n':
      return pad(fields.millisecond * 1_000_000, count);
    case 'N': {
      const millisOfDay = ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + fields.millisecond;
      return pad(millisOfDay * 1_000_000, count);
    }
    case 'V':
      return fields.zone.id;
    case 'z':
      return zoneName(fields.zone, fields.epochMs, count === 4 ? 'long' : 'short');
    case 'O':
      return localizedOffset(fields.offsetSeconds, count === 4);
    case 'X':
      return isoOffset(fields.offsetSeconds, count, 'Z');
    case 'x':
      return isoOffset(fields.offsetSeconds, count, count === 1 ? '+00' : count === 3 || count === 5 ? '+00:00' : '+0000');
    case 'Z':
      if (count <= 3) return isoOffset(fields.offsetSeconds, 2, '+0000');
      return count === 4 ? localizedOffset(fields.offsetSeconds, true) : isoOffset(fields.offsetSeconds, 5, 'Z');
  }
}

function formatItems(items: PatternItem[], fields: ZonedFields): string {
  let text = '';
  for (const item of items) {
    switch (item.kind) {
      case 'literal':
        text += item.text;
        break;
      case 'field':
        text += formatField(item.letter, item.count, fields);
        break;
      case 'optional':
        text += formatItems(item.items, fields);
        break;
    }
  }
  return text;
}

/** `epochMs` printed with the DateTimeFormatter `pattern` on the clocks of `zone`. */
export function formatEpochMs(epochMs: number, pattern: string, zone: TimeZone): string {
  return formatItems(parseDatePattern(pattern), zonedFields(epochMs, zone));
}
