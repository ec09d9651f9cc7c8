/** loadMediaForWorker — loads ctx.stash.mediaId for a worker (IAM) into ctx.stash.media, or fails NotFound. */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { mediaKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(mediaKey(ctx.stash.mediaId)), consistentRead: true };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (!ctx.result) {
    util.error(`Media ${ctx.stash.mediaId} not found`, 'NotFound');
  }
  ctx.stash.media = ctx.result;
  return ctx.result;
}
