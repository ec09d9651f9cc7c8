/**
 * rewriteTagSubtree — gives ctx.stash.tag a new parent (moveTag) or name (renameTag) and rewrites the
 * materialised path of every tag in its subtree, in one transaction. Each descendant's write is
 * conditioned on its old path, so a concurrent change fails the whole move rather than half of it.
 */
import { runtime, util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { tagKey, tagNameGuardKey, tagPathSort } from '../../infra/table';
import { MAX_TAG_DEPTH, childPath, tagIndexAttributes, type TagItem } from '../lib/tags';
import { tableName } from '../lib/environment';

export function request(ctx: Context): DynamoDBTransactWriteItemsRequest {
  const table = tableName(ctx);
  const owner = ctx.stash.owner as string;
  const tag = ctx.stash.tag as TagItem;
  const moving = ctx.stash.tagChange === 'MOVE';
  const parent = (moving ? ctx.stash.parent : null) as TagItem | null;
  const parentId = moving ? (parent ? parent.id : null) : (tag.parentId ?? null);
  const name = moving ? tag.name : (ctx.stash.name as string);
  const oldParentId = tag.parentId ?? null;
  const path = moving ? childPath(parent, name) : replaceLastSegment(tag.path, name);
  const depth = moving ? (parent ? parent.depth + 1 : 0) : tag.depth;
  if (path === tag.path && parentId === oldParentId) {
    runtime.earlyReturn(tag);
  }
  const subtree = ctx.stash.subtree as TagItem[];
  const deepest = subtree.reduce((max, t) => Math.max(max, t.depth), tag.depth);
  if (deepest - tag.depth + depth >= MAX_TAG_DEPTH) {
    util.error(`Tags nest at most ${MAX_TAG_DEPTH} levels deep`, 'BadRequest');
  }
  const now = util.time.nowISO8601();
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [];
  const guardMoves = parentId !== oldParentId || name.toLowerCase() !== tag.name.toLowerCase();
  if (guardMoves) {
    transactItems.push({
      table,
      operation: 'DeleteItem',
      key: util.dynamodb.toMapValues(tagNameGuardKey(owner, oldParentId, tag.name)),
    });
    transactItems.push({
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(tagNameGuardKey(owner, parentId, name)),
      attributeValues: util.dynamodb.toMapValues({ entity: 'TagNameGuard', tagId: tag.id }),
      condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
    });
  }
  const index = tagIndexAttributes(owner, parentId, name, path);
  const updated = { ...tag, name, path, parentId, depth, updatedAt: now, ...index };
  transactItems.push({
    table,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(tagKey(tag.id)),
    update: {
      expression:
        'SET #name = :name, #path = :path, parentId = :parentId, #depth = :depth, updatedAt = :now, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
      expressionNames: { '#name': 'name', '#path': 'path', '#depth': 'depth' },
      expressionValues: util.dynamodb.toMapValues({
        ':name': name,
        ':path': path,
        ':parentId': parentId,
        ':depth': depth,
        ':now': now,
        ':gsi1sk': index.gsi1sk,
        ':gsi2pk': index.gsi2pk,
        ':gsi2sk': index.gsi2sk,
      }),
    },
    condition: pathUnchanged(tag.path),
  });
  for (const descendant of subtree) {
    if (descendant.id !== tag.id) {
      const descendantPath = path + descendant.path.substring(tag.path.length);
      transactItems.push({
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(tagKey(descendant.id)),
        update: {
          expression: 'SET #path = :path, #depth = :depth, gsi1sk = :gsi1sk, updatedAt = :now',
          expressionNames: { '#path': 'path', '#depth': 'depth' },
          expressionValues: util.dynamodb.toMapValues({
            ':path': descendantPath,
            ':depth': descendant.depth - tag.depth + depth,
            ':gsi1sk': tagPathSort(descendantPath),
            ':now': now,
          }),
        },
        condition: pathUnchanged(descendant.path),
      });
    }
  }
  ctx.stash.updatedTag = updated;
  return { operation: 'TransactWriteItems', transactItems };
}

/** A transaction condition: the tag still has the path this move read. */
function pathUnchanged(path: string) {
  return {
    expression: '#path = :oldPath',
    expressionNames: { '#path': 'path' },
    expressionValues: util.dynamodb.toMapValues({ ':oldPath': path }),
    returnValuesOnConditionCheckFailure: false,
  };
}

/** `a/b/c` renamed to `d` → `a/b/d`. */
function replaceLastSegment(path: string, name: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? name : `${path.substring(0, cut)}/${name}`;
}

export function response(ctx: Context) {
  if (ctx.error) {
    const reasons = (ctx.result && ctx.result.cancellationReasons) || [];
    util.error(
      `Could not ${ctx.stash.tagChange === 'MOVE' ? 'move' : 'rename'} tag "${ctx.stash.tag.path}": a sibling with that name exists or the tree changed meanwhile`,
      'Conflict',
      null,
      { cancellationReasons: reasons },
    );
  }
  return ctx.stash.updatedTag;
}
