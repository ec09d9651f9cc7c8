/** Tag.children — a tag's children by name; answered from the source when tagTree preloaded them. */
import { runtime, util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { indexes, tagParentPartition } from '../infra/table';
import { raiseDataSourceError } from './lib/caller';

export function request(ctx: Context): DynamoDBQueryRequest {
  if (Array.isArray(ctx.source.children)) {
    runtime.earlyReturn(ctx.source.children);
  }
  return {
    operation: 'Query',
    index: indexes.byParent,
    query: {
      expression: 'gsi2pk = :pk',
      expressionValues: util.dynamodb.toMapValues({ ':pk': tagParentPartition(ctx.source.owner, ctx.source.id) }),
    },
    limit: 1000,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result.items;
}
