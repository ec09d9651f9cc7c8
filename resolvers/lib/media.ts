/** How a media item is written: the item's attributes and keys, from validated input. */
import { util } from '@aws-appsync/utils';
import type { MediaType } from '../../schema/types.generated';
import { entity, mediaKey, ownerMediaPartition, ownerMediaSort } from '../../infra/table';
import { mediaTypeOf, nameProblem } from '../../functions/core/media-types';

export interface NewMedia {
  name: string;
  mediaType: MediaType;
  contentType: string;
  size: number | null;
  metadata: unknown;
}

/** A new media item awaiting its bytes (status PENDING_UPLOAD, version 0), keyed for the table and byOwner. */
export function newMediaItem(owner: string, media: NewMedia) {
  const id = util.autoId();
  const now = util.time.nowISO8601();
  return {
    ...mediaKey(id),
    gsi1pk: ownerMediaPartition(owner),
    gsi1sk: ownerMediaSort(now, id),
    entity: entity.media,
    id,
    owner,
    name: media.name,
    mediaType: media.mediaType,
    contentType: media.contentType,
    size: media.size,
    metadata: media.metadata,
    status: 'PENDING_UPLOAD',
    progress: 0,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Fails the field with a BadRequest error when the name is not acceptable. */
export function assertValidName(name: string): void {
  const problem = nameProblem(name);
  if (problem) {
    util.error(`Invalid name: ${problem}`, 'BadRequest');
  }
}

/** The media type for a declared content type, or a BadRequest error naming what is accepted. */
export function acceptedMediaType(contentType: string): MediaType {
  const mediaType = mediaTypeOf(contentType);
  if (!mediaType) {
    util.error(`Unsupported content type "${contentType}": images, video, audio and text are accepted`, 'UnsupportedMediaType');
  }
  return mediaType as MediaType;
}
