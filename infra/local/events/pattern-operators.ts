/**
 * The match expressions of an event pattern (`{ "prefix": "…" }`, `{ "numeric": [...] }`, …), each
 * validated the way EventBridge's engine validates it, with its reasons, and compiled to a matcher.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
import { compileCidr } from './ip-address';
import { comparableOperand } from './numeric-values';
import { invalidPattern } from './pattern-errors';
import type { Exclusion, NumericBound, ValueMatcher } from './pattern-types';
import { compileWildcard } from './wildcard';

type JsonObject = Record<string, unknown>;

/**
 * Compiles one match expression object.
 * @throws {InvalidEventPatternError} with EventBridge's reason
 * @returns the matcher
 */
export function compileMatchExpression(expression: JsonObject): ValueMatcher {
  const [name, ...others] = Object.keys(expression);
  if (name === undefined) {
    invalidPattern('Match expression name not found');
  }
  const operand = expression[name];
  const onlyOneKey = () => {
    if (others.length > 0) invalidPattern('Only one key allowed in match expression');
  };
  switch (name) {
    case 'exactly': // not in the user guide, but EventBridge's engine accepts it
      if (typeof operand !== 'string') invalidPattern('exact match pattern must be a string');
      onlyOneKey();
      return { kind: 'exact', value: operand };
    case 'prefix':
    case 'suffix':
      return compileAffix(name, operand, others.length > 0);
    case 'equals-ignore-case':
      if (typeof operand !== 'string') invalidPattern('equals-ignore-case match pattern must be a string');
      onlyOneKey();
      return { kind: 'equals-ignore-case', value: operand };
    case 'wildcard': {
      if (typeof operand !== 'string') invalidPattern('wildcard match pattern must be a string');
      const regex = compileWildcard(operand);
      onlyOneKey();
      return { kind: 'wildcard', regex };
    }
    case 'numeric': {
      if (!Array.isArray(operand)) invalidPattern('Value of numeric must be an array.');
      const matcher = compileNumeric(operand);
      if (others.length > 0) invalidPattern('Too many elements in numeric expression');
      return matcher;
    }
    case 'anything-but': {
      const exclusion = compileAnythingBut(operand);
      if (others.length > 0) invalidPattern('Too many elements in numeric expression');
      return { kind: 'anything-but', exclusion };
    }
    case 'exists':
      if (typeof operand !== 'boolean') invalidPattern('exists match pattern must be either true or false.');
      onlyOneKey();
      return { kind: 'exists', exists: operand };
    case 'cidr': {
      // The engine's own wording for a non-string CIDR (AWS answers exactly this).
      if (typeof operand !== 'string') invalidPattern('prefix match pattern must be a string');
      const range = compileCidr(operand);
      onlyOneKey();
      return { kind: 'cidr', range };
    }
    default:
      return invalidPattern(`Unrecognized match type ${name}`);
  }
}

function compileAffix(name: 'prefix' | 'suffix', operand: unknown, extraKeys: boolean): ValueMatcher {
  if (isObject(operand)) {
    // `{ "prefix": { "equals-ignore-case": "…" } }`
    const [inner, ...more] = Object.keys(operand);
    const label = name === 'prefix' ? 'Prefix' : 'Suffix';
    if (inner === undefined) invalidPattern(`${label} expression name not found`);
    if (inner !== 'equals-ignore-case') invalidPattern(`Unsupported ${name} pattern: ${inner}`);
    const value = operand[inner];
    if (typeof value !== 'string') invalidPattern('equals-ignore-case match pattern must be a string');
    if (more.length > 0 || extraKeys) invalidPattern('Only one key allowed in match expression');
    return { kind: name, value, ignoreCase: true };
  }
  if (typeof operand !== 'string') invalidPattern(`${name} match pattern must be a string`);
  if (extraKeys) invalidPattern('Only one key allowed in match expression');
  return { kind: name, value: operand, ignoreCase: false };
}

function compileNumeric(terms: readonly unknown[]): ValueMatcher {
  const [operator, first, ...rest] = terms;
  if (typeof operator !== 'string') invalidPattern(`Invalid member in numeric match: ${tokenText(operator, 0, terms)}`);
  const numeric = (value: unknown, label: string): number => {
    if (typeof value !== 'number') invalidPattern(`Value of ${label} must be numeric`);
    return comparableOperand(value);
  };
  switch (operator) {
    case '=': {
      const value = numeric(first, 'equals');
      if (rest.length > 0) invalidPattern('Too many elements in numeric expression');
      return { kind: 'numeric', lower: { value, inclusive: true }, upper: { value, inclusive: true } };
    }
    case '<':
    case '<=': {
      const value = numeric(first, operator);
      if (rest.length > 0) invalidPattern('Too many elements in numeric expression');
      return { kind: 'numeric', lower: null, upper: { value, inclusive: operator === '<=' } };
    }
    case '>':
    case '>=': {
      const lower: NumericBound = { value: numeric(first, operator), inclusive: operator === '>=' };
      if (rest.length === 0) return { kind: 'numeric', lower, upper: null };
      return { kind: 'numeric', lower, upper: compileUpperBound(rest, lower, numeric) };
    }
    default:
      return invalidPattern(`Unrecognized numeric range operator: ${operator}`);
  }
}

function compileUpperBound(terms: readonly unknown[], lower: NumericBound, numeric: (value: unknown, label: string) => number): NumericBound {
  const [operator, top, ...rest] = terms;
  if (typeof operator !== 'string') invalidPattern(`Bad value in numeric range: ${tokenText(operator, 0, terms)}`);
  if (operator !== '<' && operator !== '<=') invalidPattern(`Bad numeric range operator: ${operator}`);
  const value = numeric(top, operator);
  if (rest.length > 0) invalidPattern('Too many terms in numeric range expression');
  if (lower.value >= value) invalidPattern('Bottom must be less than top');
  return { value, inclusive: operator === '<=' };
}

function compileAnythingBut(operand: unknown): Exclusion {
  if (isObject(operand)) {
    return compileAnythingButObject(operand);
  }
  if (Array.isArray(operand)) {
    return compileAnythingButList(operand);
  }
  if (typeof operand === 'string') return { kind: 'strings', values: new Set([operand]) };
  if (typeof operand === 'number') return { kind: 'numbers', values: [comparableOperand(operand)] };
  return invalidPattern('Value of anything-but must be an array or single string/number value.');
}

function compileAnythingButList(values: readonly unknown[]): Exclusion {
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      invalidPattern('Inside anything but list, start|null|boolean is not supported.');
    }
  }
  const strings = values.filter((value): value is string => typeof value === 'string');
  const numbers = values.filter((value): value is number => typeof value === 'number');
  if ((strings.length > 0) === (numbers.length > 0)) {
    invalidPattern('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return strings.length > 0 ? { kind: 'strings', values: new Set(strings) } : { kind: 'numbers', values: numbers.map(comparableOperand) };
}

/** `{ "anything-but": { "prefix" | "suffix" | "equals-ignore-case" | "wildcard": value or list } }` */
function compileAnythingButObject(operand: JsonObject): Exclusion {
  const [inner, ...more] = Object.keys(operand);
  if (inner === undefined) invalidPattern('Anything-But expression name not found');
  if (inner !== 'prefix' && inner !== 'suffix' && inner !== 'equals-ignore-case' && inner !== 'wildcard') {
    invalidPattern(`Unsupported anything-but pattern: ${inner}`);
  }
  const value = operand[inner];
  if (!Array.isArray(value) && typeof value !== 'string' && typeof value !== 'number') {
    invalidPattern('Value of anything-but must be an array or single string/number value.');
  }
  const texts = (Array.isArray(value) ? value : [value]).map((item) => {
    if (typeof item === 'string') return item;
    switch (inner) {
      case 'equals-ignore-case':
        return invalidPattern('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      case 'wildcard':
        return invalidPattern('wildcard match pattern must be a string');
      case 'prefix':
      case 'suffix':
        return invalidPattern('prefix/suffix match pattern must be a string');
    }
  });
  if ((inner === 'prefix' || inner === 'suffix') && texts.some((text) => text === '')) {
    invalidPattern('Null prefix/suffix not allowed');
  }
  if (more.length > 0) invalidPattern('Too many elements in numeric expression');
  switch (inner) {
    case 'equals-ignore-case':
      return { kind: 'ignore-case', values: new Set(texts.map((text) => text.toLowerCase())) };
    case 'prefix':
      return { kind: 'prefixes', values: texts };
    case 'suffix':
      return { kind: 'suffixes', values: texts };
    case 'wildcard':
      return { kind: 'wildcards', values: texts.map(compileWildcard) };
  }
}

/** The text the engine's JSON parser shows for a token (`]` when the array ended early). */
function tokenText(value: unknown, index: number, terms: readonly unknown[]): string {
  if (index >= terms.length) return ']';
  if (Array.isArray(value)) return '[';
  if (isObject(value)) return '{';
  return String(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
