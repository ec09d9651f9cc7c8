/**
 * Validates and compiles an event pattern the way EventBridge does on PutRule: the pattern is a
 * JSON object whose fields hold either a nested object or a non-empty array of values and match
 * expressions; `$or` holds an array of at least two objects. Reasons as EventBridge gives them.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html
 */
import { exactIpRange } from './ip-address';
import { invalidPattern } from './pattern-errors';
import { compileMatchExpression } from './pattern-operators';
import type { PatternNode, ValueMatcher } from './pattern-types';

/** Keys EventBridge's engine keeps for itself: none may name a field inside `$or`. */
const RESERVED_INSIDE_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

/**
 * Compiles a pattern given as JSON text or as a parsed value.
 * @throws {InvalidEventPatternError} when EventBridge would refuse it
 * @returns the pattern's root node
 */
export function compilePatternTree(pattern: unknown): PatternNode {
  const parsed = typeof pattern === 'string' ? parseJson(pattern) : pattern;
  if (!isObject(parsed)) {
    invalidPattern('Filter is not an object');
  }
  return compileObject(parsed, false);
}

function compileObject(object: Record<string, unknown>, insideOr: boolean): PatternNode {
  const keys = Object.keys(object);
  if (keys.length === 0) {
    invalidPattern('Empty objects are not allowed');
  }
  const fields = new Map<string, PatternNode | readonly ValueMatcher[]>();
  let anyOf: PatternNode[] | null = null;
  for (const key of keys) {
    const value = object[key];
    if (key === '$or') {
      anyOf = compileOr(value);
      continue;
    }
    if (insideOr && RESERVED_INSIDE_OR.has(key)) {
      invalidPattern(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    if (isObject(value)) {
      fields.set(key, compileObject(value, insideOr));
    } else if (Array.isArray(value)) {
      fields.set(key, compileValues(value));
    } else {
      invalidPattern(`"${key}" must be an object or an array`);
    }
  }
  return { fields, anyOf };
}

function compileOr(value: unknown): PatternNode[] {
  if (!Array.isArray(value)) {
    invalidPattern('It must be an Array followed with $or.');
  }
  const branches = value.map((branch) => {
    if (!isObject(branch)) invalidPattern('Only JSON object is allowed in array of $or relationship.');
    return compileObject(branch, true);
  });
  if (branches.length < 2) {
    invalidPattern('There must have at least 2 Objects in $or relationship.');
  }
  return branches;
}

function compileValues(values: readonly unknown[]): ValueMatcher[] {
  const matchers = values.map((value): ValueMatcher => {
    if (isObject(value)) return compileMatchExpression(value);
    if (typeof value === 'string') {
      // EventBridge compares an exact value that is an IP address as an address.
      const range = exactIpRange(value);
      return range ? { kind: 'exact-ip', range } : { kind: 'exact', value };
    }
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return { kind: 'exact', value };
    return invalidPattern('Match value must be String, number, true, false, or null');
  });
  if (matchers.length === 0) {
    invalidPattern('Empty arrays are not allowed');
  }
  return matchers;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // AWS quotes its JSON parser's message here; ours differs in wording.
    return invalidPattern(error instanceof Error ? error.message : String(error));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
