/**
 * Mutation.completeMultipartUpload — joins the uploaded parts; the object store then announces the
 * object and ingest starts. Pipeline: authorizeMedia → loadVersion → completeUpload → markUploaded.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCompleteMultipartUploadArgs } from '../schema/types.generated';

export function request(ctx: Context<MutationCompleteMultipartUploadArgs>) {
  if (ctx.args.parts.length === 0 || ctx.args.parts.length > 10000) {
    util.error('Give between 1 and 10,000 parts', 'BadRequest');
  }
  ctx.stash.mediaId = ctx.args.mediaId;
  ctx.stash.version = ctx.args.version;
  ctx.stash.wantedVersionStatus = 'PENDING_UPLOAD';
  return {};
}

export function response(ctx: Context<MutationCompleteMultipartUploadArgs>) {
  return ctx.prev.result;
}
