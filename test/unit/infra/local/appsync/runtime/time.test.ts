import { describe, expect, it } from 'vitest';
import { createTimeUtils, InvalidTimestampError } from '../../../../../../infra/local/appsync/runtime/time';
import { DatePatternError } from '../../../../../../infra/local/appsync/runtime/java-date-pattern';
import { DateTimeParseError } from '../../../../../../infra/local/appsync/runtime/java-date-parse';
import { InvalidZoneError } from '../../../../../../infra/local/appsync/runtime/time-zones';

/**
 * The documented examples come from AppSync's time helpers pages (the VTL page lists the examples;
 * the APPSYNC_JS util.time functions are the same):
 * https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time-js.html
 */

/** 2018-02-06T19:01:35.749Z, the instant of the docs' "now" examples. */
const documentedNow = 1517943695749;
const time = createTimeUtils(() => documentedNow);

describe('Function: util.time (documented examples)', () => {
  it('reads the clock as ISO 8601, epoch seconds and epoch milliseconds', () => {
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.749Z');
    expect(time.nowEpochSeconds()).toBe(1517943695);
    expect(time.nowEpochMilliSeconds()).toBe(1517943695749);
  });

  it('formats now in UTC, in an offset and in a region', () => {
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
  });

  it('parses formatted timestamps with an offset in the text or a given zone', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05.000+0000', 'yyyy-MM-dd HH:mm:ss.SSSZ')).toBe(1517505665000);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+08:00')).toBe(1517505562000);
  });

  it('parses ISO 8601 with an offset', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.000+08:00')).toBe(1517476865000);
  });

  it('converts epoch milliseconds to seconds, ISO 8601 and formatted text', () => {
    expect(time.epochMilliSecondsToSeconds(1517943695758)).toBe(1517943695);
    expect(time.epochMilliSecondsToISO8601(1517943695758)).toBe('2018-02-06T19:01:35.758Z');
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
  });
});

describe('Function: util.time formatting (DateTimeFormatter letters)', () => {
  const instant = 1517943695758; // Tuesday 2018-02-06 19:01:35.758 UTC

  it.each([
    ['yyyy-MM-dd', '2018-02-06'],
    ['yy/M/d', '18/2/6'],
    ['uuuu-DDD', '2018-037'],
    ['MMM MMMM MMMMM', 'Feb February F'],
    ['E EEE EEEE EEEEE', 'Tue Tue Tuesday T'],
    ['h:mm a', '7:01 PM'],
    ['hh K k H', '07 7 19 19'],
    ['ss.S SS SSS SSSSSS', '35.7 75 758 758000'],
    ['Q QQQ QQQQ', '1 Q1 1st quarter'],
    ['G', 'AD'],
    ["'at' HH 'o''clock' ''", "at 19 o'clock '"],
    ['HH:mm[:ss]', '19:01:35'],
    ['A', '68495758'],
    ['VV z zzzz', 'UTC UTC Coordinated Universal Time'],
    ['X XX XXX x xxx O OOOO ZZZZ ZZZZZ', 'Z Z Z +00 +00:00 GMT GMT GMT Z'],
  ])('formats %s in UTC', (pattern, expected) => {
    expect(time.epochMilliSecondsToFormatted(instant, pattern)).toBe(expected);
  });

  it('prints offsets and zone names of a region', () => {
    expect(time.epochMilliSecondsToFormatted(instant, 'HH:mm X XX XXX Z ZZZZZ O OOOO VV', 'Asia/Kolkata')).toBe(
      '00:31 +0530 +0530 +05:30 +0530 +05:30 GMT+5:30 GMT+05:30 Asia/Kolkata',
    );
    expect(time.epochMilliSecondsToFormatted(instant, 'yyyy-MM-dd HH:mm zzz zzzz', 'America/New_York')).toBe(
      '2018-02-06 14:01 EST Eastern Standard Time',
    );
  });

  it('follows daylight saving time in a region', () => {
    const july = Date.parse('2018-07-01T12:00:00Z');
    expect(time.epochMilliSecondsToFormatted(july, 'HH:mm XXX', 'America/New_York')).toBe('08:00 -04:00');
    expect(time.epochMilliSecondsToFormatted(july, 'HH:mm XXX', 'Europe/Berlin')).toBe('14:00 +02:00');
  });

  it('accepts ZoneId forms: Z, UTC+8, GMT-05:30, +0530, and slash-less tz ids', () => {
    expect(time.epochMilliSecondsToFormatted(instant, 'HH:mm', 'EST5EDT')).toBe('14:01');
    expect(time.epochMilliSecondsToFormatted(instant, 'HH:mm', 'Japan')).toBe('04:01');
    expect(time.epochMilliSecondsToFormatted(instant, 'HH:mm VV', 'Z')).toBe('19:01 Z');
    expect(time.epochMilliSecondsToFormatted(instant, 'HH:mm VV', 'UTC+8')).toBe('03:01 UTC+08:00');
    expect(time.epochMilliSecondsToFormatted(instant, 'HH:mm VV', 'GMT-05:30')).toBe('13:31 GMT-05:30');
    expect(time.epochMilliSecondsToFormatted(instant, 'HH:mm VV', '+0530')).toBe('00:31 +05:30');
  });

  it('rejects unknown zones, letters and malformed patterns', () => {
    expect(() => time.nowFormatted('yyyy', 'Mars/Olympus')).toThrow(InvalidZoneError);
    expect(() => time.nowFormatted('yyyy', 'PST')).toThrow(InvalidZoneError);
    expect(() => time.nowFormatted('yyyy', 'IST')).toThrow(InvalidZoneError);
    expect(() => time.nowFormatted('yyyy', 'australia/perth')).toThrow(InvalidZoneError);
    expect(() => time.nowFormatted('yyyy', '+25:00')).toThrow(InvalidZoneError);
    expect(() => time.nowFormatted('yyyy-bb')).toThrow(DatePatternError);
    expect(() => time.nowFormatted("yyyy 'open")).toThrow(DatePatternError);
    expect(() => time.nowFormatted('MMMMMM')).toThrow(/Too many pattern letters: M/);
    expect(() => time.nowFormatted('YYYY')).toThrow(/not supported/);
    expect(() => time.nowFormatted('yyyy{')).toThrow(/reserved character/);
  });
});

describe('Function: util.time.parseFormattedToEpochMilliSeconds', () => {
  it('reads offsets in every ISO style and GMT forms', () => {
    const expected = Date.parse('2018-02-01T17:21:05Z');
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-02 01:21:05+08:00', 'yyyy-MM-dd HH:mm:ssXXX')).toBe(expected);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05Z', 'yyyy-MM-dd HH:mm:ssXXX')).toBe(expected);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 12:21:05 GMT-5', 'yyyy-MM-dd HH:mm:ss O')).toBe(expected);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 09:21:05 America/Los_Angeles', 'yyyy-MM-dd HH:mm:ss VV')).toBe(expected);
  });

  it('lets an offset in the text win over the zone argument', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05+0000', 'yyyy-MM-dd HH:mm:ssZ', 'Asia/Tokyo')).toBe(1517505665000);
  });

  it('reads text fields, 12-hour clocks and two-digit years', () => {
    expect(time.parseFormattedToEpochMilliSeconds('Thu, 1 Feb 18 05:21:05 PM', 'EEE, d MMM yy hh:mm:ss a')).toBe(1517505665000);
    expect(time.parseFormattedToEpochMilliSeconds('February 1 2018', 'MMMM d yyyy')).toBe(Date.parse('2018-02-01T00:00:00Z'));
  });

  it('parses adjacent numbers by the widths after a variable-width year', () => {
    expect(time.parseFormattedToEpochMilliSeconds('20180201172105', 'yyyyMMddHHmmss')).toBe(1517505665000);
    expect(time.parseFormattedToEpochMilliSeconds('20180201172105123', 'yyyyMMddHHmmssSSS')).toBe(1517505665123);
  });

  it('skips an optional section that is absent', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21', 'yyyy-MM-dd HH:mm[:ss]')).toBe(Date.parse('2018-02-01T17:21:00Z'));
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05', 'yyyy-MM-dd HH:mm[:ss]')).toBe(1517505665000);
  });

  it('resolves in a region with java.time rules for DST gaps and overlaps', () => {
    // 2018-03-11 02:30 does not exist in New York (gap): java.time moves it an hour later, to 03:30 EDT.
    expect(time.parseFormattedToEpochMilliSeconds('2018-03-11 02:30', 'yyyy-MM-dd HH:mm', 'America/New_York')).toBe(
      Date.parse('2018-03-11T07:30:00Z'),
    );
    // 2018-11-04 01:30 happens twice (overlap): java.time keeps the earlier offset, EDT (-04:00).
    expect(time.parseFormattedToEpochMilliSeconds('2018-11-04 01:30', 'yyyy-MM-dd HH:mm', 'America/New_York')).toBe(
      Date.parse('2018-11-04T05:30:00Z'),
    );
  });

  it('clamps a day past the end of the month like java.time SMART resolution, rejects impossible values', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-30', 'yyyy-MM-dd')).toBe(Date.parse('2018-02-28T00:00:00Z'));
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-13-01', 'yyyy-MM-dd')).toThrow(
      "Text '2018-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13",
    );
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-02-01 25:00', 'yyyy-MM-dd HH:mm')).toThrow(/HourOfDay/);
  });

  it('reports where text stops matching, as DateTimeParseException does', () => {
    expect(() => time.parseFormattedToEpochMilliSeconds('2018/02/01', 'yyyy-MM-dd')).toThrow(
      new DateTimeParseError("Text '2018/02/01' could not be parsed at index 4"),
    );
    expect(() => time.parseFormattedToEpochMilliSeconds('2018-02-01 extra', 'yyyy-MM-dd')).toThrow(
      "Text '2018-02-01 extra' could not be parsed, unparsed text found at index 10",
    );
    expect(() => time.parseFormattedToEpochMilliSeconds('feb 1 2018', 'MMM d yyyy')).toThrow(/at index 0/);
  });
});

describe('Function: util.time.parseISO8601ToEpochMilliSeconds', () => {
  it.each([
    ['2018-02-01T17:21:05.000Z', 1517505665000],
    ['2018-02-01T17:21:05Z', 1517505665000],
    ['2018-02-01T17:21:05.123456789Z', 1517505665123],
    ['2018-02-01T19:21:05+0200', 1517505665000],
    ['2018-02-01T17:21:05', 1517505665000],
    ['2018-02-01', Date.parse('2018-02-01T00:00:00Z')],
    ['2018-02-02T02:21:05+09:00[Asia/Tokyo]', 1517505665000],
  ])('reads %s', (text, expected) => {
    expect(time.parseISO8601ToEpochMilliSeconds(text)).toBe(expected);
  });

  it.each(['yesterday', '2018-02-30T00:00:00Z', '2018-2-1T00:00:00Z', '2018-02-01T24:00:00Z', ''])('rejects %j', (text) => {
    expect(() => time.parseISO8601ToEpochMilliSeconds(text)).toThrow(InvalidTimestampError);
  });

  it('round-trips with epochMilliSecondsToISO8601, normalising offsets to UTC', () => {
    const millis = time.parseISO8601ToEpochMilliSeconds('2024-06-30T23:59:59.999-07:00');
    expect(time.epochMilliSecondsToISO8601(millis)).toBe('2024-07-01T06:59:59.999Z');
  });
});

describe('Function: util.time epoch conversions', () => {
  it('truncates toward zero like a Java long division', () => {
    expect(time.epochMilliSecondsToSeconds(-1500)).toBe(-1);
    expect(time.epochMilliSecondsToSeconds(1999)).toBe(1);
  });

  it('rejects a non-number', () => {
    expect(() => time.epochMilliSecondsToISO8601(Number.NaN)).toThrow(TypeError);
  });
});
