/** Subscription.onAnalysis — analyzer results of one item, for its owner (or an admin). Pipeline: authorizeMedia. */
import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnAnalysisArgs } from '../schema/types.generated';

export function request(ctx: Context<SubscriptionOnAnalysisArgs>) {
  ctx.stash.mediaId = ctx.args.mediaId;
  return {};
}

export function response(ctx: Context<SubscriptionOnAnalysisArgs>) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ mediaId: { eq: ctx.args.mediaId } }));
  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ mediaId: { eq: ctx.args.mediaId } }));
  return null;
}
