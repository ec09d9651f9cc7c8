/**
 * validateUpload (NONE) — checks an upload's name, declared content type and size against the
 * allow-list and the size limit (ctx.env.MAX_UPLOAD_BYTES, default 5 GB) before anything is stored.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateUploadArgs } from '../../schema/types.generated';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../functions/core/media-types';
import { acceptedMediaType, assertValidName } from '../lib/media';

export function request(ctx: Context<MutationCreateUploadArgs>) {
  const { input } = ctx.args;
  assertValidName(input.name);
  const mediaType = acceptedMediaType(input.contentType);
  const limit = ctx.env.MAX_UPLOAD_BYTES ? Number(ctx.env.MAX_UPLOAD_BYTES) : DEFAULT_MAX_UPLOAD_BYTES;
  if (!(input.size >= 0) || Math.floor(input.size) !== input.size) {
    util.error('size must be a whole number of bytes', 'BadRequest');
  }
  if (input.size > limit) {
    util.error(`File too large: ${input.size} bytes, the limit is ${limit}`, 'PayloadTooLarge');
  }
  return { payload: { name: input.name, contentType: input.contentType, size: input.size, mediaType } };
}

export function response(ctx: Context) {
  ctx.stash.upload = ctx.result;
  return ctx.result;
}
