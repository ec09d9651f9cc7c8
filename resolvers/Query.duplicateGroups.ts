/** Query.duplicateGroups (LAMBDA library) — the caller's duplicates grouped (connected components of the relations). */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryDuplicateGroupsArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';
import { pageSize } from './lib/limits';

export function request(ctx: Context<QueryDuplicateGroupsArgs>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { action: 'duplicateGroups', owner: callerSub(ctx), limit: pageSize(ctx.args.limit), nextToken: ctx.args.nextToken ?? null },
  };
}

export function response(ctx: Context<QueryDuplicateGroupsArgs>) {
  if (ctx.error) {
    util.error(ctx.error.message, 'DuplicatesError');
  }
  // The library answers refusals as values with their type (BadRequest, NotFound).
  if (ctx.result && ctx.result.error) {
    util.error(ctx.result.error.message, ctx.result.error.errorType);
  }
  return ctx.result;
}
