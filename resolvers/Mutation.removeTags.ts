/**
 * Mutation.removeTags — takes tags off a media item; ids not on it are ignored.
 * Pipeline: authorizeMedia → listMediaTagAssignments → writeTagAssignments.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationRemoveTagsArgs } from '../schema/types.generated';
import { distinctTagIds } from './lib/tag-arguments';

export function request(ctx: Context<MutationRemoveTagsArgs>) {
  ctx.stash.mediaId = ctx.args.mediaId;
  ctx.stash.tagIds = distinctTagIds(ctx.args.tagIds);
  ctx.stash.tagChange = 'REMOVE';
  return {};
}

export function response(ctx: Context<MutationRemoveTagsArgs>) {
  return ctx.prev.result;
}
