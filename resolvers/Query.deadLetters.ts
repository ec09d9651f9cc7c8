/** Query.deadLetters (LAMBDA dead-letters; admins by schema directive) — undeliverable events. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryDeadLettersArgs } from '../schema/types.generated';
import { pageSize } from './lib/limits';

export function request(ctx: Context<QueryDeadLettersArgs>): LambdaRequest {
  return { operation: 'Invoke', payload: { action: 'list', limit: pageSize(ctx.args.limit), nextToken: ctx.args.nextToken ?? null } };
}

export function response(ctx: Context<QueryDeadLettersArgs>) {
  if (ctx.error) {
    util.error(ctx.error.message, 'DeadLetterError');
  }
  return ctx.result;
}
