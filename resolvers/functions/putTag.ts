/**
 * putTag — writes a new tag (ctx.stash.name under ctx.stash.parent) together with the guard item that
 * keeps sibling names unique; a duplicate name fails with Conflict.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { entity, tagKey, tagNameGuardKey } from '../../infra/table';
import { childPath, tagIndexAttributes, type TagItem } from '../lib/tags';
import { tableName } from '../lib/environment';

export function request(ctx: Context): DynamoDBTransactWriteItemsRequest {
  const table = tableName(ctx);
  const owner = ctx.stash.owner as string;
  const parent = ctx.stash.parent as TagItem | null;
  const name = ctx.stash.name as string;
  const id = util.autoId();
  const now = util.time.nowISO8601();
  const parentId = parent ? parent.id : null;
  const path = childPath(parent, name);
  const tag = {
    id,
    owner,
    name,
    path,
    parentId,
    depth: parent ? parent.depth + 1 : 0,
    mediaCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  ctx.stash.newTag = { ...tag, ...tagIndexAttributes(owner, parentId, name, path) };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(tagKey(id)),
        attributeValues: util.dynamodb.toMapValues({ entity: entity.tag, ...ctx.stash.newTag })!,
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(tagNameGuardKey(owner, parentId, name)),
        attributeValues: util.dynamodb.toMapValues({ entity: entity.tagNameGuard, tagId: id }),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:TransactionCanceledException') {
      util.error(`A tag named "${ctx.stash.name}" already exists there`, 'Conflict');
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.stash.newTag;
}
