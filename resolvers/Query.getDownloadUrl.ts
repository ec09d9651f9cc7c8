/** Query.getDownloadUrl — a short-lived URL for an original or a preview. Pipeline: authorizeMedia → presignDownload. */
import type { Context } from '@aws-appsync/utils';
import type { QueryGetDownloadUrlArgs } from '../schema/types.generated';

export function request(ctx: Context<QueryGetDownloadUrlArgs>) {
  ctx.stash.mediaId = ctx.args.mediaId;
  return {};
}

export function response(ctx: Context<QueryGetDownloadUrlArgs>) {
  return ctx.prev.result;
}
