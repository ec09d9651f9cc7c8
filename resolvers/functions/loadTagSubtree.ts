/** loadTagSubtree — ctx.stash.tag and all its descendants, in path order, into ctx.stash.subtree. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { indexes, ownerTagPartition } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { MAX_SUBTREE_SIZE } from '../lib/limits';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    index: indexes.byOwner,
    query: {
      expression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      expressionValues: util.dynamodb.toMapValues({ ':pk': ownerTagPartition(ctx.stash.owner), ':prefix': ctx.stash.tag.gsi1sk }),
    },
    limit: MAX_SUBTREE_SIZE + 1,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  if (ctx.result.items.length > MAX_SUBTREE_SIZE || ctx.result.nextToken) {
    util.error(`Tag "${ctx.stash.tag.path}" has more than ${MAX_SUBTREE_SIZE} tags beneath it; move smaller subtrees`, 'LimitExceeded');
  }
  ctx.stash.subtree = ctx.result.items;
  return ctx.result.items;
}
