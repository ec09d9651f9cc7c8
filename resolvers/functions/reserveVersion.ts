/**
 * reserveVersion — writes the version an upload will fill (status PENDING_UPLOAD) together with its
 * media item: a new item for a first upload, or the next version number of an existing one. The
 * version counter is checked in the same transaction, so two concurrent uploads get two versions.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { entity, mediaKey, versionKey } from '../../infra/table';
import { tableName } from '../lib/environment';
import { newMediaItem } from '../lib/media';

export function request(ctx: Context): DynamoDBTransactWriteItemsRequest {
  const table = tableName(ctx);
  const upload = ctx.stash.upload;
  const existing = ctx.stash.media;
  const now = util.time.nowISO8601();
  const media = existing
    ? existing
    : newMediaItem(ctx.stash.owner, { name: upload.name, mediaType: upload.mediaType, contentType: upload.contentType, size: upload.size, metadata: null });
  const previous = existing && existing.versionCount ? existing.versionCount : 0;
  const version = previous + 1;
  const versionItem = {
    entity: entity.mediaVersion,
    mediaId: media.id,
    owner: media.owner,
    version,
    status: 'PENDING_UPLOAD',
    name: upload.name,
    contentType: upload.contentType,
    size: upload.size,
    createdAt: now,
    updatedAt: now,
  };
  const writeMedia = existing
    ? {
        table,
        operation: 'UpdateItem' as const,
        key: util.dynamodb.toMapValues(mediaKey(media.id)),
        update: {
          expression: 'SET versionCount = :version, #status = :status, progress = :zero, stage = :stage, updatedAt = :now REMOVE #error',
          expressionNames: { '#status': 'status', '#error': 'error' },
          expressionValues: util.dynamodb.toMapValues({ ':version': version, ':status': 'PENDING_UPLOAD', ':zero': 0, ':stage': 'upload', ':now': now }),
        },
        condition: {
          // The item may have been deleted since authorizeMediaIfGiven read it: never recreate a stub.
          expression: previous === 0 ? 'attribute_exists(pk) AND attribute_not_exists(versionCount)' : 'versionCount = :previous',
          expressionValues: previous === 0 ? undefined : util.dynamodb.toMapValues({ ':previous': previous }),
          returnValuesOnConditionCheckFailure: false,
        },
      }
    : {
        table,
        operation: 'PutItem' as const,
        key: util.dynamodb.toMapValues(mediaKey(media.id)),
        attributeValues: util.dynamodb.toMapValues(withoutKeys({ ...media, versionCount: 1, stage: 'upload' })),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      };
  ctx.stash.version = version;
  ctx.stash.media = existing
    ? { ...existing, versionCount: version, status: 'PENDING_UPLOAD', progress: 0, stage: 'upload', error: null, updatedAt: now }
    : { ...media, versionCount: 1, stage: 'upload' };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      writeMedia,
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(versionKey(media.id, version)),
        attributeValues: util.dynamodb.toMapValues(versionItem),
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
    ],
  };
}

/** An item's attributes without its primary key (PutItem takes the key separately). */
function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, ...attributes } = item;
  return attributes;
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error('Another upload of this item started at the same moment; try again', 'ConcurrentModification');
  }
  return ctx.stash.media;
}
