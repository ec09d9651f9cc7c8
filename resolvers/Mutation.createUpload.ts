/**
 * Mutation.createUpload — validates an upload, registers its media item and says where to send the
 * bytes. Pipeline: validateUpload → putMedia.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationCreateUploadArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';

export function request(ctx: Context<MutationCreateUploadArgs>) {
  ctx.stash.owner = callerSub(ctx);
  return {};
}

export function response(ctx: Context<MutationCreateUploadArgs>) {
  return { media: ctx.prev.result, uploadUrl: null, expiresAt: null };
}
