import { definedEntries, isRecord } from './values';

/**
 * `util.dynamodb`: plain values to DynamoDB's typed form `{ "TYPE": value }`, in AppSync's shapes —
 * numbers stay JSON numbers (`toNumber(12345)` is `{ "N": 12345 }`, not `{ "N": "12345" }`), lists
 * use "L" rather than sets, and null or undefined arguments give null.
 * https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html
 */

/** A DynamoDB attribute value in AppSync's typed form. */
export type TypedValue = Record<string, unknown>;

/**
 * Marks a set produced by `@aws-appsync/utils/dynamodb`'s toStringSet/toNumberSet/toBinarySet, so
 * that the module's put/update keep it a set where a plain object would become a map ("M").
 */
export const typedSetMarker = Symbol('@aws-appsync/utils/dynamodb set');

/** True for a value built by the dynamodb module's set helpers. */
export function isMarkedSet(value: unknown): value is TypedValue {
  return isRecord(value) && Object.getOwnPropertySymbols(value).includes(typedSetMarker);
}

/**
 * `util.dynamodb.toDynamoDB`: strings "S", numbers "N" (as numbers), booleans "BOOL", null and
 * undefined "NULL", arrays "L", objects "M" (undefined members dropped).
 */
export function toDynamoDB(value: unknown): TypedValue {
  if (value === null || value === undefined) return { NULL: null };
  if (isMarkedSet(value)) return value;
  if (Array.isArray(value)) return { L: value.map((item) => toDynamoDB(item)) };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
    case 'bigint':
      return { N: value };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      return { M: toMapValues(value as Record<string, unknown>) };
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`util.dynamodb.toDynamoDB cannot convert a ${typeof value}`);
}

/** `util.dynamodb.toMapValues`: a copy of `value` with each member converted by {@link toDynamoDB}. */
export function toMapValues(value: unknown): Record<string, TypedValue> {
  if (!isRecord(value)) throw new TypeError('util.dynamodb.toMapValues expects an object');
  const result: Record<string, TypedValue> = {};
  for (const [key, member] of definedEntries(value)) result[key] = toDynamoDB(member);
  return result;
}

function copyList(values: unknown, helper: string): unknown[] {
  if (!Array.isArray(values)) throw new TypeError(`util.dynamodb.${helper} expects a list`);
  return [...(values as unknown[])];
}

/**
 * The `s3` object AppSync stores as a JSON string ({@link DynamodbUtils.toS3Object}); version only
 * when given. The key order key, bucket, region, version follows AppSync's output.
 */
function s3ObjectJson(key: string, bucket: string, region: string, version?: string): string {
  const s3: Record<string, string> = { key, bucket, region };
  if (version !== undefined && version !== null) s3.version = version;
  return JSON.stringify({ s3 });
}

/** The `util.dynamodb` namespace. */
export interface DynamodbUtils {
  toDynamoDB(value: unknown): TypedValue;
  toString(value: unknown): TypedValue | null;
  toStringSet(values: unknown): TypedValue | null;
  toNumber(value: unknown): TypedValue | null;
  toNumberSet(values: unknown): TypedValue | null;
  toBinary(value: unknown): TypedValue | null;
  toBinarySet(values: unknown): TypedValue | null;
  toBoolean(value: unknown): TypedValue | null;
  toNull(): TypedValue;
  toList(values: unknown): TypedValue | null;
  toMap(value: unknown): TypedValue | null;
  toMapValues(value: unknown): Record<string, TypedValue> | null;
  toS3Object(key: string, bucket: string, region: string, version?: string): TypedValue | null;
  fromS3ObjectJson(s3ObjectString: string): Record<string, unknown> | null;
}

const absent = (value: unknown): value is null | undefined => value === null || value === undefined;

/** Builds the `util.dynamodb` namespace. */
export function createDynamodbUtils(): DynamodbUtils {
  return {
    toDynamoDB,
    toString: (value) => (absent(value) ? null : { S: value }),
    toStringSet: (values) => (absent(values) ? null : { SS: copyList(values, 'toStringSet') }),
    toNumber: (value) => (absent(value) ? null : { N: value }),
    toNumberSet: (values) => (absent(values) ? null : { NS: copyList(values, 'toNumberSet') }),
    toBinary: (value) => (absent(value) ? null : { B: value }),
    toBinarySet: (values) => (absent(values) ? null : { BS: copyList(values, 'toBinarySet') }),
    toBoolean: (value) => (absent(value) ? null : { BOOL: value }),
    toNull: () => ({ NULL: null }),
    toList: (values) => (absent(values) ? null : { L: copyList(values, 'toList').map((item) => toDynamoDB(item)) }),
    toMap: (value) => (absent(value) ? null : { M: toMapValues(value) }),
    toMapValues: (value) => (absent(value) ? null : toMapValues(value)),
    toS3Object: (key, bucket, region, version) => ({ S: s3ObjectJson(key, bucket, region, version) }),
    fromS3ObjectJson(s3ObjectString) {
      // The string value of the stored attribute; its typed form `{ "S": "..." }` is accepted too.
      const text: unknown = isRecord(s3ObjectString) ? s3ObjectString.S : s3ObjectString;
      const parsed: unknown = JSON.parse(String(text));
      if (!isRecord(parsed) || !isRecord(parsed.s3)) return null;
      return { ...parsed.s3 };
    },
  };
}
