/** Mutation.namePerson — names one of the caller's people (null clears the name). */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationNamePersonArgs } from '../schema/types.generated';
import { personKey } from '../infra/table';
import { callerSub } from './lib/caller';

const MAX_NAME = 100;

export function request(ctx: Context<MutationNamePersonArgs>): DynamoDBUpdateItemRequest {
  const name = ctx.args.name ? ctx.args.name.trim() : null;
  if (name !== null && (name.length === 0 || name.length > MAX_NAME)) {
    util.error(`A person's name must be 1 to ${MAX_NAME} characters`, 'BadRequest');
  }
  const values: Record<string, unknown> = { ':owner': callerSub(ctx), ':now': util.time.nowISO8601() };
  let expression = 'SET updatedAt = :now REMOVE #name';
  if (name !== null) {
    values[':name'] = name;
    expression = 'SET #name = :name, updatedAt = :now';
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(personKey(ctx.args.id)),
    update: { expression, expressionNames: { '#name': 'name' }, expressionValues: util.dynamodb.toMapValues(values) },
    condition: { expression: '#owner = :owner', expressionNames: { '#owner': 'owner' } },
  };
}

export function response(ctx: Context<MutationNamePersonArgs>) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    util.error(`Person ${ctx.args.id} not found`, 'NotFound');
  }
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
