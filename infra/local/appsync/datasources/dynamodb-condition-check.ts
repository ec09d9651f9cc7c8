/**
 * What AppSync does when a PutItem / UpdateItem / DeleteItem condition check fails
 * (js-aws-appsync-resolver-reference-dynamodb-condition-expressions, "Handling a condition check
 * failure"): it reads the current item (strongly consistent unless `consistentRead: false`) and
 * - PutItem: if the current item equals the one it tried to write, ignoring `equalsIgnore`
 *   attributes, treats the write as successful and returns the current item;
 * - DeleteItem: if there is no item any more, treats the delete as successful;
 * - UpdateItem: cannot tell, so follows the strategy.
 * Otherwise the `Reject` strategy returns the error for the mutation, and the current value of the
 * object in `ctx.result` (the doc's "returning an error for the mutation and the current value").
 * The `Custom` (Lambda) strategy is refused when the request is read.
 */
import type { DynamoDbWireClient } from '../../dynamodb/wire-client';
import type { DataSourceError } from '../types';
import { itemToPut } from './dynamodb-commands';
import { toDataSourceError } from './dynamodb-errors';
import type { DeleteItemRequest, PutItemRequest, UpdateItemRequest, WriteCondition } from './dynamodb-request-types';
import { itemResult } from './dynamodb-results';
import { canonicalItemText, type TypedItem } from './dynamodb-typed-values';
import type { GetItemInput, GetItemOutput } from './dynamodb-wire-shapes';

export type ConditionalWrite = (PutItemRequest | UpdateItemRequest | DeleteItemRequest) & { condition: WriteCondition };

/** The outcome of a failed condition check after AppSync's comparison. */
export type ConditionFailureOutcome =
  | { result: Record<string, unknown> | null; error?: undefined }
  | { result: Record<string, unknown> | null; error: DataSourceError };

/**
 * Decides whether the current item already is what the write wanted.
 * @returns true when AppSync would treat the failed write as successful
 */
export function alreadyAsDesired(request: ConditionalWrite, current: TypedItem | undefined): boolean {
  switch (request.operation) {
    case 'PutItem': {
      if (!current) return false;
      const ignored = new Set(request.condition.equalsIgnore);
      const attempted = itemToPut(request);
      const names = (item: TypedItem) => Object.keys(item).filter((name) => !ignored.has(name));
      const currentNames = names(current);
      const attemptedNames = names(attempted);
      return (
        currentNames.length === attemptedNames.length &&
        canonicalItemText(current, currentNames) === canonicalItemText(attempted, attemptedNames)
      );
    }
    case 'DeleteItem':
      return current === undefined;
    case 'UpdateItem':
      return false;
  }
}

/**
 * Reads the current item and applies AppSync's comparison and `Reject` strategy.
 * @returns success with the current item, or the condition error with the current item
 */
export async function handleConditionFailure(
  client: DynamoDbWireClient,
  tableName: string,
  request: ConditionalWrite,
  conditionError: unknown,
): Promise<ConditionFailureOutcome> {
  let current: TypedItem | undefined;
  try {
    const input: GetItemInput = { TableName: tableName, Key: request.key, ConsistentRead: request.condition.consistentRead };
    current = (await client.call<GetItemOutput>('GetItem', input)).Item;
  } catch {
    return { result: null, error: toDataSourceError(conditionError) };
  }
  if (alreadyAsDesired(request, current)) return { result: itemResult(current) };
  return { result: itemResult(current), error: toDataSourceError(conditionError) };
}
