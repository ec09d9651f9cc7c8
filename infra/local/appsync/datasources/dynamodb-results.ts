/**
 * Pure translation of DynamoDB's answers into what AppSync puts in `ctx.result`, per the JS resolver
 * reference for DynamoDB:
 * - GetItem / PutItem / UpdateItem / DeleteItem: the item as plain JSON, or null.
 * - Query / Scan: `{ items, nextToken, scannedCount }`.
 * - BatchGetItem: `{ data: { table: [item | null, … in key order] }, unprocessedKeys: { table: [keys] } }`
 *   ("If an item was not retrieved from the table, a null element appears in the data block";
 *   "the invocation results are sorted per table, based on the order in which they were provided").
 * - BatchPutItem: `{ data: { table: [item | null] }, unprocessedItems: { table: [items] } }`.
 * - BatchDeleteItem: `{ data: { table: [key | null] }, unprocessedKeys: { table: [keys] } }`.
 * - TransactGetItems: `{ items: [item | null], cancellationReasons: null }`.
 * - TransactWriteItems: `{ keys: [key], cancellationReasons: null }`.
 * Every requested table appears in `data` and in the unprocessed block, even when empty.
 */
import { keyNamesOf } from './dynamodb-commands';
import { projectedTopLevelNames } from './dynamodb-projection';
import type {
  BatchDeleteItemRequest,
  BatchGetItemRequest,
  BatchPutItemRequest,
  TransactWriteItemsRequest,
} from './dynamodb-request-types';
import { canonicalItemText, toPlainItem, type TypedItem } from './dynamodb-typed-values';
import type {
  BatchGetItemOutput,
  BatchWriteItemOutput,
  CancellationReason,
  PageOutput,
  TransactGetItemsOutput,
} from './dynamodb-wire-shapes';

type PlainItem = Record<string, unknown>;

/** @returns the item as plain JSON, or null when DynamoDB returned none */
export function itemResult(item: TypedItem | undefined): PlainItem | null {
  return item ? toPlainItem(item) : null;
}

/** Query and Scan results. `nextToken` is null on the last page. */
export interface PageResult {
  items: PlainItem[];
  nextToken: string | null;
  scannedCount: number;
}

/** @returns `{ items, nextToken, scannedCount }`, sealing LastEvaluatedKey with `seal` */
export function pageResult(
  output: PageOutput,
  seal: (lastEvaluatedKey: TypedItem) => string,
): PageResult {
  return {
    items: (output.Items ?? []).map(toPlainItem),
    nextToken: output.LastEvaluatedKey ? seal(output.LastEvaluatedKey) : null,
    scannedCount: output.ScannedCount ?? 0,
  };
}

/** @returns BatchGetItem's `{ data, unprocessedKeys }` with items back in request order */
export function batchGetItemResult(request: BatchGetItemRequest, output: Pick<BatchGetItemOutput, 'Responses' | 'UnprocessedKeys'>) {
  const data: Record<string, (PlainItem | null)[]> = {};
  const unprocessedKeys: Record<string, PlainItem[]> = {};
  for (const [table, { keys, projection }] of Object.entries(request.tables)) {
    const keyNames = keyNamesOf(keys);
    const found = new Map<string, TypedItem>();
    for (const item of output.Responses?.[table] ?? []) found.set(canonicalItemText(item, keyNames), item);
    const wanted = projection ? projectedTopLevelNames(projection) : undefined;
    data[table] = keys.map((key) => {
      const item = found.get(canonicalItemText(key, keyNames));
      return item ? toPlainItem(wanted ? withoutUnrequestedKeys(item, keyNames, wanted) : item) : null;
    });
    unprocessedKeys[table] = (output.UnprocessedKeys?.[table]?.Keys ?? []).map(toPlainItem);
  }
  return { data, unprocessedKeys };
}

/** @returns BatchPutItem's `{ data, unprocessedItems }`; unprocessed items are null in `data` */
export function batchPutItemResult(request: BatchPutItemRequest, output: Pick<BatchWriteItemOutput, 'UnprocessedItems'>) {
  const data: Record<string, (PlainItem | null)[]> = {};
  const unprocessedItems: Record<string, PlainItem[]> = {};
  for (const [table, items] of Object.entries(request.tables)) {
    const pending = (output.UnprocessedItems?.[table] ?? []).flatMap((write) => (write.PutRequest?.Item ? [write.PutRequest.Item] : []));
    const pendingTexts = new Set(pending.map((item) => canonicalItemText(item)));
    data[table] = items.map((item) => (pendingTexts.has(canonicalItemText(item)) ? null : toPlainItem(item)));
    unprocessedItems[table] = pending.map(toPlainItem);
  }
  return { data, unprocessedItems };
}

/** @returns BatchDeleteItem's `{ data, unprocessedKeys }`; unprocessed keys are null in `data` */
export function batchDeleteItemResult(request: BatchDeleteItemRequest, output: Pick<BatchWriteItemOutput, 'UnprocessedItems'>) {
  const data: Record<string, (PlainItem | null)[]> = {};
  const unprocessedKeys: Record<string, PlainItem[]> = {};
  for (const [table, keys] of Object.entries(request.tables)) {
    const pending = (output.UnprocessedItems?.[table] ?? []).flatMap((write) => (write.DeleteRequest?.Key ? [write.DeleteRequest.Key] : []));
    const pendingTexts = new Set(pending.map((key) => canonicalItemText(key)));
    data[table] = keys.map((key) => (pendingTexts.has(canonicalItemText(key)) ? null : toPlainItem(key)));
    unprocessedKeys[table] = pending.map(toPlainItem);
  }
  return { data, unprocessedKeys };
}

/** @returns TransactGetItems' `{ items, cancellationReasons: null }` in request order */
export function transactGetItemsResult(output: Pick<TransactGetItemsOutput, 'Responses'>) {
  return { items: (output.Responses ?? []).map((response) => itemResult(response.Item)), cancellationReasons: null };
}

/** @returns TransactWriteItems' `{ keys, cancellationReasons: null }`: the keys, in request order */
export function transactWriteItemsResult(request: TransactWriteItemsRequest) {
  return { keys: request.transactItems.map((item) => toPlainItem(item.key)), cancellationReasons: null };
}

/** One entry of AppSync's `cancellationReasons`. */
export interface AppSyncCancellationReason {
  type: string;
  message: string;
  item?: PlainItem;
}

/**
 * `ctx.result` of a cancelled transaction: `{ keys | items: null, cancellationReasons }`, one reason
 * per request item, `{ type: 'None', message: 'None' }` for items that did not cause it, the
 * current item in `item` when DynamoDB returned it (js-aws-appsync-resolver-reference-dynamodb-
 * transact-write-items).
 * @returns the result object for the operation
 */
export function cancelledTransactionResult(
  operation: 'TransactGetItems' | 'TransactWriteItems',
  reasons: readonly CancellationReason[] | undefined,
) {
  const cancellationReasons: AppSyncCancellationReason[] = (reasons ?? []).map((reason) => ({
    type: reason.Code ?? 'None',
    message: reason.Message ?? 'None',
    ...(reason.Item ? { item: toPlainItem(reason.Item) } : {}),
  }));
  return operation === 'TransactGetItems' ? { items: null, cancellationReasons } : { keys: null, cancellationReasons };
}

function withoutUnrequestedKeys(item: TypedItem, keyNames: readonly string[], wanted: Set<string>): TypedItem {
  const copy = { ...item };
  for (const name of keyNames) if (!wanted.has(name)) delete copy[name];
  return copy;
}
