/** Mutation.mergePeople (LAMBDA people) — joins other people into one; their faces and media follow. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationMergePeopleArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';

export function request(ctx: Context<MutationMergePeopleArgs>): LambdaRequest {
  if (ctx.args.otherIds.length === 0 || ctx.args.otherIds.length > 25) {
    util.error('Merge 1 to 25 people at a time', 'BadRequest');
  }
  if (ctx.args.otherIds.includes(ctx.args.id)) {
    util.error('A person cannot be merged into itself', 'BadRequest');
  }
  return { operation: 'Invoke', payload: { action: 'merge', owner: callerSub(ctx), personId: ctx.args.id, otherIds: ctx.args.otherIds } };
}

export function response(ctx: Context<MutationMergePeopleArgs>) {
  if (ctx.error) {
    util.error(ctx.error.message, 'PeopleError');
  }
  if (ctx.result && ctx.result.error) {
    util.error(ctx.result.error.message, ctx.result.error.errorType);
  }
  return ctx.result;
}
