/** updateMediaFields — applies ctx.args.input's name/metadata to the authorized media item. */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationUpdateMediaArgs } from '../../schema/types.generated';
import { mediaKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context<MutationUpdateMediaArgs>): DynamoDBUpdateItemRequest {
  const { input } = ctx.args;
  const sets = ['#updatedAt = :updatedAt'];
  const removes: string[] = [];
  const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':updatedAt': util.time.nowISO8601() };
  if (input.name) {
    sets.push('#name = :name');
    names['#name'] = 'name';
    values[':name'] = input.name;
  }
  if (input.metadata === null) {
    removes.push('#metadata');
    names['#metadata'] = 'metadata';
  } else if (input.metadata !== undefined) {
    sets.push('#metadata = :metadata');
    names['#metadata'] = 'metadata';
    values[':metadata'] = input.metadata;
  }
  const expression = `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(mediaKey(input.id)),
    update: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    condition: { expression: 'attribute_exists(pk)' },
  };
}

export function response(ctx: Context) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    util.error(`Media ${ctx.stash.mediaId} not found`, 'NotFound');
  }
  raiseDataSourceError(ctx);
  return ctx.result;
}
