/**
 * Subscription.onMediaProgress — runs when a client subscribes: only the item's owner (or an admin)
 * may follow it; the filter then passes only that item's events, and deleting the item ends the
 * subscription. Pipeline: authorizeMedia.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnMediaProgressArgs } from '../schema/types.generated';

export function request(ctx: Context<SubscriptionOnMediaProgressArgs>) {
  ctx.stash.mediaId = ctx.args.mediaId;
  return {};
}

export function response(ctx: Context<SubscriptionOnMediaProgressArgs>) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ id: { eq: ctx.args.mediaId } }));
  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ mediaId: { eq: ctx.args.mediaId } }));
  return null;
}
