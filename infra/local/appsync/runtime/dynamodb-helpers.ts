import { toMapValues } from './dynamodb-conversions';
import type { TypedValue } from './dynamodb-conversions';
import { ExpressionPlaceholders, parseDocumentPath } from './dynamodb-expression-names';
import { renderDynamoDBFilter } from './dynamodb-filter-expression';
import { createOperations, toBinarySet, toNumberSet, toStringSet } from './dynamodb-operations';
import { buildUpdateExpression } from './dynamodb-update-expression';
import { definedEntries, describeValue, isRecord } from './values';

/**
 * The `@aws-appsync/utils/dynamodb` module: request objects for the DynamoDB data source built from
 * plain values, as documented under "Built-in modules" — keys and items typed with
 * util.dynamodb.toMapValues, `condition`/`filter`/`query` objects rendered like
 * util.transform.toDynamoDBConditionExpression, and optional fields copied only when set.
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html (request shapes)
 */

type Request = Record<string, unknown>;

interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, TypedValue>;
}

function input(payload: unknown, helper: string): Record<string, unknown> {
  if (!isRecord(payload)) throw new TypeError(`${helper} expects an object, got ${describeValue(payload)}`);
  return payload;
}

/** Copies the fields of `source` named in `fields` that are neither null nor undefined. */
function copyOptional(target: Request, source: Record<string, unknown>, fields: string[]): void {
  for (const field of fields) {
    const value = source[field];
    if (value !== undefined && value !== null) target[field] = value;
  }
}

/** Drops empty name/value maps: DynamoDB rejects an empty ExpressionAttributeValues. */
function compact(expression: {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, TypedValue>;
}): Expression {
  const result: Expression = { expression: expression.expression };
  if (Object.keys(expression.expressionNames).length > 0) result.expressionNames = expression.expressionNames;
  if (Object.keys(expression.expressionValues).length > 0) result.expressionValues = expression.expressionValues;
  return result;
}

/** A condition or filter object as an expression; undefined when absent or empty. */
function conditionExpression(condition: unknown, helper: string, field: string): Expression | undefined {
  if (condition === undefined || condition === null) return undefined;
  const rendered = renderDynamoDBFilter(condition);
  if (rendered === null) throw new TypeError(`${helper}: \`${field}\` is not a valid filter object`);
  return rendered.expression === '' ? undefined : compact(rendered);
}

function key(value: unknown, helper: string): Record<string, TypedValue> {
  if (!isRecord(value)) throw new TypeError(`${helper}: \`key\` must be an object, got ${describeValue(value)}`);
  return toMapValues(value);
}

/** `projection: ["id", "nested.object[1]"]` as `{ expression: "#id, #nested.#object[1]", expressionNames }`. */
function projection(paths: unknown, helper: string): Expression | undefined {
  if (paths === undefined || paths === null) return undefined;
  if (!Array.isArray(paths)) throw new TypeError(`${helper}: \`projection\` must be a list of attribute paths`);
  if (paths.length === 0) return undefined;
  const placeholders = new ExpressionPlaceholders();
  const expression = (paths as unknown[]).map((path) => placeholders.path(parseDocumentPath(String(path)))).join(', ');
  return { expression, expressionNames: placeholders.names };
}

function withExpression(target: Request, field: string, expression: Expression | undefined): Request {
  if (expression !== undefined) target[field] = expression;
  return target;
}

const writeOptions = ['customPartitionKey', 'populateIndexFields', '_version'];

/** `get({ key, consistentRead?, projection? })`: a GetItem request. */
export function get(payload: unknown): Request {
  const args = input(payload, 'get');
  const request: Request = { operation: 'GetItem', key: key(args.key, 'get') };
  copyOptional(request, args, ['consistentRead']);
  return withExpression(request, 'projection', projection(args.projection, 'get'));
}

/** `put({ key, item, condition? })`: a PutItem request; the key and item stay separate, as AppSync's request has them. */
export function put(payload: unknown): Request {
  const args = input(payload, 'put');
  const item = args.item ?? {};
  if (!isRecord(item)) throw new TypeError(`put: \`item\` must be an object, got ${describeValue(item)}`);
  const request: Request = { operation: 'PutItem', key: key(args.key, 'put'), attributeValues: toMapValues(item) };
  withExpression(request, 'condition', conditionExpression(args.condition, 'put', 'condition'));
  copyOptional(request, args, writeOptions);
  return request;
}

/** `remove({ key, condition? })`: a DeleteItem request. */
export function remove(payload: unknown): Request {
  const args = input(payload, 'remove');
  const request: Request = { operation: 'DeleteItem', key: key(args.key, 'remove') };
  withExpression(request, 'condition', conditionExpression(args.condition, 'remove', 'condition'));
  copyOptional(request, args, writeOptions);
  return request;
}

/** `update({ key, update, condition? })`: an UpdateItem request (see dynamodb-update-expression). */
export function update(payload: unknown): Request {
  const args = input(payload, 'update');
  const request: Request = {
    operation: 'UpdateItem',
    key: key(args.key, 'update'),
    update: compact(buildUpdateExpression(args.update)),
  };
  withExpression(request, 'condition', conditionExpression(args.condition, 'update', 'condition'));
  copyOptional(request, args, writeOptions);
  return request;
}

const readOptions = ['index', 'nextToken', 'limit', 'consistentRead', 'select'];

/** `query({ query, filter?, index?, limit?, nextToken?, scanIndexForward?, consistentRead?, select?, projection? })`. */
export function query(payload: unknown): Request {
  const args = input(payload, 'query');
  const keyCondition = conditionExpression(args.query, 'query', 'query');
  if (keyCondition === undefined) throw new TypeError('query: `query` must name the partition key, e.g. { id: { eq: value } }');
  const request: Request = { operation: 'Query', query: keyCondition };
  copyOptional(request, args, [...readOptions, 'scanIndexForward']);
  withExpression(request, 'filter', conditionExpression(args.filter, 'query', 'filter'));
  return withExpression(request, 'projection', projection(args.projection, 'query'));
}

/** `scan({ filter?, index?, limit?, nextToken?, consistentRead?, totalSegments?, segment?, select?, projection? })`. */
export function scan(payload: unknown): Request {
  const args = input(payload ?? {}, 'scan');
  const request: Request = { operation: 'Scan' };
  copyOptional(request, args, [...readOptions, 'totalSegments', 'segment']);
  withExpression(request, 'filter', conditionExpression(args.filter, 'scan', 'filter'));
  return withExpression(request, 'projection', projection(args.projection, 'scan'));
}

/** `sync({ limit?, nextToken?, lastSync?, filter?, basePartitionKey?, deltaIndexName? })`: a Sync request. */
export function sync(payload: unknown): Request {
  const args = input(payload ?? {}, 'sync');
  const request: Request = { operation: 'Sync' };
  copyOptional(request, args, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']);
  return withExpression(request, 'filter', conditionExpression(args.filter, 'sync', 'filter'));
}

function tables(payload: unknown, helper: string): [string, unknown][] {
  const args = input(payload, helper);
  if (!isRecord(args.tables)) throw new TypeError(`${helper}: \`tables\` must map table names to their entries`);
  return definedEntries(args.tables);
}

function list(value: unknown, helper: string, table: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${helper}: table ${table} needs a list`);
  return value as unknown[];
}

/** `batchGet({ tables: { name: { keys, consistentRead?, projection? } } })`: a BatchGetItem request. */
export function batchGet(payload: unknown): Request {
  const result: Record<string, Request> = {};
  for (const [table, entry] of tables(payload, 'batchGet')) {
    if (!isRecord(entry)) throw new TypeError(`batchGet: table ${table} needs { keys: [...] }`);
    const tableRequest: Request = { keys: list(entry.keys, 'batchGet', table).map((item) => key(item, 'batchGet')) };
    copyOptional(tableRequest, entry, ['consistentRead']);
    result[table] = withExpression(tableRequest, 'projection', projection(entry.projection, 'batchGet'));
  }
  return { operation: 'BatchGetItem', tables: result };
}

/** `batchPut({ tables: { name: [item, …] } })`: a BatchPutItem request. */
export function batchPut(payload: unknown): Request {
  const result: Record<string, unknown> = {};
  for (const [table, items] of tables(payload, 'batchPut')) {
    result[table] = list(items, 'batchPut', table).map((item) => toMapValues(item));
  }
  return { operation: 'BatchPutItem', tables: result };
}

/** `batchDelete({ tables: { name: [key, …] } })`: a BatchDeleteItem request. */
export function batchDelete(payload: unknown): Request {
  const result: Record<string, unknown> = {};
  for (const [table, keys] of tables(payload, 'batchDelete')) {
    result[table] = list(keys, 'batchDelete', table).map((item) => key(item, 'batchDelete'));
  }
  return { operation: 'BatchDeleteItem', tables: result };
}

function items(payload: unknown, helper: string): Record<string, unknown>[] {
  const args = input(payload, helper);
  if (!Array.isArray(args.items)) throw new TypeError(`${helper}: \`items\` must be a list`);
  return (args.items as unknown[]).map((item) => input(item, helper));
}

function tableName(value: unknown, helper: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${helper}: each item needs a \`table\` name`);
  return value;
}

/** `transactGet({ items: [{ table, key, projection? }] })`: a TransactGetItems request. */
export function transactGet(payload: unknown): Request {
  const transactItems = items(payload, 'transactGet').map((item) => {
    const request: Request = { table: tableName(item.table, 'transactGet'), key: key(item.key, 'transactGet') };
    return withExpression(request, 'projection', projection(item.projection, 'transactGet'));
  });
  return { operation: 'TransactGetItems', transactItems };
}

function transactWriteItem(item: Record<string, unknown>): Request {
  const [kind, detailsValue] = definedEntries(item)[0] ?? [];
  const details = input(detailsValue, `transactWrite ${kind ?? 'item'}`);
  const helper = `transactWrite ${kind ?? ''}`.trim();
  const base: Request = { table: tableName(details.table, helper) };
  switch (kind) {
    case 'putItem': {
      const itemValue = details.item ?? {};
      Object.assign(base, { operation: 'PutItem', key: key(details.key, helper), attributeValues: toMapValues(itemValue) });
      break;
    }
    case 'updateItem':
      Object.assign(base, { operation: 'UpdateItem', key: key(details.key, helper), update: compact(buildUpdateExpression(details.update)) });
      break;
    case 'deleteItem':
      Object.assign(base, { operation: 'DeleteItem', key: key(details.key, helper) });
      break;
    case 'conditionCheck':
      Object.assign(base, { operation: 'ConditionCheck', key: key(details.key, helper) });
      break;
    default:
      throw new TypeError(`transactWrite: each item is one of putItem, updateItem, deleteItem, conditionCheck; got ${String(kind)}`);
  }
  return withExpression(base, 'condition', conditionExpression(details.condition, helper, 'condition'));
}

/** `transactWrite({ items: [{ putItem | updateItem | deleteItem | conditionCheck: {...} }] })`. */
export function transactWrite(payload: unknown): Request {
  return { operation: 'TransactWriteItems', transactItems: items(payload, 'transactWrite').map(transactWriteItem) };
}

/** The namespace resolvers get for `import … from '@aws-appsync/utils/dynamodb'`. */
export function createDynamodbModule(): Record<string, unknown> {
  return {
    get,
    put,
    remove,
    update,
    query,
    scan,
    sync,
    batchGet,
    batchPut,
    batchDelete,
    transactGet,
    transactWrite,
    operations: Object.freeze(createOperations()),
    toStringSet,
    toNumberSet,
    toBinarySet,
  };
}
