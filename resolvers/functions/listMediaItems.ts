/** listMediaItems — every item in the media item's partition (META, TAG#, ANALYSIS#, VERSION#) into ctx.stash.mediaItems. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { mediaPartition } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { MAX_MEDIA_ITEMS } from '../lib/limits';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: 'pk = :pk',
      expressionValues: util.dynamodb.toMapValues({ ':pk': mediaPartition(ctx.stash.mediaId) }),
    },
    consistentRead: true,
    limit: MAX_MEDIA_ITEMS + 1,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  // A page also ends at 1 MB: a next page means items this delete would miss.
  if (ctx.result.items.length > MAX_MEDIA_ITEMS || ctx.result.nextToken) {
    util.error(`Media ${ctx.stash.mediaId} has more than ${MAX_MEDIA_ITEMS} stored items; delete its tags first`, 'LimitExceeded');
  }
  ctx.stash.mediaItems = ctx.result.items;
  return ctx.result.items;
}
