import { DeleteFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnalysisServiceError } from '../../../../../functions/adapters/aws/analysis-service-error';
import { createRekognitionFaceRemoval } from '../../../../../functions/adapters/aws/rekognition-face-removal';
import { NO_WAIT, serviceError } from './aws-errors';

const rekognition = mockClient(RekognitionClient);
const removal = () => createRekognitionFaceRemoval({ client: new RekognitionClient({ region: 'us-east-1' }), retry: NO_WAIT, collectionPrefix: 'mediagraph-table' });

beforeEach(() => {
  rekognition.reset();
});

describe('Function: createRekognitionFaceRemoval', () => {
  it("deletes the faces from the owner's collection, 4,096 ids per DeleteFaces call", async () => {
    // Prepare: the DeleteFaces example response of the API reference (https://docs.aws.amazon.com/rekognition/latest/APIReference/API_DeleteFaces.html).
    rekognition.on(DeleteFacesCommand).resolves({ DeletedFaces: ['11111111-2222-3333-4444-555555555555'], UnsuccessfulFaceDeletions: [] });
    const ids = Array.from({ length: 4100 }, (_, i) => `face-${i}`);

    // Act
    await removal()('alice@example.com', ids);

    // Assess
    const calls = rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.CollectionId)).toEqual(['mediagraph-table-alice_example.com', 'mediagraph-table-alice_example.com']);
    expect(calls.map((input) => input.FaceIds!.length)).toEqual([4096, 4]);
    expect(calls[1]!.FaceIds).toEqual(['face-4096', 'face-4097', 'face-4098', 'face-4099']);
  });

  it('has nothing to remove for an owner without a collection (ResourceNotFoundException)', async () => {
    // Prepare
    rekognition.on(DeleteFacesCommand).rejects(serviceError('ResourceNotFoundException', 400));

    // Act / Assess
    await expect(removal()('alice', ['face-1'])).resolves.toBeUndefined();
  });

  it('fails with a typed error when Rekognition refuses', async () => {
    // Prepare
    rekognition.on(DeleteFacesCommand).rejects(serviceError('AccessDeniedException', 400));

    // Act / Assess
    await expect(removal()('alice', ['face-1'])).rejects.toBeInstanceOf(AnalysisServiceError);
  });
});
