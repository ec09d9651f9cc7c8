/**
 * Validates the multi-item request objects: BatchGetItem, BatchPutItem, BatchDeleteItem
 * (`tables` keyed by real table name) and TransactGetItems, TransactWriteItems (`transactItems`
 * naming their table each), per AppSync's JS resolver reference for DynamoDB
 * (js-aws-appsync-resolver-reference-dynamodb-batch-*, -transact-*).
 */
import { MappingTemplateError } from './dynamodb-errors';
import {
  booleanOr,
  child,
  expectObject,
  onlyKnownFields,
  optionalItem,
  optionalObject,
  optionalProjection,
  readExpression,
  requireArray,
  requireItem,
  requireString,
  type JsonObject,
} from './dynamodb-request-fields';
import type {
  BatchGetTable,
  DynamoDbRequest,
  TransactCondition,
  TransactGetItem,
  TransactWriteItem,
} from './dynamodb-request-types';
import { toSdkItem, type TypedItem } from './dynamodb-typed-values';

export type BatchOrTransactOperation =
  | 'BatchGetItem'
  | 'BatchPutItem'
  | 'BatchDeleteItem'
  | 'TransactGetItems'
  | 'TransactWriteItems';

/**
 * Reads a batch or transaction request whose `operation` is already known.
 * @returns the validated request
 * @throws MappingTemplateError naming the first bad field
 */
export function parseBatchOrTransactRequest(
  operation: BatchOrTransactOperation,
  request: JsonObject,
  path: string,
): DynamoDbRequest {
  switch (operation) {
    case 'BatchGetItem':
      return { operation, tables: readTables(request, path, batchGetTable) };
    case 'BatchPutItem':
      return { operation, tables: readTables(request, path, itemList) };
    case 'BatchDeleteItem':
      return { operation, tables: readTables(request, path, itemList) };
    case 'TransactGetItems':
      return { operation, transactItems: readTransactItems(request, path, transactGetItem) };
    case 'TransactWriteItems':
      return { operation, transactItems: readTransactItems(request, path, transactWriteItem) };
  }
}

/** `tables`: at least one table, each read by `readTable`. */
function readTables<T>(request: JsonObject, path: string, readTable: (value: unknown, path: string) => T): Record<string, T> {
  const tablesPath = child(path, 'tables');
  const tables = expectObject(request.tables, tablesPath);
  const entries = Object.entries(tables).filter(([, value]) => value !== undefined);
  if (entries.length === 0) throw new MappingTemplateError(`At least one table must be given in '${tablesPath}'.`);
  const result: Record<string, T> = {};
  for (const [name, value] of entries) result[name] = readTable(value, child(tablesPath, name));
  return result;
}

function batchGetTable(value: unknown, path: string): BatchGetTable {
  const table = expectObject(value, path);
  onlyKnownFields(table, ['keys', 'consistentRead', 'projection'], path);
  return {
    keys: requireArray(table, 'keys', path).map((key, index) => toSdkItem(key, child(child(path, 'keys'), index))),
    consistentRead: booleanOr(table, 'consistentRead', path, false),
    projection: optionalProjection(table, path),
  };
}

function itemList(value: unknown, path: string): TypedItem[] {
  if (!Array.isArray(value)) throw new MappingTemplateError(`Expected a list for field '${path}'.`);
  return value.map((item, index) => toSdkItem(item, child(path, index)));
}

/** `transactItems`: a non-empty list, each read by `readItem`. */
function readTransactItems<T>(request: JsonObject, path: string, readItem: (item: JsonObject, path: string) => T): T[] {
  const items = requireArray(request, 'transactItems', path);
  const listPath = child(path, 'transactItems');
  if (items.length === 0) throw new MappingTemplateError(`At least one request item must be given in '${listPath}'.`);
  return items.map((item, index) => readItem(expectObject(item, child(listPath, index)), child(listPath, index)));
}

function transactGetItem(item: JsonObject, path: string): TransactGetItem {
  onlyKnownFields(item, ['table', 'key', 'projection'], path);
  return { table: requireString(item, 'table', path), key: requireItem(item, 'key', path), projection: optionalProjection(item, path) };
}

function transactWriteItem(item: JsonObject, path: string): TransactWriteItem {
  const operation = requireString(item, 'operation', path);
  const table = requireString(item, 'table', path);
  switch (operation) {
    case 'PutItem':
      onlyKnownFields(item, ['table', 'operation', 'key', 'attributeValues', 'condition'], path);
      return {
        operation,
        table,
        key: requireItem(item, 'key', path),
        attributeValues: optionalItem(item, 'attributeValues', path) ?? {},
        condition: transactCondition(item, path),
      };
    case 'UpdateItem':
      onlyKnownFields(item, ['table', 'operation', 'key', 'update', 'condition'], path);
      return {
        operation,
        table,
        key: requireItem(item, 'key', path),
        update: readExpression(item.update, child(path, 'update')),
        condition: transactCondition(item, path),
      };
    case 'DeleteItem':
      onlyKnownFields(item, ['table', 'operation', 'key', 'condition'], path);
      return { operation, table, key: requireItem(item, 'key', path), condition: transactCondition(item, path) };
    case 'ConditionCheck': {
      onlyKnownFields(item, ['table', 'operation', 'key', 'condition'], path);
      const condition = transactCondition(item, path);
      if (!condition) throw new MappingTemplateError(`Value for field '${child(path, 'condition')}' not found.`);
      return { operation, table, key: requireItem(item, 'key', path), condition };
    }
    default:
      throw new MappingTemplateError(
        `Expected PutItem, UpdateItem, DeleteItem or ConditionCheck for field '${child(path, 'operation')}' but got "${operation}".`,
      );
  }
}

/** A transaction item's `condition`; `returnValuesOnConditionCheckFailure` defaults to true. */
function transactCondition(item: JsonObject, path: string): TransactCondition | undefined {
  const condition = optionalObject(item, 'condition', path);
  if (!condition) return undefined;
  const conditionPath = child(path, 'condition');
  return {
    ...readExpression(condition, conditionPath, ['returnValuesOnConditionCheckFailure']),
    returnValuesOnConditionCheckFailure: booleanOr(condition, 'returnValuesOnConditionCheckFailure', conditionPath, true),
  };
}
