/**
 * Removing faces from an owner's Rekognition face collection (DeleteFaces), on its own so the people
 * function can do it without loading what indexing and searching by image need (sharp): it deletes
 * the faces of a deleted media item (core/people/forget-media-faces.ts).
 */
import { DeleteFacesCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { AnalysisServiceError, callService } from './analysis-service-error';
import { rekognitionClient, type RekognitionAdapterOptions } from './rekognition-client';
import type { RetryOptions } from './retry';

/** CollectionId pattern from the Rekognition API reference. */
const COLLECTION_ID = /[^a-zA-Z0-9_.-]/g;

/** DeleteFaces takes at most 4,096 face ids per call (API reference, DeleteFaces: FaceIds). */
export const DELETE_FACES_LIMIT = 4096;

/**
 * The collection id for one owner: `prefix-owner` with characters Rekognition refuses replaced.
 * @returns an id matching `[a-zA-Z0-9_.\-]+`, at most 255 characters
 */
export function faceCollectionIdFor(prefix: string, owner: string): string {
  return `${prefix}-${owner}`.replace(COLLECTION_ID, '_').slice(0, 255);
}

/**
 * Deletes faces from a collection, 4,096 at a time. Ids no longer in the collection are skipped by
 * Rekognition (reported in UnsuccessfulFaceDeletions, not as an error), so a retry is harmless.
 */
export async function deleteCollectionFaces(client: RekognitionClient, collectionId: string, faceIds: readonly string[], retry?: RetryOptions): Promise<void> {
  for (let start = 0; start < faceIds.length; start += DELETE_FACES_LIMIT) {
    const FaceIds = faceIds.slice(start, start + DELETE_FACES_LIMIT);
    await callService('Rekognition', 'DeleteFaces', () => client.send(new DeleteFacesCommand({ CollectionId: collectionId, FaceIds })), retry);
  }
}

/**
 * Removes an owner's faces from their collection (`faceCollectionIdFor(collectionPrefix, owner)`);
 * an owner without a collection (ResourceNotFoundException) has nothing to remove.
 * @returns the `removeExternalFaces` that forgetMediaFaces calls
 * @example
 * const removeExternalFaces = createRekognitionFaceRemoval({ collectionPrefix: config().tableName });
 */
export function createRekognitionFaceRemoval(options: RekognitionAdapterOptions & { collectionPrefix: string }): (owner: string, faceIds: readonly string[]) => Promise<void> {
  const client = rekognitionClient(options);
  return async (owner, faceIds) => {
    try {
      await deleteCollectionFaces(client, faceCollectionIdFor(options.collectionPrefix, owner), faceIds, options.retry);
    } catch (error) {
      if (error instanceof AnalysisServiceError && error.code === 'ResourceNotFoundException') return;
      throw error;
    }
  };
}
