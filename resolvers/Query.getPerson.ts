/** Query.getPerson — one of the caller's people. */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { QueryGetPersonArgs } from '../schema/types.generated';
import { personKey } from '../infra/table';
import { assertCanAccess, raiseDataSourceError } from './lib/caller';

export function request(ctx: Context<QueryGetPersonArgs>): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(personKey(ctx.args.id)) };
}

export function response(ctx: Context<QueryGetPersonArgs>) {
  raiseDataSourceError(ctx);
  if (!ctx.result) {
    return null;
  }
  assertCanAccess(ctx, ctx.result.owner);
  return ctx.result;
}
