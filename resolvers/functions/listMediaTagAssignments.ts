/** listMediaTagAssignments — the tag assignments of media ctx.stash.mediaId (or the source Media) into ctx.stash.assignments. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { MEDIA_TAG_PREFIX, mediaPartition } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: 'pk = :pk AND begins_with(sk, :prefix)',
      expressionValues: util.dynamodb.toMapValues({ ':pk': mediaPartition(ctx.stash.mediaId), ':prefix': MEDIA_TAG_PREFIX }),
    },
    consistentRead: true,
    limit: 100,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  ctx.stash.assignments = ctx.result.items;
  return ctx.result.items;
}
