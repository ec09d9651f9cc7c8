/** authorizeMediaIfGiven — authorizeMedia when ctx.stash.mediaId is set (a new version); nothing otherwise. */
import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { mediaKey } from '../../infra/table';
import { assertCanAccess, raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBGetItemRequest {
  if (!ctx.stash.mediaId) {
    runtime.earlyReturn(null);
  }
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(mediaKey(ctx.stash.mediaId)), consistentRead: true };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (!ctx.result) {
    util.error(`Media ${ctx.stash.mediaId} not found`, 'NotFound');
  }
  assertCanAccess(ctx, ctx.result.owner);
  if (ctx.result.mediaType !== ctx.stash.upload.mediaType) {
    util.error(`A new version of ${ctx.result.mediaType} media must be ${ctx.result.mediaType} too, not ${ctx.stash.upload.mediaType}`, 'BadRequest');
  }
  ctx.stash.media = ctx.result;
  return ctx.result;
}
