/** presignUpload (LAMBDA uploads) — asks the uploads function to sign the PUT or the multipart part URLs. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';

export function request(ctx: Context): LambdaRequest {
  const upload = ctx.stash.upload;
  return {
    operation: 'Invoke',
    payload: {
      action: 'presignUpload',
      owner: ctx.stash.media.owner,
      mediaId: ctx.stash.media.id,
      version: ctx.stash.version,
      contentType: upload.contentType,
      size: upload.size,
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(`Could not sign the upload: ${ctx.error.message}`, 'UploadError');
  }
  return ctx.result;
}
