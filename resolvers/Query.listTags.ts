/** Query.listTags — the caller's tags in path order, optionally only the subtree at path `pathPrefix`. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryListTagsArgs } from '../schema/types.generated';
import { indexes, ownerTagPartition, tagPathSort } from '../infra/table';
import { callerSub, raiseDataSourceError } from './lib/caller';
import { pageSize } from './lib/limits';

export function request(ctx: Context<QueryListTagsArgs>): DynamoDBQueryRequest {
  // A path names one subtree: `Animal/Mammal` is that tag and its descendants, not `Animal/Mammals`.
  const prefix = ctx.args.pathPrefix ? tagPathSort(ctx.args.pathPrefix) : null;
  const values: Record<string, unknown> = { ':pk': ownerTagPartition(callerSub(ctx)) };
  if (prefix) {
    values[':prefix'] = prefix;
  }
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: indexes.byOwner,
    query: {
      expression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
      expressionValues: util.dynamodb.toMapValues(values),
    },
    limit: pageSize(ctx.args.limit),
  };
  if (ctx.args.nextToken) {
    query.nextToken = ctx.args.nextToken;
  }
  return query;
}

export function response(ctx: Context<QueryListTagsArgs>) {
  raiseDataSourceError(ctx);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken ?? null };
}
