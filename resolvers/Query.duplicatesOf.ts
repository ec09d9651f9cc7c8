/** Query.duplicatesOf — items duplicating this one. Pipeline: authorizeMedia → listDuplicates → batchGetDuplicateMedia. */
import type { Context } from '@aws-appsync/utils';
import type { QueryDuplicatesOfArgs } from '../schema/types.generated';

export function request(ctx: Context<QueryDuplicatesOfArgs>) {
  ctx.stash.mediaId = ctx.args.mediaId;
  return {};
}

type Relation = { otherId: string; kind: string; distance: number };
type MediaItem = { id: string };

export function response(ctx: Context<QueryDuplicatesOfArgs>) {
  const relations = (ctx.stash.duplicates ?? []) as Relation[];
  const media = (ctx.prev.result ?? []) as MediaItem[];
  const result = [];
  for (const relation of relations) {
    const other = media.find((m) => m.id === relation.otherId);
    // A relation to a deleted item is stale; deletes remove only their own side.
    if (other) {
      result.push({ media: other, kind: relation.kind, distance: relation.distance });
    }
  }
  return result;
}
