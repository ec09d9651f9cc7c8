/**
 * The owner's tag hierarchy and a media item's tag assignments, as the analyzers need them: find or
 * create a tag by name under a parent (reusing the owner's own tags, names compared
 * case-insensitively, exactly as the API stores them), and keep a media item's AUTO tags in step
 * with the latest analysis. Adapter: `adapters/aws/dynamodb-tag-repository.ts`.
 */

/** A tag as stored (see resolvers/functions/putTag.ts). */
export interface StoredTag {
  id: string;
  owner: string;
  name: string;
  /** Names from the root, joined with `/`. */
  path: string;
  parentId: string | null;
  /** 0 for a root. */
  depth: number;
}

/** One AUTO tag the analysis wants on the item. */
export interface AutoTagAssignment {
  tagId: string;
  /** 0–1. */
  confidence: number;
  /** The analysis kind that proposed it. */
  kind: string;
}

/** What a sync changed, by tag id. */
export interface AutoTagChanges {
  added: string[];
  /** AUTO assignments whose confidence or kind changed. */
  updated: string[];
  removed: string[];
  /** Wanted, but already there as USER tags (a person's choice wins and is left as it is). */
  keptUser: string[];
}

/** A tag cannot be created there: the hierarchy is at its maximum depth. */
export class TagDepthError extends Error {
  constructor(readonly parentPath: string, readonly maxDepth: number) {
    super(`Tags nest at most ${maxDepth} levels deep; "${parentPath}" cannot have children`);
    this.name = 'TagDepthError';
  }
}

export interface TagRepository {
  /**
   * The tag called `name` under `parent` (null: a root) in the owner's hierarchy: the existing one
   * whatever its case, or a new one (created with the name guard, so concurrent writers agree on one).
   * @throws TagDepthError when `parent` is at the maximum depth
   */
  ensureChild(owner: string, parent: StoredTag | null, name: string): Promise<StoredTag>;
  /**
   * Makes the item's AUTO assignments from `kinds` exactly `wanted`: assigns the missing ones (count
   * +1 each), updates confidences, removes AUTO assignments of those kinds no longer wanted (count
   * −1 each). USER assignments are never touched. Safe to repeat: a second call changes nothing.
   * @returns what changed, or null when the media item no longer exists
   */
  syncAutoTags(owner: string, mediaId: string, wanted: readonly AutoTagAssignment[], kinds: readonly string[]): Promise<AutoTagChanges | null>;
}
