/**
 * Mutation.moveTag — moves a tag and its subtree under another of the caller's tags, or to the root.
 * Pipeline: loadTag → loadParentTag → loadTagSubtree → rewriteTagSubtree.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationMoveTagArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';

export function request(ctx: Context<MutationMoveTagArgs>) {
  ctx.stash.owner = callerSub(ctx);
  ctx.stash.tagId = ctx.args.id;
  ctx.stash.parentId = ctx.args.parentId ?? null;
  ctx.stash.tagChange = 'MOVE';
  return {};
}

export function response(ctx: Context<MutationMoveTagArgs>) {
  return ctx.prev.result;
}
