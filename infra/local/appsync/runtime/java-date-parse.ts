import { dayNames, monthNames, parseDatePattern, quarterNames, styledName, textStyle } from './java-date-pattern';
import type { FieldLetter, PatternItem } from './java-date-pattern';
import { localToEpochMs, parseOffset, parseZoneId } from './time-zones';
import type { TimeZone } from './time-zones';

/**
 * Parses text with a DateTimeFormatter pattern into epoch milliseconds
 * (`util.time.parseFormattedToEpochMilliSeconds`). Parsing is strict and case-sensitive like
 * DateTimeFormatter.ofPattern, with java.time's SMART resolution (Feb 30 becomes the last day of
 * February; month 13 is an error). Unlike java.time it fills fields the pattern lacks (year 1970,
 * month and day 1, time 00:00, the given or UTC zone) instead of failing to build an instant.
 */

/** Text that does not fit the pattern; the message follows java.time's DateTimeParseException. */
export class DateTimeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateTimeParseError';
  }
}

class ParseFailure {
  constructor(readonly index: number) {}
}

interface ParsedFields {
  year?: number;
  beforeChrist?: boolean;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hourOfDay?: number;
  clockHourOfDay?: number;
  hourOfAmPm?: number;
  clockHourOfAmPm?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  nanos?: number;
  milliOfDay?: number;
  nanoOfDay?: number;
  offsetSeconds?: number;
  zone?: TimeZone;
}

/** Digits a numeric letter takes: min..max, or null for letters parsed as text or zones. */
function numericWidth(letter: FieldLetter, count: number): { min: number; max: number } | null {
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? { min: 2, max: 2 } : { min: count, max: 19 };
    case 'M':
    case 'L':
    case 'Q':
    case 'q':
      if (count >= 3) return null;
      return count === 1 ? { min: 1, max: 19 } : { min: 2, max: 2 };
    case 'd':
    case 'H':
    case 'h':
    case 'K':
    case 'k':
    case 'm':
    case 's':
      return count === 1 ? { min: 1, max: 19 } : { min: 2, max: 2 };
    case 'D':
      return count === 1 ? { min: 1, max: 19 } : count === 2 ? { min: 2, max: 3 } : { min: 3, max: 3 };
    case 'S':
      return { min: count, max: count };
    case 'A':
    case 'n':
    case 'N':
      return { min: count, max: 19 };
    case 'G':
    case 'E':
    case 'a':
    case 'V':
    case 'z':
    case 'O':
    case 'X':
    case 'x':
    case 'Z':
      return null;
  }
}

function storeNumber(letter: FieldLetter, count: number, digits: string, fields: ParsedFields): void {
  const value = Number(digits);
  switch (letter) {
    case 'y':
    case 'u':
      fields.year = count === 2 ? 2000 + value : value;
      return;
    case 'M':
    case 'L':
      fields.month = value;
      return;
    case 'Q':
    case 'q':
      return;
    case 'd':
      fields.day = value;
      return;
    case 'D':
      fields.dayOfYear = value;
      return;
    case 'H':
      fields.hourOfDay = value;
      return;
    case 'k':
      fields.clockHourOfDay = value;
      return;
    case 'K':
      fields.hourOfAmPm = value;
      return;
    case 'h':
      fields.clockHourOfAmPm = value;
      return;
    case 'm':
      fields.minute = value;
      return;
    case 's':
      fields.second = value;
      return;
    case 'S':
      fields.nanos = Number(digits.padEnd(9, '0'));
      return;
    case 'n':
      fields.nanos = value;
      return;
    case 'A':
      fields.milliOfDay = value;
      return;
    case 'N':
      fields.nanoOfDay = value;
      return;
    case 'G':
    case 'E':
    case 'a':
    case 'V':
    case 'z':
    case 'O':
    case 'X':
    case 'x':
    case 'Z':
      return;
  }
}

/** The longest of `candidates` found at `position`: its index and length, or null. */
function matchText(text: string, position: number, candidates: string[]): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  for (const [index, candidate] of candidates.entries()) {
    if (text.startsWith(candidate, position) && (best === null || candidate.length > best.length)) {
      best = { index, length: candidate.length };
    }
  }
  return best;
}

function parseText(letter: FieldLetter, count: number, text: string, position: number, fields: ParsedFields): number {
  const choose = (candidates: string[]) => {
    const match = matchText(text, position, candidates);
    if (match === null) throw new ParseFailure(position);
    return match;
  };
  switch (letter) {
    case 'M':
    case 'L': {
      const match = choose(monthNames.map((name) => styledName(name, count)));
      fields.month = match.index + 1;
      return position + match.length;
    }
    case 'E':
      return position + choose(dayNames.map((name) => styledName(name, count))).length;
    case 'a': {
      const match = choose(['AM', 'PM']);
      fields.pm = match.index === 1;
      return position + match.length;
    }
    case 'G': {
      const style = textStyle(count);
      const names = style === 'full' ? ['Before Christ', 'Anno Domini'] : style === 'narrow' ? ['B', 'A'] : ['BC', 'AD'];
      const match = choose(names);
      fields.beforeChrist = match.index === 0;
      return position + match.length;
    }
    case 'Q':
    case 'q': {
      const names = count === 3 ? ['Q1', 'Q2', 'Q3', 'Q4'] : count === 4 ? quarterNames : ['1', '2', '3', '4'];
      return position + choose(names).length;
    }
    default:
      throw new ParseFailure(position);
  }
}

function parseZone(letter: FieldLetter, count: number, text: string, position: number, fields: ParsedFields): number {
  const rest = text.slice(position);
  const localized = letter === 'O' || (letter === 'Z' && count === 4);
  if (localized) {
    const match = /^GMT(?:([+-])(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?)?/.exec(rest);
    if (match === null) throw new ParseFailure(position);
    const [, sign, hours, minutes, seconds] = match;
    const total = sign === undefined ? 0 : Number(hours) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
    fields.offsetSeconds = sign === '-' ? -total : total;
    return position + match[0].length;
  }
  if (letter === 'X' || letter === 'x' || letter === 'Z') {
    const match = /^(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)/.exec(rest);
    const offset = match === null ? null : match[0] === 'Z' ? 0 : parseOffset(match[0]);
    if (match === null || offset === null) throw new ParseFailure(position);
    fields.offsetSeconds = offset;
    return position + match[0].length;
  }
  const match = /^(?:Z|[+-][0-9:]+|[A-Za-z][A-Za-z0-9_+\-/]*)/.exec(rest);
  if (match === null) throw new ParseFailure(position);
  try {
    fields.zone = parseZoneId(match[0]);
  } catch {
    throw new ParseFailure(position);
  }
  return position + match[0].length;
}

function parseItems(items: PatternItem[], text: string, start: number, fields: ParsedFields): number {
  let position = start;
  items.forEach((item, itemIndex) => {
    switch (item.kind) {
      case 'literal':
        if (!text.startsWith(item.text, position)) throw new ParseFailure(position);
        position += item.text.length;
        return;
      case 'optional': {
        const snapshot = { ...fields };
        try {
          position = parseItems(item.items, text, position, fields);
        } catch (failure) {
          if (!(failure instanceof ParseFailure)) throw failure;
          for (const key of Object.keys(fields)) delete fields[key as keyof ParsedFields];
          Object.assign(fields, snapshot);
        }
        return;
      }
      case 'field': {
        const width = numericWidth(item.letter, item.count);
        if (width === null) {
          position = /[VzOXxZ]/.test(item.letter)
            ? parseZone(item.letter, item.count, text, position, fields)
            : parseText(item.letter, item.count, text, position, fields);
          return;
        }
        // Adjacent value parsing: a variable-width number leaves room for the fixed-width ones after it.
        let reserved = 0;
        if (width.min !== width.max) {
          for (const next of items.slice(itemIndex + 1)) {
            const nextWidth = next.kind === 'field' ? numericWidth(next.letter, next.count) : null;
            if (nextWidth === null || nextWidth.min !== nextWidth.max) break;
            reserved += nextWidth.min;
          }
        }
        const run = /^\d*/.exec(text.slice(position))?.[0].length ?? 0;
        const take = Math.min(width.max, run - reserved);
        if (take < width.min) throw new ParseFailure(position);
        storeNumber(item.letter, item.count, text.slice(position, position + take), fields);
        position += take;
        return;
      }
    }
  });
  return position;
}

function checkRange(text: string, name: string, value: number, min: number, max: number): void {
  if (value < min || value > max) {
    throw new DateTimeParseError(
      `Text '${text}' could not be parsed: Invalid value for ${name} (valid values ${min} - ${max}): ${value}`,
    );
  }
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** The hour of day from whichever hour letters were parsed. */
function resolveHour(text: string, fields: ParsedFields): number {
  if (fields.hourOfDay !== undefined) {
    checkRange(text, 'HourOfDay', fields.hourOfDay, 0, 23);
    return fields.hourOfDay;
  }
  if (fields.clockHourOfDay !== undefined) {
    checkRange(text, 'ClockHourOfDay', fields.clockHourOfDay, 1, 24);
    return fields.clockHourOfDay % 24;
  }
  const pmShift = fields.pm === true ? 12 : 0;
  if (fields.hourOfAmPm !== undefined) {
    checkRange(text, 'HourOfAmPm', fields.hourOfAmPm, 0, 11);
    return fields.hourOfAmPm + pmShift;
  }
  if (fields.clockHourOfAmPm !== undefined) {
    checkRange(text, 'ClockHourOfAmPm', fields.clockHourOfAmPm, 1, 12);
    return (fields.clockHourOfAmPm % 12) + pmShift;
  }
  return 0;
}

function resolveLocalMs(text: string, fields: ParsedFields): number {
  const yearOfEra = fields.year ?? 1970;
  const year = fields.beforeChrist === true ? 1 - yearOfEra : yearOfEra;
  const date = new Date(0);
  if (fields.month === undefined && fields.dayOfYear !== undefined) {
    checkRange(text, 'DayOfYear', fields.dayOfYear, 1, 366);
    date.setUTCFullYear(year, 0, fields.dayOfYear);
  } else {
    const month = fields.month ?? 1;
    checkRange(text, 'MonthOfYear', month, 1, 12);
    const day = fields.day ?? 1;
    checkRange(text, 'DayOfMonth', day, 1, 31);
    date.setUTCFullYear(year, month - 1, Math.min(day, daysInMonth(year, month)));
  }
  if (fields.milliOfDay !== undefined || fields.nanoOfDay !== undefined) {
    const millis = fields.milliOfDay ?? Math.floor((fields.nanoOfDay ?? 0) / 1_000_000);
    return date.getTime() + millis;
  }
  const minute = fields.minute ?? 0;
  const second = fields.second ?? 0;
  checkRange(text, 'MinuteOfHour', minute, 0, 59);
  checkRange(text, 'SecondOfMinute', second, 0, 59);
  const hour = resolveHour(text, fields);
  return date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + Math.floor((fields.nanos ?? 0) / 1_000_000);
}

/**
 * The instant `text` denotes under the DateTimeFormatter `pattern`: an offset or zone in the text
 * wins, else `zone`. Throws {@link DateTimeParseError} when the text does not fit.
 */
export function parseToEpochMs(text: string, pattern: string, zone: TimeZone): number {
  const source = String(text);
  const items = parseDatePattern(pattern);
  const fields: ParsedFields = {};
  let end: number;
  try {
    end = parseItems(items, source, 0, fields);
  } catch (failure) {
    if (failure instanceof ParseFailure) {
      throw new DateTimeParseError(`Text '${source}' could not be parsed at index ${failure.index}`);
    }
    throw failure;
  }
  if (end < source.length) {
    throw new DateTimeParseError(`Text '${source}' could not be parsed, unparsed text found at index ${end}`);
  }
  const localMs = resolveLocalMs(source, fields);
  if (fields.offsetSeconds !== undefined) return localMs - fields.offsetSeconds * 1000;
  return localToEpochMs(fields.zone ?? zone, localMs);
}
