/** completeUpload (LAMBDA uploads) — CompleteMultipartUpload of the version's parts; bad parts fail with the store's reason. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';

export function request(ctx: Context): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      action: 'completeMultipartUpload',
      owner: ctx.stash.media.owner,
      mediaId: ctx.stash.mediaId,
      version: ctx.stash.version,
      uploadId: ctx.args.uploadId,
      parts: ctx.args.parts,
      // The plan the parts were signed for: completing with fewer parts would store a cut-short file.
      size: ctx.stash.versionItem.size,
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(`Could not complete the upload: ${ctx.error.message}`, 'UploadError');
  }
  return ctx.result;
}
