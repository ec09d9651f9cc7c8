import {
  CreateCollectionCommand,
  DeleteFacesCommand,
  IndexFacesCommand,
  RekognitionClient,
  SearchFacesByImageCommand,
  SearchFacesCommand,
} from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnalysisServiceError } from '../../../../../functions/adapters/aws/analysis-service-error';
import { createRekognitionFaceCollection, faceCollectionIdFor } from '../../../../../functions/adapters/aws/rekognition-face-collection';
import { NO_WAIT, serviceError } from './aws-errors';

const rekognition = mockClient(RekognitionClient);

const jpeg = () => sharp({ create: { width: 120, height: 120, channels: 3, background: '#d0b090' } }).jpeg().toBuffer();
const collection = () => createRekognitionFaceCollection({ collectionId: 'mediagraph-user-1', client: new RekognitionClient({ region: 'us-east-1' }), retry: NO_WAIT });

/** The IndexFaces sample response in the API reference, https://docs.aws.amazon.com/rekognition/latest/APIReference/API_IndexFaces.html (FaceDetail left out). */
const INDEXED = {
  FaceModelVersion: '2.0',
  FaceRecords: [
    {
      Face: {
        BoundingBox: { Height: 0.22206704318523407, Left: 0.503333330154419, Top: 0.21229049563407898, Width: 0.17666666209697723 },
        Confidence: 99.9996566772461,
        FaceId: '11111111-2222-3333-4444-555555555555',
        ImageId: '11111111-2222-3333-4444-555555555555',
        ExternalImageId: 'media_42',
      },
    },
  ],
};

/** The SearchFacesByImage sample response in the API reference, https://docs.aws.amazon.com/rekognition/latest/APIReference/API_SearchFacesByImage.html (two of four matches). */
const MATCHED = {
  FaceMatches: [
    {
      Face: {
        BoundingBox: { Height: 0.2220669984817505, Left: 0.5033329725265503, Top: 0.21229000389575958, Width: 0.1766670048236847 },
        Confidence: 99.99970245361328,
        FaceId: '11111111-2222-3333-4444-555555555555',
        ImageId: '11111111-2222-3333-4444-555555555555',
      },
      Similarity: 100,
    },
    {
      Face: {
        BoundingBox: { Height: 0.1622219979763031, Left: 0.18942700326442719, Top: 0.008888890035450459, Width: 0.21292200684547424 },
        Confidence: 99.963897705078, // 99.96389770507812 in the example: more digits than a double holds
        ExternalImageId: 'jadenoah2',
        FaceId: '11111111-2222-3333-4444-666666666666',
        ImageId: '11111111-2222-3333-4444-555555555555',
      },
      Similarity: 95.46002960205078,
    },
  ],
  FaceModelVersion: '2.0',
  SearchedFaceBoundingBox: { Height: 0.22206704318523407, Left: 0.503333330154419, Top: 0.21229049563407898, Width: 0.17666666209697723 },
  SearchedFaceConfidence: 99.9996566772461,
};

beforeEach(() => {
  rekognition.reset();
});

describe('Function: faceCollectionIdFor', () => {
  it("builds an id Rekognition accepts from a Cognito sub or an e-mail", () => {
    expect(faceCollectionIdFor('mediagraph', 'a1b2-c3d4')).toBe('mediagraph-a1b2-c3d4');
    expect(faceCollectionIdFor('mediagraph', 'jane@example.com')).toMatch(/^[a-zA-Z0-9_.-]+$/);
  });
});

describe('Function: createRekognitionFaceCollection', () => {
  it('creates the collection, and treats an existing one as done', async () => {
    // Prepare
    rekognition.on(CreateCollectionCommand).rejectsOnce(serviceError('ResourceAlreadyExistsException', 400)).resolves({ StatusCode: 200 });

    // Act
    await collection().ensureExists();
    await collection().ensureExists();

    // Assess
    expect(rekognition.commandCalls(CreateCollectionCommand).map((call) => call.args[0].input)).toEqual([{ CollectionId: 'mediagraph-user-1' }, { CollectionId: 'mediagraph-user-1' }]);
  });

  it('indexes faces under a sanitised external image id and returns their face ids', async () => {
    // Prepare
    rekognition.on(IndexFacesCommand).resolves(INDEXED);
    const image = await jpeg();

    // Act
    const faces = await collection().indexFaces(image, { externalImageId: 'media/42', maxFaces: 10 });

    // Assess
    expect(rekognition.commandCalls(IndexFacesCommand)[0]!.args[0].input).toEqual({
      CollectionId: 'mediagraph-user-1',
      Image: { Bytes: image },
      ExternalImageId: 'media_42',
      DetectionAttributes: ['DEFAULT'],
      QualityFilter: 'AUTO',
      MaxFaces: 10,
    });
    expect(faces).toEqual([
      { faceId: '11111111-2222-3333-4444-555555555555', box: { left: 0.503333330154419, top: 0.21229049563407898, width: 0.17666666209697723, height: 0.22206704318523407 }, confidence: expect.closeTo(0.99999, 4), externalImageId: 'media_42' },
    ]);
  });

  it('searches by image with the threshold in percent and maps similarity to 0–1', async () => {
    // Prepare
    rekognition.on(SearchFacesByImageCommand).resolves(MATCHED);

    // Act
    const matches = await collection().searchByImage(await jpeg(), { threshold: 0.9, maxFaces: 5 });

    // Assess
    expect(rekognition.commandCalls(SearchFacesByImageCommand)[0]!.args[0].input).toEqual(expect.objectContaining({ CollectionId: 'mediagraph-user-1', FaceMatchThreshold: 90, MaxFaces: 5 }));
    expect(matches).toEqual([
      { faceId: '11111111-2222-3333-4444-555555555555', similarity: 1, externalImageId: null },
      { faceId: '11111111-2222-3333-4444-666666666666', similarity: expect.closeTo(0.9546003, 6), externalImageId: 'jadenoah2' },
    ]);
  });

  it('returns no matches when the image has no face (InvalidParameterException "There are no faces in the image")', async () => {
    // Prepare
    rekognition.on(SearchFacesByImageCommand).rejects(serviceError('InvalidParameterException', 400, 'There are no faces in the image. Should be at least 1.'));

    // Act + Assess
    expect(await collection().searchByImage(await jpeg())).toEqual([]);
  });

  it('still fails on other invalid parameters', async () => {
    // Prepare
    rekognition.on(SearchFacesByImageCommand).rejects(serviceError('InvalidParameterException', 400, 'Request has invalid parameters'));

    // Act + Assess
    await expect(collection().searchByImage(await jpeg())).rejects.toBeInstanceOf(AnalysisServiceError);
  });

  it('searches by face id and deletes faces', async () => {
    // Prepare
    rekognition.on(SearchFacesCommand).resolves({ SearchedFaceId: '11111111-2222-3333-4444-555555555555', FaceMatches: MATCHED.FaceMatches.slice(1) });
    rekognition.on(DeleteFacesCommand).resolves({ DeletedFaces: ['11111111-2222-3333-4444-666666666666'] });

    // Act
    const matches = await collection().searchByFaceId('11111111-2222-3333-4444-555555555555');
    await collection().deleteFaces(['11111111-2222-3333-4444-666666666666']);

    // Assess
    expect(matches.map((match) => match.faceId)).toEqual(['11111111-2222-3333-4444-666666666666']);
    expect(rekognition.commandCalls(SearchFacesCommand)[0]!.args[0].input).toEqual({ CollectionId: 'mediagraph-user-1', FaceId: '11111111-2222-3333-4444-555555555555', FaceMatchThreshold: 80, MaxFaces: 20 });
    expect(rekognition.commandCalls(DeleteFacesCommand)[0]!.args[0].input).toEqual({ CollectionId: 'mediagraph-user-1', FaceIds: ['11111111-2222-3333-4444-666666666666'] });
  });
});
