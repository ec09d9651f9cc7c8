/** Checks the tag id list of addTags/removeTags. */
import { util } from '@aws-appsync/utils';
import { MAX_TAGS_PER_CALL } from './limits';

/** The ids without duplicates; BadRequest when empty or over the per-call limit. */
export function distinctTagIds(tagIds: string[]): string[] {
  const distinct: string[] = [];
  for (const id of tagIds) {
    if (!distinct.includes(id)) {
      distinct.push(id);
    }
  }
  if (distinct.length === 0) {
    util.error('Give at least one tag id', 'BadRequest');
  }
  if (distinct.length > MAX_TAGS_PER_CALL) {
    util.error(`At most ${MAX_TAGS_PER_CALL} tags per call, got ${distinct.length}`, 'BadRequest');
  }
  return distinct;
}
