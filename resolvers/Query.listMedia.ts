/** Query.listMedia — the caller's media, newest first, filtered by type, status and creation date. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryListMediaArgs } from '../schema/types.generated';
import { indexes, ownerMediaPartition } from '../infra/table';
import { callerSub, raiseDataSourceError } from './lib/caller';
import { pageSize } from './lib/limits';

export function request(ctx: Context<QueryListMediaArgs>): DynamoDBQueryRequest {
  const { filter, limit, nextToken } = ctx.args;
  const names: Record<string, string> = { '#pk': 'gsi1pk' };
  const values: Record<string, unknown> = { ':pk': ownerMediaPartition(callerSub(ctx)) };
  let keyCondition = '#pk = :pk';
  // Sort keys are `<createdAt as UTC ISO 8601>#<id>`; `~` sorts after `#`, so `<before>~` includes that instant.
  const after = filter?.createdAfter ? toUtc(filter.createdAfter) : null;
  const before = filter?.createdBefore ? `${toUtc(filter.createdBefore)}~` : null;
  if (after || before) {
    names['#sk'] = 'gsi1sk';
  }
  if (after && before) {
    keyCondition = '#pk = :pk AND #sk BETWEEN :after AND :before';
    values[':after'] = after;
    values[':before'] = before;
  } else if (after) {
    keyCondition = '#pk = :pk AND #sk >= :after';
    values[':after'] = after;
  } else if (before) {
    keyCondition = '#pk = :pk AND #sk <= :before';
    values[':before'] = before;
  }
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: indexes.byOwner,
    query: { expression: keyCondition, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    scanIndexForward: false,
    limit: pageSize(limit),
  };
  if (nextToken) {
    query.nextToken = nextToken;
  }
  const conditions: Record<string, unknown> = {};
  if (filter?.mediaType) {
    conditions.mediaType = { eq: filter.mediaType };
  }
  if (filter?.status) {
    conditions.status = { eq: filter.status };
  }
  if (Object.keys(conditions).length > 0) {
    query.filter = JSON.parse(util.transform.toDynamoDBFilterExpression(conditions));
  }
  return query;
}

/** Stored timestamps are UTC (`util.time.nowISO8601()`); compare like with like. */
function toUtc(dateTime: string): string {
  return util.time.epochMilliSecondsToISO8601(util.time.parseISO8601ToEpochMilliSeconds(dateTime));
}

export function response(ctx: Context<QueryListMediaArgs>) {
  raiseDataSourceError(ctx);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken ?? null };
}
