/** Media.analysis — every analyzer's stored output for a media item. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { ANALYSIS_PREFIX, mediaPartition } from '../infra/table';
import { raiseDataSourceError } from './lib/caller';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: 'pk = :pk AND begins_with(sk, :prefix)',
      expressionValues: util.dynamodb.toMapValues({ ':pk': mediaPartition(ctx.source.id), ':prefix': ANALYSIS_PREFIX }),
    },
    limit: 100,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result.items;
}
