/**
 * Time zones as java.time's ZoneId understands them — `Z`, fixed offsets (`+08:00`, `-0530`, `+8`),
 * `UTC`/`GMT`/`UT` with or without an offset, and tz database regions (`Australia/Perth`) — with the
 * region rules taken from the tz data that Node's Intl carries.
 */

/** A zone: a fixed offset, or a tz database region whose offset varies with the instant. */
export type TimeZone = { kind: 'offset'; id: string; offsetSeconds: number } | { kind: 'region'; id: string };

/** The zone util.time uses when no zone is given: UTC. */
export const utcZone: TimeZone = { kind: 'region', id: 'UTC' };

/** Raised for a zone id java.time would reject (DateTimeException "Invalid ID for …"). */
export class InvalidZoneError extends Error {
  constructor(id: string) {
    super(`Invalid time zone ID: ${JSON.stringify(id)}`);
    this.name = 'InvalidZoneError';
  }
}

/** ZoneOffset's id: `Z` for zero, else `+hh:mm` (with `:ss` when seconds are non-zero). */
export function offsetId(offsetSeconds: number): string {
  if (offsetSeconds === 0) return 'Z';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const total = Math.abs(offsetSeconds);
  const hours = String(Math.floor(total / 3600)).padStart(2, '0');
  const minutes = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const seconds = total % 60;
  return `${sign}${hours}:${minutes}${seconds === 0 ? '' : `:${String(seconds).padStart(2, '0')}`}`;
}

/** Parses ZoneOffset.of's forms (`+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss`, `+hhmmss`); null when not one. */
export function parseOffset(text: string): number | null {
  const match = /^([+-])(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?$/.exec(text);
  if (match === null) return null;
  const [, sign, hoursText, minutesText, secondsText] = match;
  if ((hoursText ?? '').length === 1 && minutesText !== undefined) return null;
  const hours = Number(hoursText);
  const minutes = Number(minutesText ?? 0);
  const seconds = Number(secondsText ?? 0);
  if (hours > 18 || minutes > 59 || seconds > 59) return null;
  const total = hours * 3600 + minutes * 60 + seconds;
  if (total > 18 * 3600) return null;
  return sign === '-' ? -total : total;
}

/** ZoneId.of's UTC-equivalent regions and their long names. */
const fixedUtcRegions: Record<string, string> = {
  UTC: 'Coordinated Universal Time',
  GMT: 'Greenwich Mean Time',
  UT: 'Universal Time',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function regionFormatter(id: string): Intl.DateTimeFormat {
  let formatter = formatters.get(id);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(id, formatter);
  }
  return formatter;
}

/**
 * tz database ids without a slash that java.time accepts. ICU (and so Intl) also accepts
 * abbreviations such as PST, IST or BST, which ZoneId.of rejects, so slash-less ids are listed.
 */
const slashlessRegions = new Set([
  'EST', 'MST', 'HST', 'EST5EDT', 'CST6CDT', 'MST7MDT', 'PST8PDT', 'CET', 'MET', 'EET', 'WET', 'UCT',
  'Universal', 'Zulu', 'GMT0', 'Greenwich', 'Cuba', 'Egypt', 'Eire', 'GB', 'GB-Eire', 'Hongkong', 'Iceland',
  'Iran', 'Israel', 'Jamaica', 'Japan', 'Kwajalein', 'Libya', 'NZ', 'NZ-CHAT', 'Navajo', 'PRC', 'Poland',
  'Portugal', 'ROC', 'ROK', 'Singapore', 'Turkey', 'W-SU',
]);

/** True for a region id java.time knows: a tz database name, case as written there. */
function isKnownRegion(id: string): boolean {
  if (!/^[A-Z][A-Za-z0-9_+\-/]*$/.test(id)) return false;
  if (!id.includes('/') && !slashlessRegions.has(id)) return false;
  try {
    regionFormatter(id);
    return true;
  } catch {
    return false;
  }
}

/** Parses a zone id as ZoneId.of does; throws {@link InvalidZoneError} for anything else. */
export function parseZoneId(id: string): TimeZone {
  const text = String(id);
  if (text === 'Z') return { kind: 'offset', id: 'Z', offsetSeconds: 0 };
  if (text.startsWith('+') || text.startsWith('-')) {
    const offsetSeconds = parseOffset(text);
    if (offsetSeconds === null) throw new InvalidZoneError(text);
    return { kind: 'offset', id: offsetId(offsetSeconds), offsetSeconds };
  }
  const prefixed = /^(UTC|GMT|UT)([+-].*)?$/.exec(text);
  if (prefixed !== null) {
    const [, prefix, offsetText] = prefixed;
    if (offsetText === undefined) return { kind: 'region', id: prefix as string };
    const offsetSeconds = parseOffset(offsetText);
    if (offsetSeconds === null) throw new InvalidZoneError(text);
    const suffix = offsetSeconds === 0 ? '' : offsetId(offsetSeconds);
    return { kind: 'offset', id: `${prefix}${suffix}`, offsetSeconds };
  }
  if (!isKnownRegion(text)) throw new InvalidZoneError(text);
  return { kind: 'region', id: text };
}

/** The zone's offset from UTC, in seconds, at `epochMs`. */
export function offsetSecondsAt(zone: TimeZone, epochMs: number): number {
  switch (zone.kind) {
    case 'offset':
      return zone.offsetSeconds;
    case 'region': {
      if (fixedUtcRegions[zone.id] !== undefined) return 0;
      const secondMs = Math.floor(epochMs / 1000) * 1000;
      const parts = regionFormatter(zone.id).formatToParts(new Date(secondMs));
      const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
      const era = parts.find((part) => part.type === 'era')?.value;
      const local = new Date(0);
      local.setUTCFullYear(era === 'BC' ? 1 - field('year') : field('year'), field('month') - 1, field('day'));
      local.setUTCHours(field('hour') % 24, field('minute'), field('second'), 0);
      return Math.round((local.getTime() - secondMs) / 1000);
    }
  }
}

/**
 * The instant at which the clocks of `zone` show `localMs` (a local date-time encoded as if it
 * were UTC), resolved as java.time's ZonedDateTime.ofLocal: in an overlap the earlier offset wins,
 * in a gap the time moves later by the length of the gap.
 */
export function localToEpochMs(zone: TimeZone, localMs: number): number {
  const before = offsetSecondsAt(zone, localMs - 86_400_000) * 1000;
  const after = offsetSecondsAt(zone, localMs + 86_400_000) * 1000;
  const candidateBefore = localMs - before;
  if (offsetSecondsAt(zone, candidateBefore) * 1000 === before) return candidateBefore;
  const candidateAfter = localMs - after;
  if (offsetSecondsAt(zone, candidateAfter) * 1000 === after) return candidateAfter;
  return candidateBefore;
}

/** The zone's name for the `z` pattern letter: short (`UTC`, `PST`) or long, as java.time prints it. */
export function zoneName(zone: TimeZone, epochMs: number, style: 'short' | 'long'): string {
  switch (zone.kind) {
    case 'offset':
      return zone.id;
    case 'region': {
      const fixedName = fixedUtcRegions[zone.id];
      if (fixedName !== undefined) return style === 'short' ? zone.id : fixedName;
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone.id, timeZoneName: style }).formatToParts(
        new Date(epochMs),
      );
      return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone.id;
    }
  }
}
