/**
 * Pure translation of validated AppSync DynamoDB requests into DynamoDB API request bodies.
 * Placeholders from several expressions (update + condition, query + filter + projection) share
 * one ExpressionAttributeNames / ExpressionAttributeValues map, as DynamoDB requires; empty maps
 * are left out because DynamoDB rejects them.
 */
import { MappingTemplateError } from './dynamodb-errors';
import { projectionWithKeys } from './dynamodb-projection';
import type {
  BatchDeleteItemRequest,
  BatchGetItemRequest,
  BatchPutItemRequest,
  DeleteItemRequest,
  ExpressionParts,
  GetItemRequest,
  ProjectionParts,
  PutItemRequest,
  QueryRequest,
  ScanRequest,
  TransactGetItemsRequest,
  TransactWriteItem,
  TransactWriteItemsRequest,
  UpdateItemRequest,
} from './dynamodb-request-types';
import type { TypedItem } from './dynamodb-typed-values';
import type {
  BatchGetItemInput,
  BatchWriteItemInput,
  DeleteItemInput,
  GetItemInput,
  Placeholders,
  PutItemInput,
  QueryInput,
  ScanInput,
  TransactGetItemsInput,
  TransactWriteAction,
  TransactWriteItemsInput,
  UpdateItemInput,
} from './dynamodb-wire-shapes';

/** Merges the placeholders of several expressions; omits empty maps. */
export function placeholders(...parts: ReadonlyArray<ExpressionParts | ProjectionParts | undefined>): Placeholders {
  const names: Record<string, string> = {};
  const values: TypedItem = {};
  for (const part of parts) {
    Object.assign(names, part?.expressionNames);
    if (part && 'expressionValues' in part) {
      for (const [placeholder, value] of Object.entries(part.expressionValues ?? {})) {
        // AppSync merges the request's expressions into one call and refuses a value declared twice
        // (github.com/aws/aws-appsync-community/issues/162), rather than keep one silently.
        if (placeholder in values) {
          throw new MappingTemplateError(`Expression value ${placeholder} is declared more than once across the request's expressions.`);
        }
        values[placeholder] = value;
      }
    }
  }
  return {
    ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
    ExpressionAttributeValues: Object.keys(values).length > 0 ? values : undefined,
  };
}

/** The item a PutItem writes: its attributes with the key laid over them. */
export function itemToPut(request: { key: TypedItem; attributeValues: TypedItem }): TypedItem {
  return { ...request.attributeValues, ...request.key };
}

/** @returns GetItem input for the data source's table */
export function getItemInput(request: GetItemRequest, tableName: string): GetItemInput {
  return {
    TableName: tableName,
    Key: request.key,
    ConsistentRead: request.consistentRead,
    ProjectionExpression: request.projection?.expression,
    ExpressionAttributeNames: placeholders(request.projection).ExpressionAttributeNames,
  };
}

/** @returns PutItem input (the written item is returned from the request, see dynamodb-results) */
export function putItemInput(request: PutItemRequest, tableName: string): PutItemInput {
  return {
    TableName: tableName,
    Item: itemToPut(request),
    ConditionExpression: request.condition?.expression,
    ...placeholders(request.condition),
  };
}

/** @returns UpdateItem input asking for the new image (`ctx.result` is the updated item) */
export function updateItemInput(request: UpdateItemRequest, tableName: string): UpdateItemInput {
  return {
    TableName: tableName,
    Key: request.key,
    UpdateExpression: request.update.expression,
    ConditionExpression: request.condition?.expression,
    ReturnValues: 'ALL_NEW',
    ...placeholders(request.update, request.condition),
  };
}

/** @returns DeleteItem input asking for the old image (`ctx.result` is the deleted item) */
export function deleteItemInput(request: DeleteItemRequest, tableName: string): DeleteItemInput {
  return {
    TableName: tableName,
    Key: request.key,
    ConditionExpression: request.condition?.expression,
    ReturnValues: 'ALL_OLD',
    ...placeholders(request.condition),
  };
}

/** @returns Query input continuing after `exclusiveStartKey` (from the opened nextToken) */
export function queryInput(request: QueryRequest, tableName: string, exclusiveStartKey?: TypedItem): QueryInput {
  return {
    TableName: tableName,
    IndexName: request.index,
    KeyConditionExpression: request.query.expression,
    FilterExpression: request.filter?.expression,
    ProjectionExpression: request.projection?.expression,
    Select: request.select,
    Limit: request.limit,
    ScanIndexForward: request.scanIndexForward,
    ConsistentRead: request.consistentRead,
    ExclusiveStartKey: exclusiveStartKey,
    ...placeholders(request.query, request.filter, request.projection),
  };
}

/** @returns Scan input continuing after `exclusiveStartKey` */
export function scanInput(request: ScanRequest, tableName: string, exclusiveStartKey?: TypedItem): ScanInput {
  return {
    TableName: tableName,
    IndexName: request.index,
    FilterExpression: request.filter?.expression,
    ProjectionExpression: request.projection?.expression,
    Select: request.select,
    Limit: request.limit,
    ConsistentRead: request.consistentRead,
    Segment: request.segment,
    TotalSegments: request.totalSegments,
    ExclusiveStartKey: exclusiveStartKey,
    ...placeholders(request.filter, request.projection),
  };
}

/**
 * BatchGetItem input. A projection gets the key attributes added, because DynamoDB returns batch
 * items in any order and they are matched back to the requested keys by key.
 * @returns the BatchGetItem request body
 */
export function batchGetItemInput(request: BatchGetItemRequest): BatchGetItemInput {
  const requestItems: NonNullable<BatchGetItemInput['RequestItems']> = {};
  for (const [table, { keys, consistentRead, projection }] of Object.entries(request.tables)) {
    const projected = projection ? projectionWithKeys(projection, keyNamesOf(keys)) : undefined;
    requestItems[table] = {
      Keys: [...keys],
      ConsistentRead: consistentRead,
      ProjectionExpression: projected?.expression,
      ExpressionAttributeNames: placeholders(projected).ExpressionAttributeNames,
    };
  }
  return { RequestItems: requestItems };
}

/** @returns BatchWriteItem input of PutRequests or DeleteRequests, table by table */
export function batchWriteItemInput(request: BatchPutItemRequest | BatchDeleteItemRequest): BatchWriteItemInput {
  const requestItems: NonNullable<BatchWriteItemInput['RequestItems']> = {};
  for (const [table, items] of Object.entries(request.tables)) {
    requestItems[table] = items.map((item) =>
      request.operation === 'BatchPutItem' ? { PutRequest: { Item: item } } : { DeleteRequest: { Key: item } },
    );
  }
  return { RequestItems: requestItems };
}

/** @returns TransactGetItems input, one Get per request item, in order */
export function transactGetItemsInput(request: TransactGetItemsRequest): TransactGetItemsInput {
  return {
    TransactItems: request.transactItems.map((item) => ({
      Get: {
        TableName: item.table,
        Key: item.key,
        ProjectionExpression: item.projection?.expression,
        ExpressionAttributeNames: placeholders(item.projection).ExpressionAttributeNames,
      },
    })),
  };
}

/** @returns TransactWriteItems input, one action per request item, in order */
export function transactWriteItemsInput(request: TransactWriteItemsRequest): TransactWriteItemsInput {
  return { TransactItems: request.transactItems.map(transactWriteAction) };
}

function transactWriteAction(item: TransactWriteItem): TransactWriteAction {
  const condition = item.condition;
  const conditionFields = {
    ConditionExpression: condition?.expression,
    // AppSync returns the current item in cancellationReasons unless told not to (default true).
    ReturnValuesOnConditionCheckFailure:
      condition && condition.returnValuesOnConditionCheckFailure ? ('ALL_OLD' as const) : undefined,
  };
  switch (item.operation) {
    case 'PutItem':
      return { Put: { TableName: item.table, Item: itemToPut(item), ...conditionFields, ...placeholders(condition) } };
    case 'UpdateItem':
      return {
        Update: {
          TableName: item.table,
          Key: item.key,
          UpdateExpression: item.update.expression,
          ...conditionFields,
          ...placeholders(item.update, condition),
        },
      };
    case 'DeleteItem':
      return { Delete: { TableName: item.table, Key: item.key, ...conditionFields, ...placeholders(condition) } };
    case 'ConditionCheck':
      return {
        ConditionCheck: {
          TableName: item.table,
          Key: item.key,
          ConditionExpression: item.condition.expression,
          ReturnValuesOnConditionCheckFailure: conditionFields.ReturnValuesOnConditionCheckFailure,
          ...placeholders(item.condition),
        },
      };
  }
}

/** The attribute names used by a list of keys (normally the table's partition and sort key). */
export function keyNamesOf(keys: readonly TypedItem[]): string[] {
  return [...new Set(keys.flatMap((key) => Object.keys(key)))].sort();
}
