/** putMedia — writes a new media item for the validated upload in ctx.stash.upload. */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import { raiseDataSourceError } from '../lib/caller';
import { newMediaItem } from '../lib/media';

export function request(ctx: Context): DynamoDBPutItemRequest {
  const upload = ctx.stash.upload;
  const { pk, sk, ...attributes } = newMediaItem(ctx.stash.owner, {
    name: upload.name,
    mediaType: upload.mediaType,
    contentType: upload.contentType,
    size: upload.size,
    metadata: null,
  });
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk, sk }),
    attributeValues: util.dynamodb.toMapValues(attributes),
    condition: { expression: 'attribute_not_exists(pk)' },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result;
}
