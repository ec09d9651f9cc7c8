/** loadTag — loads ctx.stash.tagId into ctx.stash.tag: NotFound when missing, Unauthorized when another user's. */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { tagKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(tagKey(ctx.stash.tagId)), consistentRead: true };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (!ctx.result) {
    util.error(`Tag ${ctx.stash.tagId} not found`, 'NotFound');
  }
  if (ctx.result.owner !== ctx.stash.owner) {
    util.unauthorized();
  }
  ctx.stash.tag = ctx.result;
  return ctx.result;
}
