/**
 * Query.tagTree — the caller's whole hierarchy from one query: tags arrive in path order, so every
 * parent precedes its children; each tag gets its `children` preloaded (Tag.children then answers
 * without another request).
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { indexes, ownerTagPartition } from '../infra/table';
import { callerSub, raiseDataSourceError } from './lib/caller';

/** One query's worth of tags; a tree this size is well within DynamoDB's 1 MB page. */
const MAX_TREE_SIZE = 2000;

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    index: indexes.byOwner,
    query: { expression: 'gsi1pk = :pk', expressionValues: util.dynamodb.toMapValues({ ':pk': ownerTagPartition(callerSub(ctx)) }) },
    limit: MAX_TREE_SIZE,
  };
}

type TreeTag = { id: string; parentId?: string | null; children: TreeTag[] };

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const tags = ctx.result.items as TreeTag[];
  const byId: Record<string, TreeTag> = {};
  const roots: TreeTag[] = [];
  for (const tag of tags) {
    tag.children = [];
    byId[tag.id] = tag;
    const parent = tag.parentId ? byId[tag.parentId] : undefined;
    if (parent) {
      parent.children.push(tag);
    } else {
      roots.push(tag);
    }
  }
  return roots;
}
