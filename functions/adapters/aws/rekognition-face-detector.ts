/**
 * FaceDetector over Rekognition DetectFaces with `Attributes: ['ALL']` (age range, gender,
 * emotions and all landmarks; the default set has only five landmarks and no attributes — see
 * "DetectFaces operation response" in https://docs.aws.amazon.com/rekognition/latest/dg/faces-detect-images.html).
 * `embedding` is null: on AWS, recognising a person goes through a face collection.
 *
 * Configured with a `collectionPrefix` and asked with `index: { owner, mediaId }`, it detects by
 * indexing instead (IndexFaces into the owner's collection, same attributes, one call, same price
 * group as DetectFaces): each indexed face comes back with its FaceId as `externalFaceId`, which the
 * collection matcher (rekognition-collection-matcher.ts) searches with. Faces IndexFaces detected but
 * did not index (UnindexedFaces: its quality filter) are still returned, with `externalFaceId: null`.
 */
import { CreateCollectionCommand, DetectFacesCommand, IndexFacesCommand, type FaceDetail } from '@aws-sdk/client-rekognition';
import type { DetectedFace, FaceDetector } from '../../ports/face-detector';
import { AnalysisServiceError, callService } from './analysis-service-error';
import { rekognitionClient, toBox, toUnit, type RekognitionAdapterOptions } from './rekognition-client';
import { externalImageIdFor } from './rekognition-face-collection';
import { deleteCollectionFaces, faceCollectionIdFor } from './rekognition-face-removal';
import { prepareRekognitionImage } from './rekognition-image';

/** One FaceDetail as the port's face. */
export function toDetectedFace(face: FaceDetail): DetectedFace {
  const attributes: DetectedFace['attributes'] = {};
  if (face.AgeRange?.Low !== undefined && face.AgeRange.High !== undefined) {
    attributes.ageRange = { low: face.AgeRange.Low, high: face.AgeRange.High };
  }
  if (face.Gender?.Value) {
    attributes.gender = { value: face.Gender.Value, confidence: toUnit(face.Gender.Confidence) };
  }
  if (face.Emotions?.length) {
    attributes.emotions = face.Emotions.flatMap((emotion) => (emotion.Type ? [{ type: emotion.Type, confidence: toUnit(emotion.Confidence) }] : [])).sort(
      (a, b) => b.confidence - a.confidence,
    );
  }
  return {
    box: toBox(face.BoundingBox),
    confidence: toUnit(face.Confidence),
    landmarks: (face.Landmarks ?? []).flatMap((landmark) => (landmark.Type ? [{ type: landmark.Type, x: landmark.X ?? 0, y: landmark.Y ?? 0 }] : [])),
    attributes,
    embedding: null,
  };
}

/** A detected face, and its FaceId in the owner's collection when it was indexed. */
export type IndexedDetectedFace = DetectedFace & { externalFaceId: string | null };

export interface RekognitionFaceDetectionOptions {
  /** Faces under this confidence (0–1) are dropped. @default 0 */
  minConfidence?: number;
  /** Index the faces into `owner`'s collection, tagged with the media id (needs `collectionPrefix`). */
  index?: { owner: string; mediaId: string };
}

export interface RekognitionFaceDetectorOptions extends RekognitionAdapterOptions {
  /** Collections are `faceCollectionIdFor(collectionPrefix, owner)`; without it, `index` is ignored. */
  collectionPrefix?: string;
}

/** The port's detector, which can also index (a wider `options`, faces with `externalFaceId`). */
export interface RekognitionFaceDetector extends FaceDetector {
  detectFaces(image: Buffer, settings?: RekognitionFaceDetectionOptions): Promise<IndexedDetectedFace[]>;
}

/** IndexFaces indexes at most this many faces of an image, largest first (its MaxFaces; the rest come back unindexed). */
export const INDEX_MAX_FACES = 100;

const isMissingCollection = (error: unknown) => error instanceof AnalysisServiceError && error.code === 'ResourceNotFoundException';
const isExistingCollection = (error: unknown) => error instanceof AnalysisServiceError && error.code === 'ResourceAlreadyExistsException';

/**
 * Creates the detector.
 * @returns a FaceDetector; faces under `minConfidence` (0–1, default 0) are dropped
 */
export function createRekognitionFaceDetector(options: RekognitionFaceDetectorOptions = {}): RekognitionFaceDetector {
  const client = rekognitionClient(options);

  const indexFaces = async (CollectionId: string, bytes: Uint8Array, mediaId: string) =>
    callService(
      'Rekognition',
      'IndexFaces',
      () =>
        client.send(
          new IndexFacesCommand({
            CollectionId,
            Image: { Bytes: bytes },
            ExternalImageId: externalImageIdFor(mediaId),
            DetectionAttributes: ['ALL'],
            QualityFilter: 'AUTO',
            MaxFaces: INDEX_MAX_FACES,
          }),
        ),
      options.retry,
    );

  /** IndexFaces into the owner's collection, creating the collection on first use (ResourceNotFoundException). */
  const detectByIndexing = async (bytes: Uint8Array, index: { owner: string; mediaId: string }, prefix: string): Promise<IndexedDetectedFace[]> => {
    const CollectionId = faceCollectionIdFor(prefix, index.owner);
    let response;
    try {
      response = await indexFaces(CollectionId, bytes, index.mediaId);
    } catch (error) {
      if (!isMissingCollection(error)) throw error;
      try {
        await callService('Rekognition', 'CreateCollection', () => client.send(new CreateCollectionCommand({ CollectionId })), options.retry);
      } catch (creation) {
        // Another analyzer created it meanwhile.
        if (!isExistingCollection(creation)) throw creation;
      }
      response = await indexFaces(CollectionId, bytes, index.mediaId);
    }
    return [
      ...(response.FaceRecords ?? []).flatMap((record) =>
        record.FaceDetail ? [{ ...toDetectedFace(record.FaceDetail), externalFaceId: record.Face?.FaceId ?? null }] : [],
      ),
      ...(response.UnindexedFaces ?? []).flatMap((unindexed) => (unindexed.FaceDetail ? [{ ...toDetectedFace(unindexed.FaceDetail), externalFaceId: null }] : [])),
    ];
  };

  return {
    async detectFaces(image, settings: RekognitionFaceDetectionOptions = {}): Promise<IndexedDetectedFace[]> {
      const bytes = await prepareRekognitionImage(image);
      const minConfidence = settings.minConfidence ?? 0;
      const faces =
        settings.index && options.collectionPrefix
          ? await detectByIndexing(bytes, settings.index, options.collectionPrefix)
          : (
              await callService('Rekognition', 'DetectFaces', () => client.send(new DetectFacesCommand({ Image: { Bytes: bytes }, Attributes: ['ALL'] })), options.retry)
            ).FaceDetails?.map((face) => ({ ...toDetectedFace(face), externalFaceId: null })) ?? [];
      const dropped = faces.flatMap((face) => (face.confidence < minConfidence && face.externalFaceId ? [face.externalFaceId] : []));
      // A face not handed on is never stored, so it must not stay in the collection to be matched.
      if (dropped.length > 0 && settings.index && options.collectionPrefix) {
        await deleteCollectionFaces(client, faceCollectionIdFor(options.collectionPrefix, settings.index.owner), dropped, options.retry);
      }
      return faces.filter((face) => face.confidence >= minConfidence);
    },
  };
}
