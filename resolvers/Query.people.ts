/** Query.people — the caller's people, most photographed first. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryPeopleArgs } from '../schema/types.generated';
import { indexes, ownerPeoplePartition } from '../infra/table';
import { callerSub, raiseDataSourceError } from './lib/caller';
import { pageSize } from './lib/limits';

export function request(ctx: Context<QueryPeopleArgs>): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: indexes.byOwner,
    query: { expression: 'gsi1pk = :pk', expressionValues: util.dynamodb.toMapValues({ ':pk': ownerPeoplePartition(callerSub(ctx)) }) },
    limit: pageSize(ctx.args.limit),
  };
  if (ctx.args.nextToken) {
    query.nextToken = ctx.args.nextToken;
  }
  return query;
}

export function response(ctx: Context<QueryPeopleArgs>) {
  raiseDataSourceError(ctx);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken ?? null };
}
