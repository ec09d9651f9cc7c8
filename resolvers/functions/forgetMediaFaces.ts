/**
 * forgetMediaFaces (Mutation.deleteMedia, LAMBDA people) — before the media item's stored items are
 * deleted, asks the people function to take its faces out of their people: face and media counts,
 * sample and centroid follow, a person left without faces is deleted, and on AWS the faces leave the
 * owner's Rekognition collection. The owner is the item's (an admin may delete anyone's media). A
 * failure stops the pipeline here, so deleteMediaItems never runs and nothing is deleted.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';

export function request(ctx: Context): LambdaRequest {
  return { operation: 'Invoke', payload: { action: 'forget', owner: ctx.stash.media.owner, mediaId: ctx.stash.media.id } };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(`Could not remove the faces of media ${ctx.stash.media.id} from its people: ${ctx.error.message}`, 'PeopleError');
  }
  if (ctx.result && ctx.result.error) {
    util.error(ctx.result.error.message, ctx.result.error.errorType);
  }
  return ctx.result;
}
