/**
 * Mutation.createUpload — validates an upload, reserves its version (a new media item, or a new
 * version of `mediaId`), and returns presigned URLs for the bytes: one PUT, or a multipart upload.
 * Pipeline: validateUpload → authorizeMediaIfGiven → reserveVersion → presignUpload.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationCreateUploadArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';

export function request(ctx: Context<MutationCreateUploadArgs>) {
  ctx.stash.owner = callerSub(ctx);
  ctx.stash.mediaId = ctx.args.input.mediaId ?? null;
  return {};
}

export function response(ctx: Context<MutationCreateUploadArgs>) {
  const signed = ctx.prev.result;
  return { media: ctx.stash.media, version: ctx.stash.version, put: signed.put, multipart: signed.multipart, expiresAt: signed.expiresAt };
}
