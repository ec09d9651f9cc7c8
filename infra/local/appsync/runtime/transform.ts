import { toDynamoDBFilterExpression } from './dynamodb-filter-expression';
import { toElasticsearchQueryDSL } from './opensearch-query';
import { toSubscriptionFilter } from './subscription-filter';
import type { SubscriptionFilterObject } from './subscription-filter';

/**
 * `util.transform`. The two DynamoDB transforms return a JSON string (resolvers `JSON.parse` it);
 * AppSync renders filters and conditions identically, so both share one renderer.
 * https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
 */
export interface TransformUtils {
  toDynamoDBFilterExpression(filter: unknown): string | null;
  toDynamoDBConditionExpression(condition: unknown): string | null;
  toElasticsearchQueryDSL(filter: unknown): string | null;
  toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilterObject | null;
}

/** Builds the `util.transform` namespace. */
export function createTransformUtils(): TransformUtils {
  return {
    toDynamoDBFilterExpression: (filter) => toDynamoDBFilterExpression(filter),
    toDynamoDBConditionExpression: (condition) => toDynamoDBFilterExpression(condition),
    toElasticsearchQueryDSL: (filter) => toElasticsearchQueryDSL(filter),
    toSubscriptionFilter: (filter, ignoredFields, rules) => toSubscriptionFilter(filter, ignoredFields, rules),
  };
}
