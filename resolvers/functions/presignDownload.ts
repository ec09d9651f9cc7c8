/** presignDownload (LAMBDA uploads) — signs a GET for the requested file of the requested (default: shown) version. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';

export function request(ctx: Context): LambdaRequest {
  const media = ctx.stash.media;
  const version = ctx.args.version ?? media.version;
  if (!version) {
    util.error(`Media ${media.id} has no processed version yet`, 'NotFound');
  }
  return {
    operation: 'Invoke',
    payload: { action: 'presignDownload', owner: media.owner, mediaId: media.id, version, file: ctx.args.file ?? 'ORIGINAL', name: media.name },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, 'NotFound');
  }
  return ctx.result;
}
