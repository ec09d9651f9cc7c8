/**
 * Mutation.addTags — puts the caller's tags on a media item (USER source, confidence 1); tags already
 * there are left as they are. Pipeline: authorizeMedia → loadOwnedTags → listMediaTagAssignments →
 * writeTagAssignments.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationAddTagsArgs } from '../schema/types.generated';
import { distinctTagIds } from './lib/tag-arguments';

export function request(ctx: Context<MutationAddTagsArgs>) {
  ctx.stash.mediaId = ctx.args.mediaId;
  ctx.stash.tagIds = distinctTagIds(ctx.args.tagIds);
  ctx.stash.tagChange = 'ADD';
  return {};
}

export function response(ctx: Context<MutationAddTagsArgs>) {
  return ctx.prev.result;
}
