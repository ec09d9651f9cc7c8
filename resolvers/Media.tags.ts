/** Media.tags — the tags on a media item with confidence and source. Pipeline: listMediaTagAssignments → batchGetTags. */
import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  ctx.stash.mediaId = ctx.source.id;
  return {};
}

type Assignment = { tagId: string; confidence: number; source: string; createdAt: string };
type TagItem = { id: string };

export function response(ctx: Context) {
  const assignments = (ctx.stash.assignments ?? []) as Assignment[];
  const tags = (ctx.prev.result ?? []) as TagItem[];
  const result = [];
  for (const assignment of assignments) {
    const tag = tags.find((t) => t.id === assignment.tagId);
    if (tag) {
      result.push({ tag, confidence: assignment.confidence, source: assignment.source, createdAt: assignment.createdAt });
    }
  }
  return result;
}
