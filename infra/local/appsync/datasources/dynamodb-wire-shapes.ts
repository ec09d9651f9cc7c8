/**
 * The request and response bodies of the DynamoDB operations the data source performs, as the
 * DynamoDB API reference defines them (API_GetItem, API_Query, API_TransactWriteItems, …) — only
 * the members the data source uses. They travel as JSON through the wire client: optional members
 * left `undefined` are simply not sent.
 */
import type { TypedItem } from './dynamodb-typed-values';

type Names = Record<string, string>;

/** Placeholders shared by every expression of one request. */
export interface Placeholders {
  ExpressionAttributeNames?: Names;
  ExpressionAttributeValues?: TypedItem;
}

export interface GetItemInput {
  TableName: string;
  Key: TypedItem;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Names;
}

export interface PutItemInput extends Placeholders {
  TableName: string;
  Item: TypedItem;
  ConditionExpression?: string;
}

export interface UpdateItemInput extends Placeholders {
  TableName: string;
  Key: TypedItem;
  UpdateExpression: string;
  ConditionExpression?: string;
  ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
}

export interface DeleteItemInput extends Placeholders {
  TableName: string;
  Key: TypedItem;
  ConditionExpression?: string;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}

/** Query and Scan members. */
interface ReadManyInput extends Placeholders {
  TableName: string;
  IndexName?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  Select?: 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';
  Limit?: number;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: TypedItem;
}

export interface QueryInput extends ReadManyInput {
  KeyConditionExpression: string;
  ScanIndexForward?: boolean;
}

export interface ScanInput extends ReadManyInput {
  Segment?: number;
  TotalSegments?: number;
}

/** BatchGetItem's per-table request (also how UnprocessedKeys come back). */
export interface KeysAndAttributes {
  Keys: TypedItem[];
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Names;
}

export interface BatchGetItemInput {
  RequestItems: Record<string, KeysAndAttributes>;
}

/** One BatchWriteItem request: exactly one of the two. */
export interface WriteRequest {
  PutRequest?: { Item: TypedItem };
  DeleteRequest?: { Key: TypedItem };
}

export interface BatchWriteItemInput {
  RequestItems: Record<string, WriteRequest[]>;
}

export interface TransactGetItemsInput {
  TransactItems: { Get: GetItemInput }[];
}

type ReturnValuesOnConditionCheckFailure = 'ALL_OLD' | 'NONE';

/** One TransactWriteItems action: exactly one member is set. */
export interface TransactWriteAction {
  Put?: PutItemInput & { ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure };
  Update?: Omit<UpdateItemInput, 'ReturnValues'> & { ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure };
  Delete?: Omit<DeleteItemInput, 'ReturnValues'> & { ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure };
  ConditionCheck?: Placeholders & {
    TableName: string;
    Key: TypedItem;
    ConditionExpression: string;
    ReturnValuesOnConditionCheckFailure?: ReturnValuesOnConditionCheckFailure;
  };
}

export interface TransactWriteItemsInput {
  TransactItems: TransactWriteAction[];
}

export interface GetItemOutput {
  Item?: TypedItem;
}

/** UpdateItem / DeleteItem with ReturnValues. */
export interface WriteItemOutput {
  Attributes?: TypedItem;
}

/** Query / Scan. */
export interface PageOutput {
  Items?: TypedItem[];
  Count?: number;
  ScannedCount?: number;
  LastEvaluatedKey?: TypedItem;
}

export interface BatchGetItemOutput {
  Responses?: Record<string, TypedItem[]>;
  UnprocessedKeys?: Record<string, KeysAndAttributes>;
}

export interface BatchWriteItemOutput {
  UnprocessedItems?: Record<string, WriteRequest[]>;
}

export interface TransactGetItemsOutput {
  Responses?: { Item?: TypedItem }[];
}

/** One entry of TransactionCanceledException's CancellationReasons. */
export interface CancellationReason {
  Code?: string;
  Message?: string;
  Item?: TypedItem;
}
