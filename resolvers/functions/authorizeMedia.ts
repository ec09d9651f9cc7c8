/**
 * authorizeMedia — loads the media item named by ctx.stash.mediaId into ctx.stash.media, failing
 * with NotFound when it does not exist and Unauthorized when the caller is neither its owner nor an
 * admin. The first step of every pipeline that acts on one media item.
 */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { mediaKey } from '../../infra/table';
import { assertCanAccess, raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(mediaKey(ctx.stash.mediaId)), consistentRead: true };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (!ctx.result) {
    util.error(`Media ${ctx.stash.mediaId} not found`, 'NotFound');
  }
  assertCanAccess(ctx, ctx.result.owner);
  ctx.stash.media = ctx.result;
  return ctx.result;
}
