/** Mutation.createMedia — registers a media record for the caller (no bytes yet). */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { MutationCreateMediaArgs } from '../schema/types.generated';
import { callerSub, raiseDataSourceError } from './lib/caller';
import { acceptedMediaType, assertValidName, newMediaItem } from './lib/media';

export function request(ctx: Context<MutationCreateMediaArgs>): DynamoDBPutItemRequest {
  const { input } = ctx.args;
  assertValidName(input.name);
  const declaredType = acceptedMediaType(input.contentType);
  if (declaredType !== input.mediaType) {
    util.error(`mediaType ${input.mediaType} does not match content type ${input.contentType} (${declaredType})`, 'BadRequest');
  }
  if (input.size !== null && input.size !== undefined && input.size < 0) {
    util.error('size must not be negative', 'BadRequest');
  }
  const { pk, sk, ...attributes } = newMediaItem(callerSub(ctx), {
    name: input.name,
    mediaType: input.mediaType,
    contentType: input.contentType,
    size: input.size ?? null,
    metadata: input.metadata ?? null,
  });
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk, sk }),
    attributeValues: util.dynamodb.toMapValues(attributes),
    condition: { expression: 'attribute_not_exists(pk)' },
  };
}

export function response(ctx: Context<MutationCreateMediaArgs>) {
  raiseDataSourceError(ctx);
  return ctx.result;
}
