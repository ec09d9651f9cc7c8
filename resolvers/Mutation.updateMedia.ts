/** Mutation.updateMedia — renames a media item or replaces its metadata. Pipeline: authorizeMedia → updateMediaFields. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateMediaArgs } from '../schema/types.generated';
import { assertValidName } from './lib/media';

export function request(ctx: Context<MutationUpdateMediaArgs>) {
  const { input } = ctx.args;
  if (input.name === undefined && input.metadata === undefined) {
    util.error('Nothing to update: give a name or metadata', 'BadRequest');
  }
  if (input.name !== undefined && input.name !== null) {
    assertValidName(input.name);
  }
  if (input.name === null) {
    util.error('name cannot be null', 'BadRequest');
  }
  ctx.stash.mediaId = input.id;
  return {};
}

export function response(ctx: Context<MutationUpdateMediaArgs>) {
  return ctx.prev.result;
}
