/** Subscription.onMediaChanged (NONE) — every change to the caller's media; the filter keeps other owners' events away. */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { callerSub } from './lib/caller';

export function request(ctx: Context) {
  return { payload: { owner: callerSub(ctx) } };
}

export function response(ctx: Context) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ owner: { eq: ctx.result.owner } }));
  return null;
}
