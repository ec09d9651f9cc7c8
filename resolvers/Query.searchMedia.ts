/**
 * Query.searchMedia — the caller's media carrying given tags or any of their descendants (and showing a
 * person, when given), newest first.
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
  const tags = ctx.args.tags ?? {};
  const allOf = tags.allOf ?? [];
  const anyOf = tags.anyOf ?? [];
  if (allOf.length === 0 && anyOf.length === 0 && !ctx.args.personId) {
    util.error('Give at least one tag in allOf or anyOf, or a personId', 'BadRequest');
  }
  if (allOf.length + anyOf.length > MAX_TERMS) {
    util.error(`At most ${MAX_TERMS} tags per search`, 'BadRequest');
  }
  ctx.stash.owner = callerSub(ctx);
  ctx.stash.allOf = allOf;
  ctx.stash.anyOf = anyOf;
  ctx.stash.personId = ctx.args.personId ?? null;
  return {};
}

export function response(ctx: Context<QuerySearchMediaArgs>) {
  return ctx.prev.result;
}
