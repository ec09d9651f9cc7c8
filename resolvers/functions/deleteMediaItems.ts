/**
 * deleteMediaItems — deletes ctx.stash.mediaItems in one transaction and decrements the media count of
 * every tag that was on the item, so a delete is all or nothing.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { MEDIA_TAG_PREFIX, tagKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { tableName } from '../lib/environment';
import { MAX_MEDIA_ITEMS } from '../lib/limits';

type StoredItem = { pk: string; sk: string; tagId?: string };

export function request(ctx: Context): DynamoDBTransactWriteItemsRequest {
  const table = tableName(ctx);
  const items = ctx.stash.mediaItems as StoredItem[];
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [];
  for (const item of items) {
    transactItems.push({ table, operation: 'DeleteItem', key: util.dynamodb.toMapValues({ pk: item.pk, sk: item.sk }) });
    if (item.sk.startsWith(MEDIA_TAG_PREFIX) && item.tagId) {
      transactItems.push({
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(tagKey(item.tagId)),
        update: { expression: 'ADD mediaCount :minusOne', expressionValues: util.dynamodb.toMapValues({ ':minusOne': -1 }) },
        condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false },
      });
    }
  }
  if (transactItems.length > MAX_MEDIA_ITEMS) {
    util.error(`Deleting media ${ctx.stash.mediaId} needs ${transactItems.length} writes, over ${MAX_MEDIA_ITEMS}; remove its tags first`, 'LimitExceeded');
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.stash.media;
}
