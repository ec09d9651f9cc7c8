/**
 * Query.searchMedia — the caller's media carrying given tags or any of their descendants, newest first.
 * `allOf` ANDs the terms, `anyOf` ORs them. Pipeline: loadOwnerTagPaths (expands each term to its
 * subtree) → searchOwnerMedia (one filtered query over the caller's library).
 *
 * Pages may hold fewer than `limit` items: DynamoDB applies `limit` before the filter. Follow
 * `nextToken` until it is null.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { QuerySearchMediaArgs } from '../schema/types.generated';
import { callerSub } from './lib/caller';

/** Terms per search; each expands to its subtree inside one DynamoDB filter expression (4 KB max). */
const MAX_TERMS = 10;

export function request(ctx: Context<QuerySearchMediaArgs>) {
  const allOf = ctx.args.tags.allOf ?? [];
  const anyOf = ctx.args.tags.anyOf ?? [];
  if (allOf.length === 0 && anyOf.length === 0) {
    util.error('Give at least one tag in allOf or anyOf', 'BadRequest');
  }
  if (allOf.length + anyOf.length > MAX_TERMS) {
    util.error(`At most ${MAX_TERMS} tags per search`, 'BadRequest');
  }
  ctx.stash.owner = callerSub(ctx);
  ctx.stash.allOf = allOf;
  ctx.stash.anyOf = anyOf;
  return {};
}

export function response(ctx: Context<QuerySearchMediaArgs>) {
  return ctx.prev.result;
}
