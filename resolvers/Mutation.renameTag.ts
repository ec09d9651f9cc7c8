/** Mutation.renameTag — renames a tag; the paths of its subtree follow. Pipeline: loadTag → loadTagSubtree → rewriteTagSubtree. */
import type { Context } from '@aws-appsync/utils';
import type { MutationRenameTagArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';
import { validTagName } from './lib/tags';

export function request(ctx: Context<MutationRenameTagArgs>) {
  ctx.stash.owner = callerSub(ctx);
  ctx.stash.tagId = ctx.args.id;
  ctx.stash.name = validTagName(ctx.args.name);
  ctx.stash.tagChange = 'RENAME';
  return {};
}

export function response(ctx: Context<MutationRenameTagArgs>) {
  return ctx.prev.result;
}
