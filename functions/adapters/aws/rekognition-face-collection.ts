/**
 * Face recognition on AWS through a Rekognition face collection, for the people feature: faces are
 * indexed (IndexFaces stores a feature vector, not the face) and matched (SearchFacesByImage,
 * SearchFaces). One collection per owner keeps each user's people apart.
 * On the local runtime the FaceDetector's embeddings play this part; this helper is AWS-only.
 */
import {
  CreateCollectionCommand,
  IndexFacesCommand,
  SearchFacesByImageCommand,
  SearchFacesCommand,
  type FaceMatch as RekognitionFaceMatch,
} from '@aws-sdk/client-rekognition';
import type { BoundingBox } from '../../ports/label-detector';
import { AnalysisServiceError, callService } from './analysis-service-error';
import { rekognitionClient, toBox, toUnit, type RekognitionAdapterOptions } from './rekognition-client';
import { deleteCollectionFaces, faceCollectionIdFor } from './rekognition-face-removal';
import { prepareRekognitionImage } from './rekognition-image';

export { faceCollectionIdFor };

/** A face stored in the collection. */
export interface IndexedFace {
  readonly faceId: string;
  readonly box: BoundingBox;
  readonly confidence: number;
  readonly externalImageId: string | null;
}

/** A stored face similar to the one searched for; `similarity` 0–1. */
export interface CollectionFaceMatch {
  readonly faceId: string;
  readonly similarity: number;
  readonly externalImageId: string | null;
}

/** The collection operations the people feature needs. */
export interface RekognitionFaceCollection {
  readonly collectionId: string;
  /** Creates the collection unless it exists. */
  ensureExists(): Promise<void>;
  /** Indexes up to `maxFaces` faces (largest first) of an image, tagged with `externalImageId` (e.g. the media id). */
  indexFaces(image: Uint8Array, options: { externalImageId: string; maxFaces?: number }): Promise<IndexedFace[]>;
  /** Faces like the largest face in `image`; empty when the image has no face. */
  searchByImage(image: Uint8Array, options?: { threshold?: number; maxFaces?: number }): Promise<CollectionFaceMatch[]>;
  /** Faces like an indexed face (the face itself excluded). */
  searchByFaceId(faceId: string, options?: { threshold?: number; maxFaces?: number }): Promise<CollectionFaceMatch[]>;
  deleteFaces(faceIds: readonly string[]): Promise<void>;
}

/** ExternalImageId pattern from the Rekognition API reference. */
const EXTERNAL_IMAGE_ID = /[^a-zA-Z0-9_.\-:]/g;

/** The ExternalImageId IndexFaces stores for `id` (e.g. a media id): refused characters replaced. */
export const externalImageIdFor = (id: string): string => id.replace(EXTERNAL_IMAGE_ID, '_').slice(0, 255);

const toMatch = (match: RekognitionFaceMatch): CollectionFaceMatch[] =>
  match.Face?.FaceId ? [{ faceId: match.Face.FaceId, similarity: toUnit(match.Similarity), externalImageId: match.Face.ExternalImageId ?? null }] : [];

/** SearchFacesByImage answers an image without a face with InvalidParameterException "There are no faces in the image. Should be at least 1." */
const isNoFace = (error: unknown) =>
  error instanceof AnalysisServiceError && error.code === 'InvalidParameterException' && /no faces in the image/i.test(error.message);

/**
 * Creates the helper for one collection.
 * @returns the collection operations; `threshold` (0–1) defaults to 0.8 (Rekognition's default FaceMatchThreshold)
 * @example
 * const people = createRekognitionFaceCollection({ collectionId: faceCollectionIdFor('mediagraph', owner) });
 * await people.ensureExists();
 * const [face] = await people.indexFaces(jpeg, { externalImageId: mediaId });
 */
export function createRekognitionFaceCollection(options: RekognitionAdapterOptions & { collectionId: string }): RekognitionFaceCollection {
  const client = rekognitionClient(options);
  const CollectionId = options.collectionId;
  return {
    collectionId: CollectionId,

    async ensureExists() {
      try {
        await callService('Rekognition', 'CreateCollection', () => client.send(new CreateCollectionCommand({ CollectionId })), options.retry);
      } catch (error) {
        if (error instanceof AnalysisServiceError && error.code === 'ResourceAlreadyExistsException') return;
        throw error;
      }
    },

    async indexFaces(image, { externalImageId, maxFaces }) {
      const bytes = await prepareRekognitionImage(image);
      const response = await callService(
        'Rekognition',
        'IndexFaces',
        () =>
          client.send(
            new IndexFacesCommand({
              CollectionId,
              Image: { Bytes: bytes },
              ExternalImageId: externalImageIdFor(externalImageId),
              DetectionAttributes: ['DEFAULT'],
              QualityFilter: 'AUTO',
              ...(maxFaces !== undefined ? { MaxFaces: maxFaces } : {}),
            }),
          ),
        options.retry,
      );
      return (response.FaceRecords ?? []).flatMap((record) =>
        record.Face?.FaceId
          ? [{ faceId: record.Face.FaceId, box: toBox(record.Face.BoundingBox), confidence: toUnit(record.Face.Confidence), externalImageId: record.Face.ExternalImageId ?? null }]
          : [],
      );
    },

    async searchByImage(image, settings = {}) {
      const bytes = await prepareRekognitionImage(image);
      try {
        const response = await callService(
          'Rekognition',
          'SearchFacesByImage',
          () =>
            client.send(
              new SearchFacesByImageCommand({ CollectionId, Image: { Bytes: bytes }, FaceMatchThreshold: (settings.threshold ?? 0.8) * 100, MaxFaces: settings.maxFaces ?? 20 }),
            ),
          options.retry,
        );
        return (response.FaceMatches ?? []).flatMap(toMatch);
      } catch (error) {
        if (isNoFace(error)) return [];
        throw error;
      }
    },

    async searchByFaceId(faceId, settings = {}) {
      const response = await callService(
        'Rekognition',
        'SearchFaces',
        () => client.send(new SearchFacesCommand({ CollectionId, FaceId: faceId, FaceMatchThreshold: (settings.threshold ?? 0.8) * 100, MaxFaces: settings.maxFaces ?? 20 })),
        options.retry,
      );
      return (response.FaceMatches ?? []).flatMap(toMatch);
    },

    async deleteFaces(faceIds) {
      await deleteCollectionFaces(client, CollectionId, faceIds, options.retry);
    },
  };
}
