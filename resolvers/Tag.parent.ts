/** Tag.parent — the parent tag, or null at the root. */
import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { tagKey } from '../infra/table';
import { raiseDataSourceError } from './lib/caller';

export function request(ctx: Context): DynamoDBGetItemRequest {
  if (!ctx.source.parentId) {
    runtime.earlyReturn(null);
  }
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(tagKey(ctx.source.parentId)) };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result;
}
