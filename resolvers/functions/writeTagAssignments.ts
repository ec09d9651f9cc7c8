/**
 * writeTagAssignments — adds or removes (ctx.stash.tagChange) tag assignments in one transaction:
 * the assignment items, each tag's media count, and the media item's `tagIds` set that search reads.
 * Returns the media item as it is after the change; no-op changes write nothing.
 */
import { runtime, util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { entity, mediaKey, mediaTagKey, tagKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { tableName } from '../lib/environment';

type Assignment = { tagId: string };

export function request(ctx: Context): DynamoDBTransactWriteItemsRequest {
  const table = tableName(ctx);
  const media = ctx.stash.media;
  const present = (ctx.stash.assignments as Assignment[]).map((a) => a.tagId);
  const adding = ctx.stash.tagChange === 'ADD';
  const requested = ctx.stash.tagIds as string[];
  const changing = requested.filter((id) => (adding ? !present.includes(id) : present.includes(id)));
  if (changing.length === 0) {
    runtime.earlyReturn(media);
  }
  const now = util.time.nowISO8601();
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [];
  for (const tagId of changing) {
    const key = util.dynamodb.toMapValues(mediaTagKey(media.id, tagId));
    if (adding) {
      transactItems.push({
        table,
        operation: 'PutItem',
        key,
        attributeValues: util.dynamodb.toMapValues({
          entity: entity.mediaTag,
          mediaId: media.id,
          tagId,
          owner: media.owner,
          source: 'USER',
          confidence: 1,
          createdAt: now,
        }),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      });
    } else {
      transactItems.push({
        table,
        operation: 'DeleteItem',
        key,
        condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false },
      });
    }
    transactItems.push({
      table,
      operation: 'UpdateItem',
      key: util.dynamodb.toMapValues(tagKey(tagId)),
      update: {
        expression: 'ADD mediaCount :delta SET updatedAt = :now',
        expressionValues: util.dynamodb.toMapValues({ ':delta': adding ? 1 : -1, ':now': now }),
      },
      condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false },
    });
  }
  transactItems.push({
    table,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(mediaKey(media.id)),
    update: {
      expression: `${adding ? 'ADD' : 'DELETE'} tagIds :tagIds SET updatedAt = :now`,
      expressionValues: { ':tagIds': util.dynamodb.toStringSet(changing), ':now': util.dynamodb.toDynamoDB(now) },
    },
    condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false },
  });
  ctx.stash.changedTagIds = changing;
  ctx.stash.updatedAt = now;
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  if (ctx.error) {
    // A concurrent change to the same media or tags cancels the transaction; the caller may retry.
    util.error(`Tags of media ${ctx.stash.mediaId} changed concurrently or no longer exist; retry`, 'ConcurrentModification');
  }
  raiseDataSourceError(ctx);
  const media = ctx.stash.media;
  const changed = ctx.stash.changedTagIds as string[];
  const before = (media.tagIds ?? []) as string[];
  const tagIds =
    ctx.stash.tagChange === 'ADD' ? before.concat(changed) : before.filter((id) => !changed.includes(id));
  return { ...media, tagIds, updatedAt: ctx.stash.updatedAt };
}
