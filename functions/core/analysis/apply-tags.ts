/**
 * Stores tag candidates (core/tagging.ts) on a media item: each path is found or created level by
 * level in the owner's hierarchy (so `Animal/Mammal/Dog` reuses the owner's own "Animal" tag), then
 * the item's AUTO tags of the kinds that ran are made exactly these.
 */
import { TagDepthError, type AutoTagChanges, type StoredTag, type TagRepository } from '../../ports/tag-repository';
import { pathKey, type TagCandidate } from '../tagging';
import type { AnalysisKind } from './kinds';

export interface AppliedTags {
  /** Null when the media item was deleted meanwhile. */
  changes: AutoTagChanges | null;
  /** Tag paths as stored (the owner's spelling where a tag already existed), one per assigned candidate. */
  paths: string[];
  /** Candidates left out because their place in the hierarchy is too deep. */
  skipped: string[];
}

/**
 * Resolves every candidate to a tag and syncs the item's AUTO assignments for `kinds`.
 * @param kinds the kinds whose earlier AUTO tags this run replaces (those that succeeded)
 */
export async function applyAutoTags(
  repository: TagRepository,
  target: { owner: string; mediaId: string },
  candidates: readonly TagCandidate[],
  kinds: readonly AnalysisKind[],
): Promise<AppliedTags> {
  const resolved = new Map<string, Promise<StoredTag>>();
  const resolve = (path: readonly string[]): Promise<StoredTag> => {
    const key = pathKey(path);
    let tag = resolved.get(key);
    if (!tag) {
      const parent = path.length > 1 ? resolve(path.slice(0, -1)) : Promise.resolve(null);
      tag = parent.then((p) => repository.ensureChild(target.owner, p, path[path.length - 1]!));
      resolved.set(key, tag);
    }
    return tag;
  };

  const wanted = new Map<string, { tagId: string; confidence: number; kind: AnalysisKind }>();
  const paths: string[] = [];
  const skipped: string[] = [];
  // One candidate at a time: siblings share parents, and the cache makes each level one lookup.
  for (const candidate of candidates.filter((c) => kinds.includes(c.kind))) {
    let tag: StoredTag;
    try {
      tag = await resolve(candidate.path);
    } catch (error) {
      if (error instanceof TagDepthError) {
        skipped.push(candidate.path.join('/'));
        continue;
      }
      throw error;
    }
    const existing = wanted.get(tag.id);
    if (!existing || candidate.confidence > existing.confidence) {
      wanted.set(tag.id, { tagId: tag.id, confidence: candidate.confidence, kind: candidate.kind });
    }
    if (!existing) {
      paths.push(tag.path);
    }
  }
  const changes = await repository.syncAutoTags(target.owner, target.mediaId, [...wanted.values()], kinds);
  return { changes, paths, skipped };
}
