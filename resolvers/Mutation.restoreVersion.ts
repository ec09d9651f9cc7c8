/** Mutation.restoreVersion — shows an earlier processed version again. Pipeline: authorizeMedia → loadVersion → applyVersion. */
import type { Context } from '@aws-appsync/utils';
import type { MutationRestoreVersionArgs } from '../schema/types.generated';

export function request(ctx: Context<MutationRestoreVersionArgs>) {
  ctx.stash.mediaId = ctx.args.mediaId;
  ctx.stash.version = ctx.args.version;
  ctx.stash.wantedVersionStatus = 'READY';
  return {};
}

export function response(ctx: Context<MutationRestoreVersionArgs>) {
  return ctx.prev.result;
}
