import { typedSetMarker } from './dynamodb-conversions';
import type { TypedValue } from './dynamodb-conversions';
import { describeValue, isRecord } from './values';

/**
 * `operations` and the set helpers of `@aws-appsync/utils/dynamodb`: markers that `update` (and
 * `put`, for sets) turn into DynamoDB update actions.
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html
 */

/** What an `operations.*` call returns; `_type` is the field the typings declare. */
export type UpdateOperation =
  | { _type: 'add'; value: unknown }
  | { _type: 'remove' }
  | { _type: 'replace'; value: unknown }
  | { _type: 'increment'; by: number }
  | { _type: 'decrement'; by: number }
  | { _type: 'append'; items: unknown[] }
  | { _type: 'prepend'; items: unknown[] }
  | { _type: 'updateListItem'; value: unknown; index: number };

const operationTypes = new Set(['add', 'remove', 'replace', 'increment', 'decrement', 'append', 'prepend', 'updateListItem']);

/** True for a value made by one of the `operations` helpers. */
export function isUpdateOperation(value: unknown): value is UpdateOperation {
  return isRecord(value) && typeof value._type === 'string' && operationTypes.has(value._type);
}

/** The `operations` object of the dynamodb module. */
export interface DynamoDBOperations {
  add(payload: unknown): UpdateOperation;
  remove(): UpdateOperation;
  replace(payload: unknown): UpdateOperation;
  increment(by?: number): UpdateOperation;
  decrement(by?: number): UpdateOperation;
  append(payload: unknown): UpdateOperation;
  prepend(payload: unknown): UpdateOperation;
  updateListItem(payload: unknown, index: number): UpdateOperation;
}

function amount(by: unknown, helper: string): number {
  if (by === undefined || by === null) return 1;
  if (typeof by !== 'number' || !Number.isFinite(by)) {
    throw new TypeError(`operations.${helper} expects a number, got ${describeValue(by)}`);
  }
  return by;
}

function list(payload: unknown, helper: string): unknown[] {
  if (!Array.isArray(payload)) throw new TypeError(`operations.${helper} expects a list, got ${describeValue(payload)}`);
  return [...(payload as unknown[])];
}

/** Builds the `operations` helpers. */
export function createOperations(): DynamoDBOperations {
  return {
    add: (payload) => ({ _type: 'add', value: payload }),
    remove: () => ({ _type: 'remove' }),
    replace: (payload) => ({ _type: 'replace', value: payload }),
    increment: (by) => ({ _type: 'increment', by: amount(by, 'increment') }),
    decrement: (by) => ({ _type: 'decrement', by: amount(by, 'decrement') }),
    append: (payload) => ({ _type: 'append', items: list(payload, 'append') }),
    prepend: (payload) => ({ _type: 'prepend', items: list(payload, 'prepend') }),
    updateListItem(payload, index) {
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
        throw new TypeError(`operations.updateListItem expects a list index, got ${describeValue(index)}`);
      }
      return { _type: 'updateListItem', value: payload, index };
    },
  };
}

function markedSet(type: 'SS' | 'NS' | 'BS', values: unknown[]): TypedValue {
  const set: TypedValue = { [type]: values };
  Object.defineProperty(set, typedSetMarker, { value: true, enumerable: false });
  return set;
}

/** The module's `toStringSet(["a", "b"])`: `{ "SS": ["a", "b"] }`, kept a set inside put/update items. */
export function toStringSet(values: unknown): TypedValue {
  return markedSet('SS', list(values, 'toStringSet').map(String));
}

/** The module's `toNumberSet([1, 2, 3])`: `{ "NS": ["1", "2", "3"] }` — strings, as its typings document. */
export function toNumberSet(values: unknown): TypedValue {
  return markedSet('NS', list(values, 'toNumberSet').map(String));
}

/** The module's `toBinarySet(["SGVsbG8="])`: `{ "BS": ["SGVsbG8="] }`. */
export function toBinarySet(values: unknown): TypedValue {
  return markedSet('BS', list(values, 'toBinarySet').map(String));
}
