import { CreateCollectionCommand, DeleteFacesCommand, DetectFacesCommand, IndexFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRekognitionFaceDetector } from '../../../../../functions/adapters/aws/rekognition-face-detector';
import { NO_WAIT, serviceError } from './aws-errors';

const rekognition = mockClient(RekognitionClient);

/**
 * The "DetectFaces operation response" example of the Rekognition Developer Guide,
 * https://docs.aws.amazon.com/rekognition/latest/dg/faces-detect-images.html (landmarks after the
 * first seven left out).
 */
const DOCUMENTED_FACE = {
  AgeRange: { High: 36, Low: 19 },
  Beard: { Confidence: 99.99388122558594, Value: false },
  BoundingBox: { Height: 0.35353535413742065, Left: 0.10707070678472519, Top: 0.12777778506278992, Width: 0.47138047218322754 },
  Confidence: 99.99736785888672,
  Emotions: [
    { Confidence: 89.59288024902344, Type: 'HAPPY' as const },
    { Confidence: 5.3619384765625, Type: 'CALM' as const },
    { Confidence: 4.1074934005737305, Type: 'ANGRY' as const },
  ],
  Eyeglasses: { Confidence: 99.96102142333984, Value: false },
  EyesOpen: { Confidence: 99.97982788085938, Value: true },
  Gender: { Confidence: 100, Value: 'Female' as const },
  Landmarks: [
    { Type: 'eyeLeft' as const, X: 0.23772846162319183, Y: 0.2778792679309845 },
    { Type: 'eyeRight' as const, X: 0.3944779932498932, Y: 0.2527812421321869 },
    { Type: 'nose' as const, X: 0.28617316484451294, Y: 0.3367626965045929 },
    { Type: 'mouthLeft' as const, X: 0.288897842168808, Y: 0.4019121527671814 },
    { Type: 'mouthRight' as const, X: 0.41363197565078735, Y: 0.38766127824783325 },
    { Type: 'leftPupil' as const, X: 0.25244733691215515, Y: 0.27739065885543823 },
    { Type: 'rightPupil' as const, X: 0.4029206931591034, Y: 0.24940147995948792 },
  ],
  MouthOpen: { Confidence: 99.9799041748046, Value: false },
  Mustache: { Confidence: 99.97885131835938, Value: false },
  Pose: { Pitch: 1.0711474418640137, Roll: -10.933034896850586, Yaw: -25.838171005249023 },
  Quality: { Brightness: 43.86729431152344, Sharpness: 99.95819854736328 },
  Smile: { Confidence: 96.89310455322266, Value: true },
  Sunglasses: { Confidence: 80.4033432006836, Value: false },
};

const jpeg = () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#c0a080' } }).jpeg().toBuffer();
const detector = () => createRekognitionFaceDetector({ client: new RekognitionClient({ region: 'us-east-1' }), retry: NO_WAIT });

beforeEach(() => {
  rekognition.reset();
});

describe('Function: createRekognitionFaceDetector', () => {
  it('asks for all attributes and maps box, landmarks, age, gender and emotions; no embedding', async () => {
    // Prepare
    rekognition.on(DetectFacesCommand).resolves({ FaceDetails: [DOCUMENTED_FACE] });
    const image = await jpeg();

    // Act
    const [face, ...others] = await detector().detectFaces(image);

    // Assess
    expect(rekognition.commandCalls(DetectFacesCommand)[0]!.args[0].input).toEqual({ Image: { Bytes: image }, Attributes: ['ALL'] });
    expect(others).toEqual([]);
    expect(face!.box).toEqual({ left: 0.10707070678472519, top: 0.12777778506278992, width: 0.47138047218322754, height: 0.35353535413742065 });
    expect(face!.confidence).toBeCloseTo(0.9999736785, 9);
    expect(face!.landmarks).toHaveLength(7);
    expect(face!.landmarks[2]).toEqual({ type: 'nose', x: 0.28617316484451294, y: 0.3367626965045929 });
    expect(face!.attributes.ageRange).toEqual({ low: 19, high: 36 });
    expect(face!.attributes.gender).toEqual({ value: 'Female', confidence: 1 });
    expect(face!.attributes.emotions!.map((emotion) => emotion.type)).toEqual(['HAPPY', 'CALM', 'ANGRY']);
    expect(face!.attributes.emotions![0]!.confidence).toBeCloseTo(0.8959288, 6);
    expect(face!.embedding).toBeNull();
  });

  it('drops faces under minConfidence (DetectFaces has no threshold of its own)', async () => {
    // Prepare
    rekognition.on(DetectFacesCommand).resolves({ FaceDetails: [DOCUMENTED_FACE, { ...DOCUMENTED_FACE, Confidence: 62.5 }] });

    // Act
    const faces = await detector().detectFaces(await jpeg(), { minConfidence: 0.9 });

    // Assess
    expect(faces.map((face) => face.confidence)).toEqual([expect.closeTo(0.99997, 4)]);
  });

  it('returns no faces for an image without any', async () => {
    // Prepare
    rekognition.on(DetectFacesCommand).resolves({ FaceDetails: [] });

    // Act + Assess
    expect(await detector().detectFaces(await jpeg())).toEqual([]);
  });

  it('retries ProvisionedThroughputExceededException', async () => {
    // Prepare
    rekognition.on(DetectFacesCommand).rejectsOnce(serviceError('ProvisionedThroughputExceededException', 400)).resolves({ FaceDetails: [DOCUMENTED_FACE] });

    // Act
    const faces = await detector().detectFaces(await jpeg());

    // Assess
    expect(rekognition.commandCalls(DetectFacesCommand)).toHaveLength(2);
    expect(faces).toHaveLength(1);
  });
});

describe('Function: createRekognitionFaceDetector (indexing into the owner\'s collection)', () => {
  const indexing = () => createRekognitionFaceDetector({ client: new RekognitionClient({ region: 'us-east-1' }), retry: NO_WAIT, collectionPrefix: 'mediagraph-table' });
  /**
   * IndexFaces in the shape of the API reference's example
   * (https://docs.aws.amazon.com/rekognition/latest/APIReference/API_IndexFaces.html): FaceRecords
   * with Face (FaceId, ExternalImageId) and FaceDetail, and UnindexedFaces with Reasons and FaceDetail.
   */
  const INDEXED = {
    FaceModelVersion: '7.0',
    FaceRecords: [
      {
        Face: {
          BoundingBox: DOCUMENTED_FACE.BoundingBox,
          Confidence: DOCUMENTED_FACE.Confidence,
          ExternalImageId: 'media-42',
          FaceId: '11111111-2222-3333-4444-555555555555',
          ImageId: '11111111-2222-3333-4444-666666666666',
        },
        FaceDetail: DOCUMENTED_FACE,
      },
    ],
    UnindexedFaces: [{ Reasons: ['LOW_SHARPNESS' as const], FaceDetail: { ...DOCUMENTED_FACE, Confidence: 91.5, BoundingBox: { Height: 0.05, Left: 0.8, Top: 0.1, Width: 0.04 } } }],
  };

  it('indexes the faces into the owner\'s collection under the media id, each indexed face with its FaceId', async () => {
    // Prepare
    rekognition.on(IndexFacesCommand).resolves(INDEXED);
    const image = await jpeg();

    // Act
    const faces = await indexing().detectFaces(image, { index: { owner: 'alice-sub', mediaId: 'media-42' } });

    // Assess
    expect(rekognition.commandCalls(DetectFacesCommand)).toEqual([]);
    expect(rekognition.commandCalls(IndexFacesCommand)[0]!.args[0].input).toEqual({
      CollectionId: 'mediagraph-table-alice-sub',
      Image: { Bytes: image },
      ExternalImageId: 'media-42',
      DetectionAttributes: ['ALL'],
      QualityFilter: 'AUTO',
      MaxFaces: 100,
    });
    expect(faces.map((face) => face.externalFaceId)).toEqual(['11111111-2222-3333-4444-555555555555', null]);
    expect(faces[0]).toMatchObject({ box: { left: 0.10707070678472519 }, attributes: { ageRange: { low: 19, high: 36 } }, embedding: null });
    expect(faces[0]!.landmarks).toHaveLength(7);
    expect(faces[1]!.confidence).toBeCloseTo(0.915, 6);
  });

  it('creates the collection on first use and indexes again (ResourceNotFoundException)', async () => {
    // Prepare
    rekognition.on(IndexFacesCommand).rejectsOnce(serviceError('ResourceNotFoundException', 400, 'The collection id: mediagraph-table-alice-sub does not exist')).resolves(INDEXED);
    rekognition.on(CreateCollectionCommand).rejects(serviceError('ResourceAlreadyExistsException', 400));

    // Act
    const faces = await indexing().detectFaces(await jpeg(), { index: { owner: 'alice-sub', mediaId: 'media-42' } });

    // Assess
    expect(rekognition.commandCalls(CreateCollectionCommand).map((call) => call.args[0].input)).toEqual([{ CollectionId: 'mediagraph-table-alice-sub' }]);
    expect(rekognition.commandCalls(IndexFacesCommand)).toHaveLength(2);
    expect(faces).toHaveLength(2);
  });

  it('removes indexed faces it drops under minConfidence from the collection', async () => {
    // Prepare
    rekognition.on(IndexFacesCommand).resolves({ ...INDEXED, FaceRecords: [...INDEXED.FaceRecords, { Face: { FaceId: 'weak-face' }, FaceDetail: { ...DOCUMENTED_FACE, Confidence: 55 } }] });
    rekognition.on(DeleteFacesCommand).resolves({ DeletedFaces: ['weak-face'] });

    // Act
    const faces = await indexing().detectFaces(await jpeg(), { minConfidence: 0.9, index: { owner: 'alice-sub', mediaId: 'media-42' } });

    // Assess
    expect(faces.map((face) => face.externalFaceId)).toEqual(['11111111-2222-3333-4444-555555555555', null]);
    expect(rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input)).toEqual([{ CollectionId: 'mediagraph-table-alice-sub', FaceIds: ['weak-face'] }]);
  });

  it('detects without indexing when no media is named, or no collection is configured', async () => {
    // Prepare
    rekognition.on(DetectFacesCommand).resolves({ FaceDetails: [DOCUMENTED_FACE] });

    // Act
    const plain = await indexing().detectFaces(await jpeg());
    const unconfigured = await detector().detectFaces(await jpeg(), { index: { owner: 'alice-sub', mediaId: 'media-42' } });

    // Assess
    expect(rekognition.commandCalls(IndexFacesCommand)).toEqual([]);
    expect([...plain, ...unconfigured].map((face) => face.externalFaceId)).toEqual([null, null]);
  });
});
