/** Face.person — the person a face was matched to, or null. */
import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { personKey } from '../infra/table';
import { raiseDataSourceError } from './lib/caller';

export function request(ctx: Context): DynamoDBGetItemRequest {
  if (!ctx.source.personId) {
    runtime.earlyReturn(null);
  }
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(personKey(ctx.source.personId)) };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result;
}
