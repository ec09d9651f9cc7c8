/** Query.getTag — one of the caller's tags. */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { QueryGetTagArgs } from '../schema/types.generated';
import { tagKey } from '../infra/table';
import { assertCanAccess, raiseDataSourceError } from './lib/caller';

export function request(ctx: Context<QueryGetTagArgs>): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(tagKey(ctx.args.id)) };
}

export function response(ctx: Context<QueryGetTagArgs>) {
  raiseDataSourceError(ctx);
  if (!ctx.result) {
    return null;
  }
  assertCanAccess(ctx, ctx.result.owner);
  return ctx.result;
}
