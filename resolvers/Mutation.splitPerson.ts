/** Mutation.splitPerson (LAMBDA people) — moves wrongly matched faces of a person into a new person. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationSplitPersonArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';

export function request(ctx: Context<MutationSplitPersonArgs>): LambdaRequest {
  if (ctx.args.faceIds.length === 0 || ctx.args.faceIds.length > 100) {
    util.error('Split off 1 to 100 faces at a time', 'BadRequest');
  }
  return { operation: 'Invoke', payload: { action: 'split', owner: callerSub(ctx), personId: ctx.args.id, faceIds: ctx.args.faceIds } };
}

export function response(ctx: Context<MutationSplitPersonArgs>) {
  if (ctx.error) {
    util.error(ctx.error.message, 'PeopleError');
  }
  if (ctx.result && ctx.result.error) {
    util.error(ctx.result.error.message, ctx.result.error.errorType);
  }
  return ctx.result;
}
