/** Query.getMedia — one media item, for its owner or an admin. */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { QueryGetMediaArgs } from '../schema/types.generated';
import { mediaKey } from '../infra/table';
import { assertCanAccess, raiseDataSourceError } from './lib/caller';

export function request(ctx: Context<QueryGetMediaArgs>): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(mediaKey(ctx.args.id)) };
}

export function response(ctx: Context<QueryGetMediaArgs>) {
  raiseDataSourceError(ctx);
  const item = ctx.result;
  if (!item) {
    return null;
  }
  assertCanAccess(ctx, item.owner);
  return item;
}
