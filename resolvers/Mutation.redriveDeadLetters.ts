/** Mutation.redriveDeadLetters (LAMBDA dead-letters; admins) — delivers dead-lettered events again. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationRedriveDeadLettersArgs } from '../schema/types.generated';

export function request(ctx: Context<MutationRedriveDeadLettersArgs>): LambdaRequest {
  const ids = ctx.args.ids ?? [];
  if (!ctx.args.all && ids.length === 0) {
    util.error('Give ids, or all: true', 'BadRequest');
  }
  return { operation: 'Invoke', payload: { action: 'redrive', ids, all: ctx.args.all === true } };
}

export function response(ctx: Context<MutationRedriveDeadLettersArgs>) {
  if (ctx.error) {
    util.error(ctx.error.message, 'DeadLetterError');
  }
  return ctx.result;
}
