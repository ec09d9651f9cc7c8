/**
 * Performs one validated DynamoDB request over DynamoDB's wire API and turns the answer into
 * AppSync's `ctx.result` / `ctx.error`. Never throws for DynamoDB errors: they come back as
 * `error` (with `result` too where AppSync sets both: a cancelled transaction, a rejected
 * condition check).
 */
import { DynamoDbServiceError, type DynamoDbWireClient } from '../../dynamodb/wire-client';
import type { DataSourceError } from '../types';
import {
  batchGetItemInput,
  batchWriteItemInput,
  deleteItemInput,
  getItemInput,
  itemToPut,
  putItemInput,
  queryInput,
  scanInput,
  transactGetItemsInput,
  transactWriteItemsInput,
  updateItemInput,
} from './dynamodb-commands';
import { handleConditionFailure, type ConditionalWrite } from './dynamodb-condition-check';
import { INVALID_PAGINATION_TOKEN, isConditionalCheckFailed, toDataSourceError } from './dynamodb-errors';
import { openPaginationToken, paginationScope, sealPaginationToken } from './dynamodb-pagination-token';
import type {
  DeleteItemRequest,
  DynamoDbRequest,
  PutItemRequest,
  QueryRequest,
  ScanRequest,
  UpdateItemRequest,
} from './dynamodb-request-types';
import {
  batchDeleteItemResult,
  batchGetItemResult,
  batchPutItemResult,
  cancelledTransactionResult,
  itemResult,
  pageResult,
  transactGetItemsResult,
  transactWriteItemsResult,
} from './dynamodb-results';
import type { TypedItem } from './dynamodb-typed-values';
import type {
  BatchGetItemOutput,
  BatchWriteItemOutput,
  CancellationReason,
  GetItemOutput,
  PageOutput,
  TransactGetItemsOutput,
  WriteItemOutput,
} from './dynamodb-wire-shapes';

/**
 * `ctx.result` and/or `ctx.error`. Unlike a plain success or failure, AppSync fills both for a
 * cancelled transaction (`ctx.result.cancellationReasons`) and a rejected condition check.
 */
export type DynamoDbOutcome = { result: unknown; error?: undefined } | { result?: unknown; error: DataSourceError };

export interface OperationContext {
  readonly client: DynamoDbWireClient;
  /** The data source's table (single-item operations, Query, Scan). */
  readonly tableName: string;
  readonly tokenSecret: Uint8Array;
}

/**
 * Runs the request.
 * @returns AppSync's outcome for it
 */
export async function performDynamoDbRequest(request: DynamoDbRequest, context: OperationContext): Promise<DynamoDbOutcome> {
  try {
    return await perform(request, context);
  } catch (error) {
    return { error: toDataSourceError(error) };
  }
}

async function perform(request: DynamoDbRequest, context: OperationContext): Promise<DynamoDbOutcome> {
  const { client, tableName } = context;
  switch (request.operation) {
    case 'GetItem': {
      const output = await client.call<GetItemOutput>('GetItem', getItemInput(request, tableName));
      return { result: itemResult(output.Item) };
    }
    case 'PutItem':
      return conditionalWrite(request, context, async () => {
        await client.call('PutItem', putItemInput(request, tableName));
        return itemToPut(request);
      });
    case 'UpdateItem':
      return conditionalWrite(request, context, async () => {
        return (await client.call<WriteItemOutput>('UpdateItem', updateItemInput(request, tableName))).Attributes;
      });
    case 'DeleteItem':
      return conditionalWrite(request, context, async () => {
        return (await client.call<WriteItemOutput>('DeleteItem', deleteItemInput(request, tableName))).Attributes;
      });
    case 'Query':
    case 'Scan':
      return readPage(request, context);
    case 'BatchGetItem': {
      const output = await client.call<BatchGetItemOutput>('BatchGetItem', batchGetItemInput(request));
      return { result: batchGetItemResult(request, output) };
    }
    case 'BatchPutItem': {
      const output = await client.call<BatchWriteItemOutput>('BatchWriteItem', batchWriteItemInput(request));
      return { result: batchPutItemResult(request, output) };
    }
    case 'BatchDeleteItem': {
      const output = await client.call<BatchWriteItemOutput>('BatchWriteItem', batchWriteItemInput(request));
      return { result: batchDeleteItemResult(request, output) };
    }
    case 'TransactGetItems':
      return transaction(request.operation, async () => {
        const output = await client.call<TransactGetItemsOutput>('TransactGetItems', transactGetItemsInput(request));
        return transactGetItemsResult(output);
      });
    case 'TransactWriteItems':
      return transaction(request.operation, async () => {
        await client.call('TransactWriteItems', transactWriteItemsInput(request));
        return transactWriteItemsResult(request);
      });
  }
}

/** A single-item write; a failed condition goes through AppSync's comparison and strategy. */
async function conditionalWrite(
  request: PutItemRequest | UpdateItemRequest | DeleteItemRequest,
  context: OperationContext,
  write: () => Promise<TypedItem | undefined>,
): Promise<DynamoDbOutcome> {
  try {
    return { result: itemResult(await write()) };
  } catch (error) {
    if (!request.condition || !isConditionalCheckFailed(error)) throw error;
    return handleConditionFailure(context.client, context.tableName, request as ConditionalWrite, error);
  }
}

/** A transaction; its cancellation sets both `ctx.error` and `ctx.result.cancellationReasons`. */
async function transaction(
  operation: 'TransactGetItems' | 'TransactWriteItems',
  run: () => Promise<unknown>,
): Promise<DynamoDbOutcome> {
  try {
    return { result: await run() };
  } catch (error) {
    if (!(error instanceof DynamoDbServiceError) || error.name !== 'TransactionCanceledException') throw error;
    // DynamoDB's JSON reasons: typed items with binary as base64, which the conversion accepts.
    const reasons = error.CancellationReasons as readonly CancellationReason[] | undefined;
    return { error: toDataSourceError(error), result: cancelledTransactionResult(operation, reasons) };
  }
}

/** Query or Scan, continuing from a sealed nextToken and sealing the next one. */
async function readPage(request: QueryRequest | ScanRequest, context: OperationContext): Promise<DynamoDbOutcome> {
  const { client, tableName, tokenSecret } = context;
  const scope = paginationScope(listingIdentity(request, tableName));
  let exclusiveStartKey: TypedItem | undefined;
  if (request.nextToken !== undefined) {
    exclusiveStartKey = openPaginationToken(request.nextToken, scope, tokenSecret);
    if (!exclusiveStartKey) return { error: { ...INVALID_PAGINATION_TOKEN } };
  }
  const output =
    request.operation === 'Query'
      ? await client.call<PageOutput>('Query', queryInput(request, tableName, exclusiveStartKey))
      : await client.call<PageOutput>('Scan', scanInput(request, tableName, exclusiveStartKey));
  return { result: pageResult(output, (key) => sealPaginationToken(key, scope, tokenSecret)) };
}

/** What a nextToken is bound to: the same listing (table, index, key condition, direction, segment). */
function listingIdentity(request: QueryRequest | ScanRequest, tableName: string): unknown {
  return request.operation === 'Query'
    ? { operation: 'Query', tableName, index: request.index, query: request.query, forward: request.scanIndexForward }
    : { operation: 'Scan', tableName, index: request.index, segment: request.segment, totalSegments: request.totalSegments };
}
