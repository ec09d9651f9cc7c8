/**
 * Subscription filtering as AppSync applies it when a mutation publishes: basic filtering by the
 * subscriber's arguments, and the enhanced filters a subscription resolver sets with
 * `extensions.setSubscriptionFilter` (the `{filterGroup:[{filters:[…]}]}` shape that
 * `util.transform.toSubscriptionFilter` produces). Pure functions; see PROTOCOL.md for the
 * semantics and limits matched.
 * https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html
 */

/** The operators enhanced filters accept. */
export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'le'
  | 'lt'
  | 'ge'
  | 'gt'
  | 'contains'
  | 'notContains'
  | 'beginsWith'
  | 'in'
  | 'notIn'
  | 'between'
  | 'containsAny'
  | 'attributeExists';

export const FILTER_OPERATORS: readonly FilterOperator[] = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
  'attributeExists',
];

/** One condition: the field (dot path for nested fields), the operator and the operand. */
export interface FieldFilter {
  fieldName: string;
  operator: FilterOperator;
  value: unknown;
}

/** Conditions that must all hold (AND). */
export interface FilterGroupEntry {
  filters: FieldFilter[];
}

/** Entries of which one must hold (OR). */
export interface SubscriptionFilter {
  filterGroup: FilterGroupEntry[];
}

/** AppSync's limits on a filter definition. */
export const FILTER_LIMITS = {
  maxGroups: 10,
  maxFiltersPerGroup: 5,
  maxInValues: 5,
  maxContainsAnyValues: 20,
  maxFieldNameLength: 256,
  maxFieldDepth: 5,
} as const;

export type FilterViolation =
  | 'shape'
  | 'unknownOperator'
  | 'valueType'
  | 'maxGroups'
  | 'maxFiltersPerGroup'
  | 'repeatedFieldName'
  | 'maxValues'
  | 'fieldName';

/** A filter definition AppSync would refuse; `violation` says which rule it broke. */
export class InvalidSubscriptionFilterError extends Error {
  readonly violation: FilterViolation;
  constructor(violation: FilterViolation, message: string) {
    super(message);
    this.name = 'InvalidSubscriptionFilterError';
    this.violation = violation;
  }
}

export type FilterParseResult =
  | { ok: true; filter: SubscriptionFilter }
  | { ok: false; error: InvalidSubscriptionFilterError };

type Scalar = string | number | boolean;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrNumber = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
const isScalar = (value: unknown): value is Scalar => isStringOrNumber(value) || typeof value === 'boolean';
const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function fail(violation: FilterViolation, message: string): never {
  throw new InvalidSubscriptionFilterError(violation, message);
}

function checkList(filter: FieldFilter, max: number, exact?: number): void {
  const { value, operator, fieldName } = filter;
  if (!Array.isArray(value) || !value.every(isStringOrNumber)) {
    fail('valueType', `Operator \`${operator}\` on "${fieldName}" expects an array of strings or numbers.`);
  }
  if (exact !== undefined && value.length !== exact) {
    fail('valueType', `Operator \`${operator}\` on "${fieldName}" expects exactly ${exact} values, found ${value.length}.`);
  }
  if (value.length === 0) fail('valueType', `Operator \`${operator}\` on "${fieldName}" expects at least one value.`);
  // Wording matched by amplify clients: "... operator `in` ... exceeds maximum value limit".
  if (value.length > max) {
    fail('maxValues', `Filter value for operator \`${operator}\` exceeds maximum value limit of ${max} (found ${value.length}).`);
  }
}

function checkValue(filter: FieldFilter): void {
  const { operator, value, fieldName } = filter;
  const expect = (ok: boolean, what: string): void => {
    if (!ok) fail('valueType', `Operator \`${operator}\` on "${fieldName}" expects ${what}, found ${describe(value)}.`);
  };
  switch (operator) {
    case 'eq':
    case 'ne':
      return expect(value === null || isScalar(value), 'a string, number or boolean');
    case 'le':
    case 'lt':
    case 'ge':
    case 'gt':
    case 'contains':
    case 'notContains':
      return expect(isStringOrNumber(value), 'a string or number');
    case 'beginsWith':
      return expect(typeof value === 'string', 'a string');
    case 'attributeExists':
      return expect(typeof value === 'boolean', 'a boolean');
    case 'in':
    case 'notIn':
      return checkList(filter, FILTER_LIMITS.maxInValues);
    case 'between':
      checkList(filter, 2, 2);
      return expect(typeof (value as unknown[])[0] === typeof (value as unknown[])[1], 'two values of one type');
    case 'containsAny':
      return checkList(filter, FILTER_LIMITS.maxContainsAnyValues);
  }
}

function checkFieldName(fieldName: unknown): string {
  if (typeof fieldName !== 'string' || fieldName.length === 0) {
    fail('fieldName', `Filter "fieldName" must be a non-empty string, found ${describe(fieldName)}.`);
  }
  if (fieldName.length > FILTER_LIMITS.maxFieldNameLength) {
    fail('fieldName', `Filter field "${fieldName.slice(0, 32)}…" is longer than ${FILTER_LIMITS.maxFieldNameLength} characters.`);
  }
  const segments = fieldName.split('.');
  if (segments.some((segment) => segment.length === 0)) fail('fieldName', `Filter field "${fieldName}" has an empty path segment.`);
  if (segments.length > FILTER_LIMITS.maxFieldDepth) {
    fail('fieldName', `Filter field "${fieldName}" is nested deeper than ${FILTER_LIMITS.maxFieldDepth} levels.`);
  }
  return fieldName;
}

function parseFieldFilter(raw: unknown): FieldFilter {
  if (!isRecord(raw)) fail('shape', `Each filter must be an object {fieldName, operator, value}, found ${describe(raw)}.`);
  const fieldName = checkFieldName(raw.fieldName);
  const operator = raw.operator;
  if (typeof operator !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(operator)) {
    fail('unknownOperator', `Unknown filter operator ${JSON.stringify(operator)} on "${fieldName}".`);
  }
  const filter: FieldFilter = { fieldName, operator: operator as FilterOperator, value: raw.value };
  checkValue(filter);
  return filter;
}

function parseGroupEntry(raw: unknown): FilterGroupEntry {
  if (!isRecord(raw) || !Array.isArray(raw.filters)) {
    fail('shape', `Each filterGroup entry must be an object with a "filters" array, found ${describe(raw)}.`);
  }
  // Wording from the service errors amplify DataStore recognises (RTFError in its source).
  if (raw.filters.length > FILTER_LIMITS.maxFiltersPerGroup) {
    fail('maxFiltersPerGroup', `Filters exceed maximum attributes limit of ${FILTER_LIMITS.maxFiltersPerGroup} (found ${raw.filters.length}).`);
  }
  const filters = raw.filters.map(parseFieldFilter);
  const seen = new Set<string>();
  for (const { fieldName } of filters) {
    if (seen.has(fieldName)) fail('repeatedFieldName', `The filter uses same fieldName multiple time: "${fieldName}".`);
    seen.add(fieldName);
  }
  return { filters };
}

/**
 * Validates a filter definition set by a subscription resolver (object, or its JSON text) against
 * AppSync's shape and limits. Returns the typed filter, or the {@link InvalidSubscriptionFilterError}
 * AppSync's refusal corresponds to.
 */
export function parseSubscriptionFilter(raw: unknown): FilterParseResult {
  try {
    let value = raw;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        fail('shape', 'Subscription filter is not valid JSON.');
      }
    }
    if (!isRecord(value) || !Array.isArray(value.filterGroup)) {
      fail('shape', `Subscription filter must be an object with a "filterGroup" array, found ${describe(value)}.`);
    }
    if (value.filterGroup.length > FILTER_LIMITS.maxGroups) {
      fail('maxGroups', `Filters combination exceed maximum limit of ${FILTER_LIMITS.maxGroups} (found ${value.filterGroup.length}).`);
    }
    return { ok: true, filter: { filterGroup: value.filterGroup.map(parseGroupEntry) } };
  } catch (error) {
    if (error instanceof InvalidSubscriptionFilterError) return { ok: false, error };
    throw error;
  }
}

/** Reads a dot path (`player.stats.points`) from a payload; `undefined` when any step is missing. */
export function readFieldPath(payload: unknown, fieldName: string): unknown {
  let current: unknown = payload;
  for (const segment of fieldName.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

const sameScalar = (a: unknown, b: unknown): boolean => a === b;

function compare(field: unknown, value: unknown): number | undefined {
  if (typeof field === 'number' && typeof value === 'number') return field - value;
  if (typeof field === 'string' && typeof value === 'string') return field < value ? -1 : field > value ? 1 : 0;
  return undefined;
}

const inRange = (field: unknown, low: unknown, high: unknown): boolean => {
  const fromLow = compare(field, low);
  const toHigh = compare(field, high);
  return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
};

function contains(field: unknown, value: unknown): boolean {
  if (typeof field === 'string') return typeof value === 'string' && field.includes(value);
  if (Array.isArray(field)) return field.some((element) => sameScalar(element, value));
  return false;
}

/** Evaluates one condition against a payload. */
export function matchesFieldFilter(filter: FieldFilter, payload: unknown): boolean {
  const field = readFieldPath(payload, filter.fieldName);
  const { value } = filter;
  const absent = field === undefined || field === null;
  switch (filter.operator) {
    case 'eq':
      return absent ? value === null : sameScalar(field, value);
    case 'ne':
      return absent ? value !== null : !sameScalar(field, value);
    case 'le':
      return (compare(field, value) ?? 1) <= 0;
    case 'lt':
      return (compare(field, value) ?? 0) < 0;
    case 'ge':
      return (compare(field, value) ?? -1) >= 0;
    case 'gt':
      return (compare(field, value) ?? 0) > 0;
    case 'contains':
      return contains(field, value);
    case 'notContains':
      return !contains(field, value);
    case 'beginsWith':
      return typeof field === 'string' && typeof value === 'string' && field.startsWith(value);
    case 'in':
      return !absent && (value as unknown[]).some((candidate) => sameScalar(field, candidate));
    case 'notIn':
      return absent || !(value as unknown[]).some((candidate) => sameScalar(field, candidate));
    case 'between':
      return inRange(field, (value as unknown[])[0], (value as unknown[])[1]);
    case 'containsAny': {
      const elements = Array.isArray(field) ? field : absent ? [] : [field];
      return (value as unknown[]).some((candidate) => elements.some((element) => sameScalar(element, candidate)));
    }
    case 'attributeExists':
      return value === !absent;
  }
}

/**
 * True when the payload satisfies the filter: any `filterGroup` entry whose `filters` all hold.
 * An empty `filterGroup` places no condition.
 */
export function matchesSubscriptionFilter(filter: SubscriptionFilter, payload: unknown): boolean {
  if (filter.filterGroup.length === 0) return true;
  return filter.filterGroup.some((entry) => entry.filters.every((condition) => matchesFieldFilter(condition, payload)));
}

function argumentEquals(argument: unknown, field: unknown): boolean {
  if (argument === field) return true;
  // ID arguments arrive as strings while a resolver may have produced a number (and back).
  if (isStringOrNumber(argument) && isStringOrNumber(field)) return String(argument) === String(field);
  if (typeof argument === 'object' && argument !== null && typeof field === 'object' && field !== null) {
    return JSON.stringify(argument) === JSON.stringify(field);
  }
  return false;
}

/**
 * Basic (argument) filtering: every subscription argument with a non-null value must equal the
 * published value's top-level field of the same name. Arguments that are null or omitted place no
 * condition. Matching is against the mutation's *result* fields, never its arguments.
 */
export function matchesArgumentFilter(args: Record<string, unknown>, payload: unknown): boolean {
  for (const [name, argument] of Object.entries(args)) {
    if (argument === null || argument === undefined) continue;
    const field = isRecord(payload) ? payload[name] : undefined;
    if (!argumentEquals(argument, field)) return false;
  }
  return true;
}
