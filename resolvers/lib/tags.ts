/** Tag names, paths and item attributes — the rules of the hierarchy, in one place for the tag resolvers. */
import { util } from '@aws-appsync/utils';
import { ownerTagPartition, tagParentPartition, tagPathSort } from '../../infra/table';

export const MAX_TAG_NAME_LENGTH = 64;
export const MAX_TAG_DEPTH = 10;

/** A stored tag as the resolvers read it. */
export type TagItem = {
  id: string;
  owner: string;
  name: string;
  path: string;
  parentId?: string | null;
  depth: number;
  gsi1sk: string;
};

/** The trimmed name, or a BadRequest error: 1–64 characters, no `/` (the path separator), no control characters. */
export function validTagName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TAG_NAME_LENGTH) {
    util.error(`Tag name must be 1 to ${MAX_TAG_NAME_LENGTH} characters`, 'BadRequest');
  }
  if (trimmed.includes('/')) {
    util.error('Tag name must not contain "/" (it separates levels of the path)', 'BadRequest');
  }
  if (trimmed.split('').find((c) => c < ' ' || c === '\u007f') !== undefined) {
    util.error('Tag name must not contain control characters', 'BadRequest');
  }
  return trimmed;
}

/** The path of a tag named `name` under `parent` (null: a root). */
export function childPath(parent: TagItem | null, name: string): string {
  return parent ? `${parent.path}/${name}` : name;
}

/** Index attributes that place a tag in its owner's path order and under its parent. */
export function tagIndexAttributes(owner: string, parentId: string | null, name: string, path: string) {
  return {
    gsi1pk: ownerTagPartition(owner),
    gsi1sk: tagPathSort(path),
    gsi2pk: tagParentPartition(owner, parentId),
    gsi2sk: name.toLowerCase(),
  };
}

/** True when `candidate` is `tag` itself or one of its descendants. */
export function isWithin(candidate: TagItem, tag: TagItem): boolean {
  return candidate.gsi1sk.startsWith(tag.gsi1sk);
}
