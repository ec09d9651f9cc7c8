/**
 * Mutation.deleteMedia — deletes a media item with its tags, versions and analysis results, and ends
 * the live subscriptions that follow it. Pipeline: authorizeMedia → listMediaItems → forgetMediaFaces (its faces leave their people) → deleteMediaItems.
 */
import { extensions, type Context } from '@aws-appsync/utils';
import type { MutationDeleteMediaArgs } from '../schema/types.generated';

export function request(ctx: Context<MutationDeleteMediaArgs>) {
  ctx.stash.mediaId = ctx.args.id;
  return {};
}

export function response(ctx: Context<MutationDeleteMediaArgs>) {
  // Subscribers following this item get AppSync's unsubscribe message instead of silence.
  extensions.invalidateSubscriptions({ subscriptionField: 'onMediaProgress', payload: { mediaId: ctx.args.id } });
  extensions.invalidateSubscriptions({ subscriptionField: 'onAnalysis', payload: { mediaId: ctx.args.id } });
  return ctx.stash.media;
}
