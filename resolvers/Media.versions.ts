/** Media.versions — every uploaded version, newest first. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { VERSION_PREFIX, mediaPartition } from '../infra/table';
import { raiseDataSourceError } from './lib/caller';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: 'pk = :pk AND begins_with(sk, :prefix)',
      expressionValues: util.dynamodb.toMapValues({ ':pk': mediaPartition(ctx.source.id), ':prefix': VERSION_PREFIX }),
    },
    scanIndexForward: false,
    limit: 100,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result.items;
}
