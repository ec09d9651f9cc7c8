/**
 * Reads java.time.format.DateTimeFormatter patterns ("yyyy-MM-dd HH:mm:ssZ"), the format syntax
 * AppSync's util.time documents. https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time-js.html
 * Letters, quoting ('text', '' for a quote) and optional sections ([...]) follow
 * https://docs.oracle.com/javase/8/docs/api/java/time/format/DateTimeFormatter.html
 */

/** Pattern letters the local runtime formats and parses. */
export type FieldLetter =
  | 'G'
  | 'u'
  | 'y'
  | 'D'
  | 'M'
  | 'L'
  | 'd'
  | 'Q'
  | 'q'
  | 'E'
  | 'a'
  | 'h'
  | 'K'
  | 'k'
  | 'H'
  | 'm'
  | 's'
  | 'S'
  | 'A'
  | 'n'
  | 'N'
  | 'V'
  | 'z'
  | 'O'
  | 'X'
  | 'x'
  | 'Z';

export type PatternItem =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; letter: FieldLetter; count: number }
  | { kind: 'optional'; items: PatternItem[] };

/** A pattern DateTimeFormatter.ofPattern would reject, or one using letters this runtime lacks. */
export class DatePatternError extends Error {
  constructor(message: string, pattern: string) {
    super(`${message} in date-time pattern ${JSON.stringify(pattern)}`);
    this.name = 'DatePatternError';
  }
}

const maximumCounts: Record<FieldLetter, number> = {
  G: 5,
  u: 19,
  y: 19,
  D: 3,
  M: 5,
  L: 5,
  d: 2,
  Q: 5,
  q: 5,
  E: 5,
  a: 1,
  h: 2,
  K: 2,
  k: 2,
  H: 2,
  m: 2,
  s: 2,
  S: 9,
  A: 19,
  n: 19,
  N: 19,
  V: 2,
  z: 4,
  O: 4,
  X: 5,
  x: 5,
  Z: 5,
};

/** Letters DateTimeFormatter knows but whose meaning depends on a locale's week rules or on Java 9+. */
const unsupportedLetters = new Set(['Y', 'w', 'W', 'e', 'c', 'F', 'B', 'v', 'g', 'p']);

function isFieldLetter(letter: string): letter is FieldLetter {
  return Object.hasOwn(maximumCounts, letter);
}

function checkCount(letter: FieldLetter, count: number, pattern: string): void {
  if (count > maximumCounts[letter]) throw new DatePatternError(`Too many pattern letters: ${letter}`, pattern);
  if (letter === 'V' && count !== 2) throw new DatePatternError('Pattern letter count must be 2: V', pattern);
  if (letter === 'O' && count !== 1 && count !== 4) {
    throw new DatePatternError('Pattern letter count must be 1 or 4: O', pattern);
  }
}

function readItems(pattern: string, start: number, nested: boolean): { items: PatternItem[]; next: number } {
  const items: PatternItem[] = [];
  const pushLiteral = (text: string) => {
    const last = items[items.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else items.push({ kind: 'literal', text });
  };
  let index = start;
  while (index < pattern.length) {
    const character = pattern[index] as string;
    if (/[A-Za-z]/.test(character)) {
      let end = index;
      while (pattern[end] === character) end += 1;
      if (unsupportedLetters.has(character)) {
        throw new DatePatternError(`Pattern letter '${character}' (locale-dependent) is not supported locally`, pattern);
      }
      if (!isFieldLetter(character)) throw new DatePatternError(`Unknown pattern letter: ${character}`, pattern);
      checkCount(character, end - index, pattern);
      items.push({ kind: 'field', letter: character, count: end - index });
      index = end;
      continue;
    }
    switch (character) {
      case "'": {
        if (pattern[index + 1] === "'") {
          pushLiteral("'");
          index += 2;
          continue;
        }
        let text = '';
        let cursor = index + 1;
        for (;;) {
          if (cursor >= pattern.length) throw new DatePatternError('Pattern ends with an incomplete string literal', pattern);
          if (pattern[cursor] === "'") {
            if (pattern[cursor + 1] !== "'") break;
            text += "'";
            cursor += 2;
            continue;
          }
          text += pattern[cursor];
          cursor += 1;
        }
        pushLiteral(text);
        index = cursor + 1;
        continue;
      }
      case '[': {
        const inner = readItems(pattern, index + 1, true);
        items.push({ kind: 'optional', items: inner.items });
        index = inner.next;
        continue;
      }
      case ']':
        if (!nested) throw new DatePatternError('Pattern invalid as it contains ] without previous [', pattern);
        return { items, next: index + 1 };
      case '{':
      case '}':
      case '#':
        throw new DatePatternError(`Pattern includes reserved character: '${character}'`, pattern);
      default:
        pushLiteral(character);
        index += 1;
    }
  }
  return { items, next: index };
}

const parsedPatterns = new Map<string, PatternItem[]>();

/** The items of a DateTimeFormatter pattern; throws {@link DatePatternError} for an invalid one. */
export function parseDatePattern(pattern: string): PatternItem[] {
  const text = String(pattern);
  const cached = parsedPatterns.get(text);
  if (cached !== undefined) return cached;
  const { items } = readItems(text, 0, false);
  if (parsedPatterns.size > 500) parsedPatterns.clear();
  parsedPatterns.set(text, items);
  return items;
}

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Monday first, as java.time's DayOfWeek (1 = Monday … 7 = Sunday). */
export const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Text of a month, day or similar name at a pattern count: 1-3 short, 4 full, 5 narrow. */
export function textStyle(count: number): 'short' | 'full' | 'narrow' {
  if (count === 4) return 'full';
  if (count === 5) return 'narrow';
  return 'short';
}

/** `name` in a text style ("January" → "Jan", "J"). */
export function styledName(name: string, count: number): string {
  switch (textStyle(count)) {
    case 'short':
      return name.slice(0, 3);
    case 'full':
      return name;
    case 'narrow':
      return name.slice(0, 1);
  }
}

export const quarterNames = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];
