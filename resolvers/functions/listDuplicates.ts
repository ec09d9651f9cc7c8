/** listDuplicates — the duplicate relations stored on ctx.stash.mediaId into ctx.stash.duplicates. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { DUPLICATE_PREFIX, mediaPartition } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: 'pk = :pk AND begins_with(sk, :prefix)',
      expressionValues: util.dynamodb.toMapValues({ ':pk': mediaPartition(ctx.stash.mediaId), ':prefix': DUPLICATE_PREFIX }),
    },
    limit: 100,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  ctx.stash.duplicates = ctx.result.items;
  return ctx.result.items;
}
