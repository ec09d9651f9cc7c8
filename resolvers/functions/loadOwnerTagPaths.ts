/**
 * loadOwnerTagPaths — reads the caller's tag paths and expands every search term (ctx.stash.allOf,
 * ctx.stash.anyOf) into the ids of the tag and its descendants: ctx.stash.allOfSubtrees (one list per
 * term) and ctx.stash.anyOfSubtree (one list for all). Unknown tags fail with NotFound.
 */
import { runtime, util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { indexes, ownerTagPartition } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBQueryRequest {
  if ((ctx.stash.allOf as string[]).length === 0 && (ctx.stash.anyOf as string[]).length === 0) {
    ctx.stash.allOfSubtrees = [];
    ctx.stash.anyOfSubtree = [];
    runtime.earlyReturn(null);
  }
  return {
    operation: 'Query',
    index: indexes.byOwner,
    query: { expression: 'gsi1pk = :pk', expressionValues: util.dynamodb.toMapValues({ ':pk': ownerTagPartition(ctx.stash.owner) }) },
    projection: { expression: 'id, gsi1sk' },
    limit: 5000,
  };
}

type TagPath = { id: string; gsi1sk: string };

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  const tags = ctx.result.items as TagPath[];
  const allOf = ctx.stash.allOf as string[];
  const anyOf = ctx.stash.anyOf as string[];
  const missing = allOf.concat(anyOf).filter((id) => !tags.find((t) => t.id === id));
  if (missing.length > 0) {
    util.error(`Tag not found: ${missing.join(', ')}`, 'NotFound');
  }
  const allOfSubtrees = allOf.map((id) => subtreeIds(tags, id));
  const anyOfSubtree: string[] = [];
  for (const id of anyOf) {
    for (const member of subtreeIds(tags, id)) {
      if (!anyOfSubtree.includes(member)) {
        anyOfSubtree.push(member);
      }
    }
  }
  ctx.stash.allOfSubtrees = allOfSubtrees;
  ctx.stash.anyOfSubtree = anyOfSubtree;
  return null;
}

/** The tag and its descendants: every tag whose path key starts with the tag's (keys end in `/`). */
function subtreeIds(tags: TagPath[], id: string): string[] {
  const root = tags.find((t) => t.id === id) as TagPath;
  return tags.filter((t) => t.gsi1sk.startsWith(root.gsi1sk)).map((t) => t.id);
}
