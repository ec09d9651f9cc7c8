/**
 * Mutation.createTag — adds a tag to the caller's hierarchy, at the root or under a parent; sibling
 * names are unique (case-insensitively). Pipeline: loadParentTag → putTag.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationCreateTagArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';
import { validTagName } from './lib/tags';

export function request(ctx: Context<MutationCreateTagArgs>) {
  ctx.stash.owner = callerSub(ctx);
  ctx.stash.name = validTagName(ctx.args.input.name);
  ctx.stash.parentId = ctx.args.input.parentId ?? null;
  return {};
}

export function response(ctx: Context<MutationCreateTagArgs>) {
  return ctx.prev.result;
}
