/**
 * Who is calling, for resolvers: the Cognito user (owner of media and tags) or a worker (IAM).
 * Bundled into each resolver that imports it; APPSYNC_JS-safe (no classes, regex, try, loops).
 */
import { util, type Context } from '@aws-appsync/utils';

type CognitoCaller = { sub: string; groups: string[] | null };

/** The caller's user-pool `sub`; fails the field as Unauthorized for callers without one (IAM). */
export function callerSub(ctx: Context): string {
  const identity = ctx.identity as CognitoCaller | null | undefined;
  if (!identity || !identity.sub) {
    util.unauthorized();
  }
  return (identity as CognitoCaller).sub;
}

/** True when the caller belongs to the admin group (ctx.env.ADMIN_GROUP), who may act on anyone's media. */
export function isAdmin(ctx: Context): boolean {
  const identity = ctx.identity as CognitoCaller | null | undefined;
  const groups = identity && identity.groups ? identity.groups : [];
  return groups.includes(ctx.env.ADMIN_GROUP ?? 'admin');
}

/** True for callers signed with IAM (the platform's workers). */
export function isWorker(): boolean {
  return util.authType() === 'IAM Authorization';
}

/** Fails the field unless the caller owns `owner`'s data or is an admin. */
export function assertCanAccess(ctx: Context, owner: string): void {
  if (owner !== callerSub(ctx) && !isAdmin(ctx)) {
    util.unauthorized();
  }
}

/** Raises a data source error as the field's GraphQL error, keeping DynamoDB's error type. */
export function raiseDataSourceError(ctx: Context): void {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
}
