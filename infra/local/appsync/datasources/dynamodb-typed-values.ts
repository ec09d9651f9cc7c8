/**
 * DynamoDB typed values in both directions, as AppSync's DynamoDB data source converts them.
 *
 * Request side ("Type system (request mapping)", js-aws-appsync-resolver-reference-dynamodb-
 * typed-values-request): resolvers write DynamoDB JSON, but AppSync accepts JSON numbers inside
 * `N`/`NS` (`util.dynamodb.toNumber(12345)` gives `{ "N": 12345 }`), base64 strings inside `B`/`BS`
 * and `{ "NULL": null }` (`util.dynamodb.toNull()`). They are normalised here to what DynamoDB's
 * API takes: number strings, bytes (sent base64-encoded by the wire client), `NULL: true`.
 *
 * Response side ("Type system (response mapping)", js-aws-appsync-resolver-reference-dynamodb-
 * typed-values-responses): AppSync hands resolvers plain JSON: N → number, SS/NS/BS → lists,
 * B → base64 string, NULL → null, M → object, L → list. DynamoDB's JSON answers carry binary as
 * base64 strings already ("Binary data", developerguide/Programming.LowLevelAPI.html).
 */
import { MappingTemplateError } from './dynamodb-errors';

/** Binary: bytes in requests built here, a base64 string in DynamoDB's answers. */
export type Binary = Uint8Array | string;

/**
 * One DynamoDB typed value ("AttributeValue" in the DynamoDB API reference): exactly one member
 * is set.
 */
export interface AttributeValue {
  S?: string;
  N?: string;
  B?: Binary;
  SS?: string[];
  NS?: string[];
  BS?: Binary[];
  M?: TypedItem;
  L?: AttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}

export type TypedItem = Record<string, AttributeValue>;

const TYPE_NAMES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'] as const;
type TypeName = (typeof TYPE_NAMES)[number];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Validates one typed value from a request and normalises it for DynamoDB's API.
 * @param path where it sits, for the error message, e.g. `$[key][id]`
 * @throws MappingTemplateError when it is not a DynamoDB typed value
 */
export function toSdkAttributeValue(value: unknown, path: string): AttributeValue {
  if (!isPlainObject(value)) {
    throw new MappingTemplateError(`Expected a DynamoDB typed value (e.g. { "S": "x" }) at '${path}' but got ${describeValue(value)}.`);
  }
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
  const [entry] = entries;
  if (entries.length !== 1 || !entry || !isTypeName(entry[0])) {
    throw new MappingTemplateError(
      `Expected exactly one of ${TYPE_NAMES.join(', ')} at '${path}' but got keys [${Object.keys(value).join(', ')}].`,
    );
  }
  return convert(entry[0], entry[1], `${path}[${entry[0]}]`);
}

/**
 * Validates a map of typed values (a key, an item, expression values).
 * @throws MappingTemplateError naming the first bad entry
 */
export function toSdkItem(value: unknown, path: string): TypedItem {
  if (!isPlainObject(value)) {
    throw new MappingTemplateError(`Expected a map of DynamoDB typed values at '${path}' but got ${describeValue(value)}.`);
  }
  const item: TypedItem = {};
  for (const [name, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    item[name] = toSdkAttributeValue(inner, `${path}[${name}]`);
  }
  return item;
}

function convert(type: TypeName, inner: unknown, path: string): AttributeValue {
  switch (type) {
    case 'S':
      return { S: expectString(inner, path) };
    case 'N':
      return { N: numberText(inner, path) };
    case 'B':
      return { B: bytes(inner, path) };
    case 'SS':
      return { SS: expectArray(inner, path).map((element, index) => expectString(element, `${path}[${index}]`)) };
    case 'NS':
      return { NS: expectArray(inner, path).map((element, index) => numberText(element, `${path}[${index}]`)) };
    case 'BS':
      return { BS: expectArray(inner, path).map((element, index) => bytes(element, `${path}[${index}]`)) };
    case 'M':
      return { M: toSdkItem(inner, path) };
    case 'L':
      return { L: expectArray(inner, path).map((element, index) => toSdkAttributeValue(element, `${path}[${index}]`)) };
    case 'NULL':
      if (inner === null || inner === true) return { NULL: true };
      throw new MappingTemplateError(`Expected true or null at '${path}' but got ${describeValue(inner)}.`);
    case 'BOOL':
      if (typeof inner === 'boolean') return { BOOL: inner };
      throw new MappingTemplateError(`Expected a boolean at '${path}' but got ${describeValue(inner)}.`);
  }
}

function numberText(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return value.trim();
  throw new MappingTemplateError(`Expected a number at '${path}' but got ${describeValue(value)}.`);
}

function bytes(value: unknown, path: string): Uint8Array {
  if (typeof value === 'string' && BASE64.test(value)) return Buffer.from(value, 'base64');
  throw new MappingTemplateError(`Expected a base64 string at '${path}' but got ${describeValue(value)}.`);
}

function expectString(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  throw new MappingTemplateError(`Expected a string at '${path}' but got ${describeValue(value)}.`);
}

function expectArray(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new MappingTemplateError(`Expected a list at '${path}' but got ${describeValue(value)}.`);
}

/**
 * Converts a value DynamoDB returned to the plain JSON AppSync puts in `ctx.result`.
 * @returns a string, number, boolean, null, list or object
 */
export function toPlainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return toPlainItem(value.M);
  if (value.L !== undefined) return value.L.map(toPlainValue);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.B !== undefined) return base64Of(value.B);
  if (value.BS !== undefined) return value.BS.map(base64Of);
  return null;
}

/**
 * Converts a whole item (or key) to plain JSON.
 * @returns an object with the same attribute names
 */
export function toPlainItem(item: TypedItem): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) plain[name] = toPlainValue(value);
  return plain;
}

/**
 * A canonical text for a typed value: equal for values DynamoDB treats as equal (numbers compared
 * by value, sets in any order, map keys in any order). Used to find items in batch responses and
 * to compare items when a condition check fails.
 * @returns a string
 */
export function canonicalText(value: AttributeValue): string {
  return JSON.stringify(canonicalForm(value));
}

function canonicalForm(value: AttributeValue): unknown {
  if (value.S !== undefined) return ['S', value.S];
  if (value.N !== undefined) return ['N', canonicalNumber(value.N)];
  if (value.BOOL !== undefined) return ['BOOL', value.BOOL];
  if (value.NULL !== undefined) return ['NULL'];
  if (value.M !== undefined) return ['M', canonicalItemForm(value.M)];
  if (value.L !== undefined) return ['L', value.L.map(canonicalForm)];
  if (value.SS !== undefined) return ['SS', [...value.SS].sort()];
  if (value.NS !== undefined) return ['NS', value.NS.map(canonicalNumber).sort()];
  if (value.B !== undefined) return ['B', base64Of(value.B)];
  if (value.BS !== undefined) return ['BS', value.BS.map(base64Of).sort()];
  return ['?'];
}

/**
 * Canonical text of an item restricted to `names` (all attributes when omitted).
 * @returns a string equal for items DynamoDB treats as equal
 */
export function canonicalItemText(item: TypedItem, names?: readonly string[]): string {
  return JSON.stringify(canonicalItemForm(item, names));
}

function canonicalItemForm(item: TypedItem, names?: readonly string[]): unknown {
  const keys = (names ?? Object.keys(item)).filter((name) => item[name] !== undefined).sort();
  return keys.map((name) => [name, canonicalForm(item[name] as AttributeValue)]);
}

/** DynamoDB stores numbers normalised ("1.50" reads back as "1.5"); compare them the same way. */
function canonicalNumber(text: string): string {
  const number = Number(text);
  return Number.isFinite(number) ? String(number) : text;
}

/**
 * Binary as base64, whichever side it came from.
 * @returns the base64 text
 */
export function base64Of(binary: Binary): string {
  return typeof binary === 'string' ? binary : Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength).toString('base64');
}

function isTypeName(name: string): name is TypeName {
  return (TYPE_NAMES as readonly string[]).includes(name);
}

/**
 * True for `{...}` objects (not arrays, not null, not Uint8Array or other class instances). Works
 * across realms: resolver bundles run in their own VM context, whose `Object.prototype` is not ours.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** A short description of a value's JSON type, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}
