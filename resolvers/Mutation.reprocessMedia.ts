/** Mutation.reprocessMedia (LAMBDA library) — queues ingest again for some or all of the caller's media. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationReprocessMediaArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';

const MAX_IDS = 100;

export function request(ctx: Context<MutationReprocessMediaArgs>): LambdaRequest {
  const ids = ctx.args.mediaIds ?? [];
  if (!ctx.args.all && ids.length === 0) {
    util.error('Give mediaIds, or all: true', 'BadRequest');
  }
  if (ids.length > MAX_IDS) {
    util.error(`At most ${MAX_IDS} ids per call; use all: true for the whole library`, 'BadRequest');
  }
  return { operation: 'Invoke', payload: { action: 'reprocess', owner: callerSub(ctx), mediaIds: ids, all: ctx.args.all === true } };
}

export function response(ctx: Context<MutationReprocessMediaArgs>) {
  if (ctx.error) {
    util.error(ctx.error.message, 'ReprocessError');
  }
  // The library answers refusals as values with their type (BadRequest, NotFound).
  if (ctx.result && ctx.result.error) {
    util.error(ctx.result.error.message, ctx.result.error.errorType);
  }
  return ctx.result;
}
