/**
 * loadParentTag — loads ctx.stash.parentId (null: the root) into ctx.stash.parent, checking it is the
 * caller's, and, when moving ctx.stash.tag, that the new parent is not inside the moved subtree.
 */
import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { tagKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { MAX_TAG_DEPTH, isWithin, type TagItem } from '../lib/tags';

export function request(ctx: Context): DynamoDBGetItemRequest {
  if (!ctx.stash.parentId) {
    ctx.stash.parent = null;
    runtime.earlyReturn(null);
  }
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(tagKey(ctx.stash.parentId)), consistentRead: true };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const parent = ctx.result as TagItem | null;
  if (!parent || parent.owner !== ctx.stash.owner) {
    util.error(`Parent tag ${ctx.stash.parentId} not found`, 'NotFound');
  }
  const moving = ctx.stash.tag as TagItem | undefined;
  if (moving && isWithin(parent as TagItem, moving)) {
    util.error(`Cannot move tag "${moving.path}" under itself or its descendant "${(parent as TagItem).path}"`, 'BadRequest');
  }
  if ((parent as TagItem).depth + 1 >= MAX_TAG_DEPTH) {
    util.error(`Tags nest at most ${MAX_TAG_DEPTH} levels deep`, 'BadRequest');
  }
  ctx.stash.parent = parent;
  return parent;
}
