/**
 * The request objects an APPSYNC_JS resolver may return for a DynamoDB data source, after
 * validation: the shapes of "AWS AppSync JavaScript resolver function reference for DynamoDB"
 * (js-resolver-reference-dynamodb) with typed values already normalised for the SDK and defaults
 * applied. `Sync` (versioned data sources) is not supported locally.
 */
import type { TypedItem } from './dynamodb-typed-values';

/** An expression with its placeholders (`update`, `query`, `filter`, `condition`). */
export interface ExpressionParts {
  readonly expression: string;
  readonly expressionNames?: Readonly<Record<string, string>>;
  readonly expressionValues?: TypedItem;
}

/** Attributes to return (`projection`). */
export interface ProjectionParts {
  readonly expression: string;
  readonly expressionNames?: Readonly<Record<string, string>>;
}

/** `condition` of PutItem / UpdateItem / DeleteItem, with AppSync's failure handling fields. */
export interface WriteCondition extends ExpressionParts {
  /** Attributes ignored when comparing a PutItem's item with the one in the table. */
  readonly equalsIgnore: readonly string[];
  /** Read the current item strongly consistently after a failed check. AppSync's default: true. */
  readonly consistentRead: boolean;
}

/** `condition` of a TransactWriteItems item. */
export interface TransactCondition extends ExpressionParts {
  /** Return the current item in `cancellationReasons[i].item`. AppSync's default: true. */
  readonly returnValuesOnConditionCheckFailure: boolean;
}

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES';

export interface GetItemRequest {
  readonly operation: 'GetItem';
  readonly key: TypedItem;
  readonly consistentRead: boolean;
  readonly projection?: ProjectionParts;
}

export interface PutItemRequest {
  readonly operation: 'PutItem';
  readonly key: TypedItem;
  readonly attributeValues: TypedItem;
  readonly condition?: WriteCondition;
}

export interface UpdateItemRequest {
  readonly operation: 'UpdateItem';
  readonly key: TypedItem;
  readonly update: ExpressionParts;
  readonly condition?: WriteCondition;
}

export interface DeleteItemRequest {
  readonly operation: 'DeleteItem';
  readonly key: TypedItem;
  readonly condition?: WriteCondition;
}

/** Fields Query and Scan share. */
export interface ReadManyRequestFields {
  readonly index?: string;
  readonly nextToken?: string;
  readonly limit?: number;
  readonly consistentRead: boolean;
  readonly select?: Select;
  readonly filter?: ExpressionParts;
  readonly projection?: ProjectionParts;
}

export interface QueryRequest extends ReadManyRequestFields {
  readonly operation: 'Query';
  readonly query: ExpressionParts;
  readonly scanIndexForward: boolean;
}

export interface ScanRequest extends ReadManyRequestFields {
  readonly operation: 'Scan';
  readonly segment?: number;
  readonly totalSegments?: number;
}

export interface BatchGetTable {
  readonly keys: readonly TypedItem[];
  readonly consistentRead: boolean;
  readonly projection?: ProjectionParts;
}

export interface BatchGetItemRequest {
  readonly operation: 'BatchGetItem';
  /** By real table name, in the order the resolver listed them. */
  readonly tables: Readonly<Record<string, BatchGetTable>>;
}

export interface BatchPutItemRequest {
  readonly operation: 'BatchPutItem';
  readonly tables: Readonly<Record<string, readonly TypedItem[]>>;
}

export interface BatchDeleteItemRequest {
  readonly operation: 'BatchDeleteItem';
  readonly tables: Readonly<Record<string, readonly TypedItem[]>>;
}

export interface TransactGetItem {
  readonly table: string;
  readonly key: TypedItem;
  readonly projection?: ProjectionParts;
}

export interface TransactGetItemsRequest {
  readonly operation: 'TransactGetItems';
  readonly transactItems: readonly TransactGetItem[];
}

export type TransactWriteItem =
  | {
      readonly operation: 'PutItem';
      readonly table: string;
      readonly key: TypedItem;
      readonly attributeValues: TypedItem;
      readonly condition?: TransactCondition;
    }
  | {
      readonly operation: 'UpdateItem';
      readonly table: string;
      readonly key: TypedItem;
      readonly update: ExpressionParts;
      readonly condition?: TransactCondition;
    }
  | { readonly operation: 'DeleteItem'; readonly table: string; readonly key: TypedItem; readonly condition?: TransactCondition }
  | { readonly operation: 'ConditionCheck'; readonly table: string; readonly key: TypedItem; readonly condition: TransactCondition };

export interface TransactWriteItemsRequest {
  readonly operation: 'TransactWriteItems';
  readonly transactItems: readonly TransactWriteItem[];
}

/** Every request the local DynamoDB data source performs. */
export type DynamoDbRequest =
  | GetItemRequest
  | PutItemRequest
  | UpdateItemRequest
  | DeleteItemRequest
  | QueryRequest
  | ScanRequest
  | BatchGetItemRequest
  | BatchPutItemRequest
  | BatchDeleteItemRequest
  | TransactGetItemsRequest
  | TransactWriteItemsRequest;
