/**
 * Matches an event against a compiled pattern with EventBridge's semantics
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html):
 * - every field the pattern names must match (AND); a value array matches if any entry does (OR);
 *   a `$or` level matches if any branch does;
 * - an array in the event matches if any element does
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html);
 *   an array of objects is matched element by element, so fields matched together come from the
 *   same element (the engine's array-consistent matching);
 * - matchers apply to leaves only: an object (or an empty array) where the pattern expects a value
 *   counts as absent, so only `{"exists": false}` matches it
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-exists-matching);
 * - `null` and `""` are values, and not interchangeable
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html);
 * - `anything-but` needs the field to be present, and matches any present value it does not
 *   exclude, including `null` and values of another type (as AWS answered for `null`).
 */
import { ipInRange } from './ip-address';
import { isComparableNumber, toComparable } from './numeric-values';
import type { Exclusion, NumericBound, PatternNode, ValueMatcher } from './pattern-types';

/**
 * Whether the event (a parsed JSON object) matches the pattern.
 * @returns true when EventBridge would deliver the event for this pattern
 */
export function matchNode(node: PatternNode, value: unknown): boolean {
  if (Array.isArray(value)) {
    const objects = flatten(value).filter(isObject);
    return objects.length === 0 ? matchObject(node, undefined) : objects.some((element) => matchObject(node, element));
  }
  return matchObject(node, isObject(value) ? value : undefined);
}

function matchObject(node: PatternNode, object: Record<string, unknown> | undefined): boolean {
  for (const [key, expected] of node.fields) {
    const actual = object && Object.hasOwn(object, key) ? object[key] : undefined;
    const matched = isMatcherList(expected) ? matchLeaf(expected, actual) : matchNode(expected, actual);
    if (!matched) return false;
  }
  return node.anyOf === null || node.anyOf.some((branch) => matchObject(branch, object));
}

function matchLeaf(matchers: readonly ValueMatcher[], value: unknown): boolean {
  const leaves = leafValues(value);
  if (leaves.length === 0) {
    return matchers.some((matcher) => matcher.kind === 'exists' && !matcher.exists);
  }
  return matchers.some((matcher) => (matcher.kind === 'exists' ? matcher.exists : leaves.some((leaf) => matchValue(matcher, leaf))));
}

/** The values at a field: the value itself, or an array's non-object elements; none when absent. */
function leafValues(value: unknown): unknown[] {
  if (value === undefined || isObject(value)) return [];
  if (Array.isArray(value)) return flatten(value).filter((element) => !isObject(element));
  return [value];
}

function matchValue(matcher: Exclude<ValueMatcher, { kind: 'exists' }>, leaf: unknown): boolean {
  switch (matcher.kind) {
    case 'exact':
      return typeof matcher.value === 'number' ? typeof leaf === 'number' && numbersEqual(leaf, matcher.value) : leaf === matcher.value;
    case 'exact-ip':
    case 'cidr':
      return ipInRange(leaf, matcher.range);
    case 'prefix':
      return typeof leaf === 'string' && (matcher.ignoreCase ? leaf.toLowerCase().startsWith(matcher.value.toLowerCase()) : leaf.startsWith(matcher.value));
    case 'suffix':
      return typeof leaf === 'string' && (matcher.ignoreCase ? leaf.toLowerCase().endsWith(matcher.value.toLowerCase()) : leaf.endsWith(matcher.value));
    case 'equals-ignore-case':
      return typeof leaf === 'string' && leaf.toLowerCase() === matcher.value.toLowerCase();
    case 'wildcard':
      return typeof leaf === 'string' && matcher.regex.test(leaf);
    case 'numeric':
      return isComparableNumber(leaf) && withinBounds(toComparable(leaf), matcher.lower, matcher.upper);
    case 'anything-but':
      return !excluded(matcher.exclusion, leaf);
  }
}

function excluded(exclusion: Exclusion, leaf: unknown): boolean {
  switch (exclusion.kind) {
    case 'strings':
      return typeof leaf === 'string' && exclusion.values.has(leaf);
    case 'numbers':
      return isComparableNumber(leaf) && exclusion.values.includes(toComparable(leaf));
    case 'ignore-case':
      return typeof leaf === 'string' && exclusion.values.has(leaf.toLowerCase());
    case 'prefixes':
      return typeof leaf === 'string' && exclusion.values.some((prefix) => leaf.startsWith(prefix));
    case 'suffixes':
      return typeof leaf === 'string' && exclusion.values.some((suffix) => leaf.endsWith(suffix));
    case 'wildcards':
      return typeof leaf === 'string' && exclusion.values.some((regex) => regex.test(leaf));
  }
}

/** Exact numbers match by value (AWS matched 300.0 against [300]); beyond ±5e9 by identity. */
function numbersEqual(leaf: number, expected: number): boolean {
  return leaf === expected || (isComparableNumber(leaf) && isComparableNumber(expected) && toComparable(leaf) === toComparable(expected));
}

function withinBounds(value: number, lower: NumericBound | null, upper: NumericBound | null): boolean {
  if (lower && (lower.inclusive ? value < lower.value : value <= lower.value)) return false;
  if (upper && (upper.inclusive ? value > upper.value : value >= upper.value)) return false;
  return true;
}

function flatten(values: readonly unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? flatten(value) : [value]));
}

function isMatcherList(value: PatternNode | readonly ValueMatcher[]): value is readonly ValueMatcher[] {
  return Array.isArray(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
