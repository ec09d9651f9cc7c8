/** Page sizes and batch limits shared by the resolvers. */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** addTags/removeTags: two transaction actions per tag plus one for the media, under DynamoDB's 100. */
export const MAX_TAGS_PER_CALL = 25;
/** A subtree move/rename rewrites every tag in it in one transaction (DynamoDB allows 100 actions). */
export const MAX_SUBTREE_SIZE = 95;
/** One DynamoDB transaction deletes a media item with everything under it. */
export const MAX_MEDIA_ITEMS = 100;

/** The requested page size, clamped to 1..MAX_PAGE_SIZE. */
export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));
}
