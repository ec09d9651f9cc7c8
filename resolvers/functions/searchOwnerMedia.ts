/**
 * searchOwnerMedia — the caller's media, newest first, whose `tagIds` meet the expanded terms:
 * every allOf subtree contributes `(contains(tagIds, a) OR contains(tagIds, b) …)`, ANDed together,
 * and the anyOf subtree one OR group; a person adds `contains(personIds, p)`.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { indexes, ownerMediaPartition } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';
import { pageSize } from '../lib/limits';

export function request(ctx: Context): DynamoDBQueryRequest {
  const values: Record<string, unknown> = {};
  const groups: string[] = [];
  let counter = 0;
  const subtrees = (ctx.stash.allOfSubtrees as string[][]).slice();
  if ((ctx.stash.anyOfSubtree as string[]).length > 0) {
    subtrees.push(ctx.stash.anyOfSubtree);
  }
  for (const subtree of subtrees) {
    const alternatives: string[] = [];
    for (const tagId of subtree) {
      const placeholder = `:t${counter}`;
      counter = counter + 1;
      values[placeholder] = tagId;
      alternatives.push(`contains(#tagIds, ${placeholder})`);
    }
    groups.push(`(${alternatives.join(' OR ')})`);
  }
  const names: Record<string, string> = {};
  if (groups.length > 0) {
    names['#tagIds'] = 'tagIds';
  }
  if (ctx.stash.personId) {
    // Media list the people seen in them (`personIds`, written when faces are matched).
    names['#personIds'] = 'personIds';
    values[':person'] = ctx.stash.personId;
    groups.push('contains(#personIds, :person)');
  }
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: indexes.byOwner,
    query: {
      expression: 'gsi1pk = :pk',
      expressionValues: util.dynamodb.toMapValues({ ':pk': ownerMediaPartition(ctx.stash.owner) }),
    },
    filter: {
      expression: groups.join(' AND '),
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
    scanIndexForward: false,
    limit: pageSize(ctx.args.limit),
  };
  if (ctx.args.nextToken) {
    query.nextToken = ctx.args.nextToken;
  }
  return query;
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return { items: ctx.result.items, nextToken: ctx.result.nextToken ?? null };
}
