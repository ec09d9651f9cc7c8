/** applyVersion — copies what ingest learnt about ctx.stash.versionItem onto the media item, making it the one shown. */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { mediaKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

/** Attributes a version carries that describe the shown bytes (the item's name is the user's, kept). */
const VERSION_FIELDS = ['contentType', 'format', 'size', 'sha256', 'metadata', 'quality', 'perceptualHash', 'hasThumbnail', 'hasPoster'];

export function request(ctx: Context): DynamoDBUpdateItemRequest {
  const version = ctx.stash.versionItem;
  // The shown version is a processed one: the item reads READY again, whatever a later upload did.
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt', '#status': 'status', '#progress': 'progress', '#error': 'error' };
  const values: Record<string, unknown> = { ':version': version.version, ':now': util.time.nowISO8601(), ':ready': 'READY', ':done': 100 };
  const sets = ['#version = :version', '#updatedAt = :now', '#status = :ready', '#progress = :done'];
  const removes: string[] = ['#error'];
  for (const field of VERSION_FIELDS) {
    names[`#${field}`] = field;
    if (version[field] === undefined || version[field] === null) {
      removes.push(`#${field}`);
    } else {
      values[`:${field}`] = version[field];
      sets.push(`#${field} = :${field}`);
    }
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(mediaKey(ctx.stash.mediaId)),
    update: {
      expression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
    condition: { expression: 'attribute_exists(pk)' },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result;
}
