/**
 * loadOwnedTags — fetches ctx.stash.tagIds and checks each exists and belongs to the media item's
 * owner (tags are per user), failing with NotFound otherwise. Leaves them in ctx.stash.tags.
 */
import { util, type Context, type DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import { tagKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { tableName } from '../lib/environment';

export function request(ctx: Context): DynamoDBBatchGetItemRequest {
  const ids = ctx.stash.tagIds as string[];
  return {
    operation: 'BatchGetItem',
    tables: {
      [tableName(ctx)]: { keys: ids.map((id) => util.dynamodb.toMapValues(tagKey(id))), consistentRead: true },
    },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const found = (ctx.result.data[tableName(ctx)] ?? []) as ({ id: string; owner: string } | null)[];
  const owner = ctx.stash.media.owner;
  const ids = ctx.stash.tagIds as string[];
  const missing = ids.filter((id) => !found.find((tag) => tag && tag.id === id && tag.owner === owner));
  if (missing.length > 0) {
    util.error(`Tag not found: ${missing.join(', ')}`, 'NotFound');
  }
  ctx.stash.tags = found;
  return found;
}
