import { describe, expect, it } from 'vitest';
import { JavaPatternError, matchesJavaPattern } from '../../../../../../infra/local/appsync/runtime/java-regex';

// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (Type and pattern matching utils)

describe('Function: util.matches', () => {
  it('matches the documented example util.matches("a*b", "aaaaab")', () => {
    expect(matchesJavaPattern('a*b', 'aaaaab')).toBe(true);
  });

  it('requires the whole value to match, as Pattern.matches does', () => {
    expect(matchesJavaPattern('a*b', 'xaaaab')).toBe(false);
    expect(matchesJavaPattern('a*b', 'aaaabx')).toBe(false);
    expect(matchesJavaPattern('cat|dog', 'dog')).toBe(true);
    expect(matchesJavaPattern('cat|dog', 'catdog')).toBe(false);
    expect(matchesJavaPattern('[a-z0-9-]{1,64}', 'image-labels')).toBe(true);
    expect(matchesJavaPattern('[a-z0-9-]{1,64}', 'Image')).toBe(false);
    expect(matchesJavaPattern('x', 'x\n')).toBe(false);
  });

  it('understands Java-only syntax: \\Q…\\E, POSIX classes, \\A \\z \\Z, \\h', () => {
    expect(matchesJavaPattern('\\Qa.b*\\E\\d+', 'a.b*42')).toBe(true);
    expect(matchesJavaPattern('\\Qa.b*\\E\\d+', 'axbb42')).toBe(false);
    expect(matchesJavaPattern('\\p{Alpha}+\\p{Digit}\\p{Punct}', 'abc1!')).toBe(true);
    expect(matchesJavaPattern('[\\p{Upper}\\p{Digit}]+', 'AB12')).toBe(true);
    expect(matchesJavaPattern('\\P{Alpha}+', '123')).toBe(true);
    expect(matchesJavaPattern('\\Aabc\\z', 'abc')).toBe(true);
    expect(matchesJavaPattern('abc\\Z', 'abc')).toBe(true);
    expect(matchesJavaPattern('a\\hb', 'a\tb')).toBe(true);
    expect(matchesJavaPattern('\\p{L}+', 'héllo')).toBe(true);
    expect(matchesJavaPattern('\\p{IsAlphabetic}+', 'Ωmega')).toBe(true);
  });

  it('applies leading inline flags', () => {
    expect(matchesJavaPattern('(?i)hello', 'HeLLo')).toBe(true);
    expect(matchesJavaPattern('hello', 'HeLLo')).toBe(false);
    expect(matchesJavaPattern('(?s)a.b', 'a\nb')).toBe(true);
    expect(matchesJavaPattern('a.b', 'a\nb')).toBe(false);
  });

  it('treats possessive quantifiers and atomic groups as their greedy forms', () => {
    expect(matchesJavaPattern('a++b', 'aaab')).toBe(true);
    expect(matchesJavaPattern('(?>ab|a)c', 'abc')).toBe(true);
  });

  it('escapes punctuation Java takes literally but JavaScript would not', () => {
    expect(matchesJavaPattern('a]b}', 'a]b}')).toBe(true);
    expect(matchesJavaPattern('[]a]+', ']a]')).toBe(true);
    expect(matchesJavaPattern('\\-\\@\\#', '-@#')).toBe(true);
    expect(matchesJavaPattern('\\x41\\u0042\\x{43}\\0104', 'ABCD')).toBe(true);
  });

  it('rejects patterns Java rejects, and Java constructs it cannot express', () => {
    expect(() => matchesJavaPattern('a{', 'a')).toThrow(JavaPatternError);
    expect(() => matchesJavaPattern('(abc', 'abc')).toThrow(JavaPatternError);
    expect(() => matchesJavaPattern('[abc', 'a')).toThrow(/Unclosed character class/);
    expect(() => matchesJavaPattern('\\y', 'y')).toThrow(/Illegal\/unsupported escape/);
    expect(() => matchesJavaPattern('[a-z&&[^e]]', 'a')).toThrow(JavaPatternError);
    expect(() => matchesJavaPattern('a(?i)b', 'aB')).toThrow(/Inline flags/);
  });

  it('compares strings, coercing non-string arguments', () => {
    expect(matchesJavaPattern('\\d+', 123 as unknown as string)).toBe(true);
  });
});
