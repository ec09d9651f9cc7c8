/** Query.listTags — the caller's tags in path order, optionally only those whose path starts with `pathPrefix`. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryListTagsArgs } from '../schema/types.generated';
import { indexes, ownerTagPartition } from '../infra/table';
import { callerSub, raiseDataSourceError } from './lib/caller';
import { pageSize } from './lib/limits';

export function request(ctx: Context<QueryListTagsArgs>): DynamoDBQueryRequest {
  const prefix = ctx.args.pathPrefix ? ctx.args.pathPrefix.toLowerCase() : null;
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
