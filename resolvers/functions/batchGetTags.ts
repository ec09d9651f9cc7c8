/** batchGetTags — the tag items for ctx.stash.assignments (none: no request). */
import { runtime, util, type Context, type DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import { tagKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { tableName } from '../lib/environment';

type Assignment = { tagId: string };

export function request(ctx: Context): DynamoDBBatchGetItemRequest {
  const assignments = (ctx.stash.assignments ?? []) as Assignment[];
  if (assignments.length === 0) {
    runtime.earlyReturn([]);
  }
  return {
    operation: 'BatchGetItem',
    tables: { [tableName(ctx)]: { keys: assignments.map((a) => util.dynamodb.toMapValues(tagKey(a.tagId))) } },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const found = (ctx.result.data[tableName(ctx)] ?? []) as unknown[];
  return found.filter((tag) => tag !== null);
}
