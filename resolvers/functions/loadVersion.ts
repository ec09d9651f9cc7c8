/** loadVersion — the version ctx.stash.version of ctx.stash.media into ctx.stash.versionItem, or NotFound. */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { versionKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(versionKey(ctx.stash.mediaId, ctx.stash.version)), consistentRead: true };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (!ctx.result) {
    util.error(`Media ${ctx.stash.mediaId} has no version ${ctx.stash.version}`, 'NotFound');
  }
  const wanted = ctx.stash.wantedVersionStatus;
  if (wanted && ctx.result.status !== wanted) {
    util.error(`Version ${ctx.stash.version} is ${ctx.result.status}, expected ${wanted}`, 'BadRequest');
  }
  ctx.stash.versionItem = ctx.result;
  return ctx.result;
}
