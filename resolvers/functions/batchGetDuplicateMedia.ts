/** batchGetDuplicateMedia — the media items named by ctx.stash.duplicates (none: no request). */
import { runtime, util, type Context, type DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import { mediaKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { tableName } from '../lib/environment';

type Relation = { otherId: string };

export function request(ctx: Context): DynamoDBBatchGetItemRequest {
  const relations = (ctx.stash.duplicates ?? []) as Relation[];
  if (relations.length === 0) {
    runtime.earlyReturn([]);
  }
  return {
    operation: 'BatchGetItem',
    tables: { [tableName(ctx)]: { keys: relations.map((r) => util.dynamodb.toMapValues(mediaKey(r.otherId))) } },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const found = (ctx.result.data[tableName(ctx)] ?? []) as unknown[];
  return found.filter((media) => media !== null);
}
