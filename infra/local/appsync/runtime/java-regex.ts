/**
 * `util.matches(pattern, value)`: AppSync documents it as java.util.regex.Pattern's matches, i.e.
 * the pattern must match the WHOLE value (`util.matches("a*b", "aaaaab")` is true, "xaaab" is not).
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (Type and pattern matching utils)
 *
 * Java and JavaScript regexes share most syntax; this translates the constructs that differ
 * (\Q…\E quoting, \A \z \Z anchors, POSIX \p{Alpha}-style classes, \h \v \R, leading (?i)-style
 * flags, possessive quantifiers and atomic groups — the last two treated as their greedy forms) and
 * refuses the few it cannot express (class unions/intersections, \G, \X, inline flags mid-pattern).
 * Known difference: JavaScript's Unicode mode folds case for all of Unicode under (?i), where Java
 * folds ASCII only unless (?u) is also given.
 */

/** A pattern Java would reject, or that uses a Java construct this translation cannot express. */
export class JavaPatternError extends Error {
  constructor(message: string, pattern: string) {
    super(`${message} in regular expression ${JSON.stringify(pattern)}`);
    this.name = 'JavaPatternError';
  }
}

/** Bodies (usable inside `[...]`) of Java's POSIX character classes, which are ASCII-only. */
const posixClassBodies: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

/** Java's java.lang.Character-based classes, as Unicode properties. */
const javaCharacterProperties: Record<string, string> = {
  javaLowerCase: 'Lowercase',
  javaUpperCase: 'Uppercase',
  javaWhitespace: 'White_Space',
  javaAlphabetic: 'Alphabetic',
  javaLetter: 'L',
  javaDigit: 'Nd',
  javaLetterOrDigit: 'L\\p{Nd}',
  javaTitleCase: 'Lt',
};

const binaryProperties = new Set([
  'Alphabetic',
  'Ideographic',
  'Lowercase',
  'Uppercase',
  'White_Space',
  'Hex_Digit',
  'Join_Control',
  'Noncharacter_Code_Point',
  'Assigned',
]);

const horizontalSpace = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const verticalSpace = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';

interface Translation {
  source: string;
  flags: string;
}

/** A translated escape: `body` fits inside a character class, `atom` stands alone. */
interface ClassEscape {
  body: string | null;
  atom: string;
}

function escapeLiteral(text: string, inClass: boolean): string {
  let result = '';
  for (const character of text) {
    const special = inClass ? '\\]^-[' : '\\^$.|?*+()[]{}/';
    result += special.includes(character) ? `\\${character}` : character;
  }
  return result;
}

function propertyEscape(name: string, negated: boolean, pattern: string): ClassEscape {
  const posix = posixClassBodies[name];
  if (posix !== undefined) {
    return negated ? { body: null, atom: `[^${posix}]` } : { body: posix, atom: `[${posix}]` };
  }
  let property: string;
  const javaProperty = javaCharacterProperties[name];
  if (javaProperty !== undefined) {
    property = javaProperty;
  } else if (/^(general_category|gc)=/i.test(name)) {
    property = `General_Category=${name.slice(name.indexOf('=') + 1)}`;
  } else if (/^(script|sc)=/i.test(name)) {
    property = `Script=${name.slice(name.indexOf('=') + 1)}`;
  } else if (name.startsWith('In') || /^(block|blk)=/i.test(name)) {
    throw new JavaPatternError(`Unicode block \\p{${name}} is not supported`, pattern);
  } else if (name.startsWith('Is')) {
    const bare = name.slice(2);
    property = binaryProperties.has(bare) || /^[A-Z][a-z&]?$/.test(bare) ? bare : `Script=${bare}`;
  } else {
    property = name;
  }
  const escape = `\\${negated ? 'P' : 'p'}{${property}}`;
  return { body: escape, atom: escape };
}

/** Translates the escape starting at `pattern[index]` (a backslash); returns it and the next index. */
function translateEscape(pattern: string, index: number, inClass: boolean): { text: string; next: number } {
  const letter = pattern[index + 1];
  if (letter === undefined) throw new JavaPatternError('Unexpected internal error near the trailing backslash', pattern);
  const classEscape = (escape: ClassEscape, next: number) => {
    if (!inClass) return { text: escape.atom, next };
    if (escape.body === null) throw new JavaPatternError(`\\${letter} inside a character class is not supported`, pattern);
    return { text: escape.body, next };
  };
  const anchor = (text: string) => {
    if (inClass) throw new JavaPatternError(`\\${letter} inside a character class`, pattern);
    return { text, next: index + 2 };
  };
  switch (letter) {
    case 'Q': {
      const end = pattern.indexOf('\\E', index + 2);
      const literal = pattern.slice(index + 2, end === -1 ? pattern.length : end);
      return { text: escapeLiteral(literal, inClass), next: end === -1 ? pattern.length : end + 2 };
    }
    case 'E':
      return { text: '', next: index + 2 };
    case 'A':
      return anchor('(?<![\\s\\S])');
    case 'z':
      return anchor('(?![\\s\\S])');
    case 'Z':
      return anchor('(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))');
    case 'R':
      return anchor(`(?:\\r\\n|[${verticalSpace}])`);
    case 'h':
      return classEscape({ body: horizontalSpace, atom: `[${horizontalSpace}]` }, index + 2);
    case 'H':
      return classEscape({ body: null, atom: `[^${horizontalSpace}]` }, index + 2);
    case 'v':
      return classEscape({ body: verticalSpace, atom: `[${verticalSpace}]` }, index + 2);
    case 'V':
      return classEscape({ body: null, atom: `[^${verticalSpace}]` }, index + 2);
    case 'e':
      return { text: '\\x1B', next: index + 2 };
    case 'a':
      return { text: '\\x07', next: index + 2 };
    case '0': {
      const digits = /^[0-7]{1,3}/.exec(pattern.slice(index + 2))?.[0] ?? '';
      const usable = digits.length === 3 && Number.parseInt(digits, 8) > 0o377 ? digits.slice(0, 2) : digits;
      if (usable === '') throw new JavaPatternError('Illegal octal escape sequence', pattern);
      return { text: `\\u{${Number.parseInt(usable, 8).toString(16)}}`, next: index + 2 + usable.length };
    }
    case 'x': {
      if (pattern[index + 2] === '{') {
        const end = pattern.indexOf('}', index + 3);
        if (end === -1) throw new JavaPatternError('Unclosed hexadecimal escape sequence', pattern);
        return { text: `\\u{${pattern.slice(index + 3, end)}}`, next: end + 1 };
      }
      return { text: pattern.slice(index, index + 4), next: index + 4 };
    }
    case 'u':
      return { text: pattern.slice(index, index + 6), next: index + 6 };
    case 'c':
      return { text: pattern.slice(index, index + 3), next: index + 3 };
    case 'p':
    case 'P': {
      const negated = letter === 'P';
      if (pattern[index + 2] === '{') {
        const end = pattern.indexOf('}', index + 3);
        if (end === -1) throw new JavaPatternError('Unclosed character family', pattern);
        return classEscape(propertyEscape(pattern.slice(index + 3, end), negated, pattern), end + 1);
      }
      const name = pattern[index + 2];
      if (name === undefined) throw new JavaPatternError('Illegal character family', pattern);
      return classEscape(propertyEscape(name, negated, pattern), index + 3);
    }
    case 'G':
    case 'X':
      throw new JavaPatternError(`\\${letter} is not supported`, pattern);
    case 'b':
    case 'B':
    case 'd':
    case 'D':
    case 's':
    case 'S':
    case 'w':
    case 'W':
    case 'k':
    case 'n':
    case 't':
    case 'r':
    case 'f':
      return { text: `\\${letter}`, next: index + 2 };
    default:
      if (/[1-9]/.test(letter)) return { text: `\\${letter}`, next: index + 2 };
      if (/[A-Za-z]/.test(letter)) throw new JavaPatternError(`Illegal/unsupported escape sequence \\${letter}`, pattern);
      return { text: escapeLiteral(letter, inClass), next: index + 2 };
  }
}

/** Reads leading `(?imsx)`-style groups into JavaScript flags; returns them and where the pattern goes on. */
function leadingFlags(pattern: string): { flags: Set<string>; start: number } {
  const flags = new Set<string>();
  let start = 0;
  for (;;) {
    const match = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(pattern.slice(start));
    if (match === null) return { flags, start };
    const apply = (letters: string, on: boolean) => {
      for (const letter of letters) {
        if (letter === 'x') throw new JavaPatternError('The COMMENTS flag (?x) is not supported', pattern);
        if (letter === 'i' || letter === 's' || letter === 'm') {
          if (on) flags.add(letter);
          else flags.delete(letter);
        } else if (!'udU'.includes(letter)) {
          throw new JavaPatternError(`Unknown inline modifier (?${letter})`, pattern);
        }
      }
    };
    apply(match[1] ?? '', true);
    apply(match[2] ?? '', false);
    start += match[0].length;
  }
}

function translate(pattern: string): Translation {
  const { flags, start } = leadingFlags(pattern);
  let source = '';
  let inClass = false;
  let classStart = false;
  let index = start;
  const skipPossessive = () => {
    if (pattern[index] === '+') index += 1;
  };
  while (index < pattern.length) {
    const character = pattern[index] as string;
    if (character === '\\') {
      const escape = translateEscape(pattern, index, inClass);
      source += escape.text;
      index = escape.next;
      classStart = false;
      continue;
    }
    if (inClass) {
      if (character === '[') throw new JavaPatternError('Nested character classes (unions) are not supported', pattern);
      if (character === '&' && pattern[index + 1] === '&') {
        throw new JavaPatternError('Character class intersections (&&) are not supported', pattern);
      }
      if (character === ']' && !classStart) inClass = false;
      source += character === ']' && classStart ? '\\]' : character;
      classStart = false;
      index += 1;
      continue;
    }
    switch (character) {
      case '[':
        inClass = true;
        classStart = true;
        source += '[';
        index += 1;
        if (pattern[index] === '^') {
          source += '^';
          index += 1;
        }
        continue;
      case '(': {
        if (pattern[index + 1] !== '?') {
          source += '(';
          index += 1;
          continue;
        }
        const rest = pattern.slice(index);
        const group = /^\(\?(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.exec(rest);
        if (group !== null) {
          source += group[0];
          index += group[0].length;
          continue;
        }
        if (rest.startsWith('(?>')) {
          source += '(?:';
          index += 3;
          continue;
        }
        throw new JavaPatternError('Inline flags inside the pattern are not supported', pattern);
      }
      case '{': {
        const quantifier = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(index));
        if (quantifier === null) throw new JavaPatternError(`Illegal repetition near index ${index}`, pattern);
        source += quantifier[0];
        index += quantifier[0].length;
        skipPossessive();
        continue;
      }
      case '}':
      case ']':
        source += `\\${character}`;
        index += 1;
        continue;
      case '*':
      case '+':
      case '?':
        source += character;
        index += 1;
        skipPossessive();
        continue;
      default:
        source += character;
        index += 1;
    }
  }
  if (inClass) throw new JavaPatternError('Unclosed character class', pattern);
  return { source, flags: [...flags].join('') };
}

const compiled = new Map<string, RegExp>();
const cacheLimit = 500;

/** A JavaScript RegExp that matches exactly the whole strings Java's `Pattern.matches(pattern, s)` accepts. */
export function compileJavaPattern(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  const { source, flags } = translate(pattern);
  let regex: RegExp;
  try {
    regex = new RegExp(`(?<![\\s\\S])(?:${source})(?![\\s\\S])`, `u${flags}`);
  } catch (error) {
    throw new JavaPatternError((error as Error).message, pattern);
  }
  if (compiled.size >= cacheLimit) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}

/** `util.matches(pattern, value)`: true when `pattern` (Java syntax) matches all of `value`. */
export function matchesJavaPattern(pattern: string, value: string): boolean {
  return compileJavaPattern(String(pattern)).test(String(value));
}
