import { DetectModerationLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRekognitionModeration } from '../../../../../functions/adapters/aws/rekognition-moderation';
import { NO_WAIT, serviceError } from './aws-errors';

const rekognition = mockClient(RekognitionClient);

/**
 * The DetectModerationLabels response in "Unsafe image detection",
 * https://docs.aws.amazon.com/rekognition/latest/dg/moderation.html — a top-level category has
 * ParentName "".
 */
const DOCUMENTED_RESPONSE = {
  ModerationLabels: [
    { Confidence: 99.24723052978516, ParentName: '', Name: 'Explicit Nudity' },
    { Confidence: 99.24723052978516, ParentName: 'Explicit Nudity', Name: 'Graphic Male Nudity' },
    { Confidence: 88.25341796875, ParentName: 'Explicit Nudity', Name: 'Sexual Activity' },
  ],
};

const jpeg = () => sharp({ create: { width: 80, height: 80, channels: 3, background: '#808080' } }).jpeg().toBuffer();
const moderation = () => createRekognitionModeration({ client: new RekognitionClient({ region: 'us-east-1' }), retry: NO_WAIT });

beforeEach(() => {
  rekognition.reset();
});

describe('Function: createRekognitionModeration', () => {
  it('maps labels with their parent category (null for a top-level one)', async () => {
    // Prepare
    rekognition.on(DetectModerationLabelsCommand).resolves(DOCUMENTED_RESPONSE);

    // Act
    const labels = await moderation().detectUnsafe(await jpeg());

    // Assess
    expect(labels).toEqual([
      { name: 'Explicit Nudity', parent: null, confidence: expect.closeTo(0.9924723, 6) },
      { name: 'Graphic Male Nudity', parent: 'Explicit Nudity', confidence: expect.closeTo(0.9924723, 6) },
      { name: 'Sexual Activity', parent: 'Explicit Nudity', confidence: expect.closeTo(0.8825341, 6) },
    ]);
  });

  it('passes minConfidence as a percentage, 50 by default', async () => {
    // Prepare
    rekognition.on(DetectModerationLabelsCommand).resolves({ ModerationLabels: [] });
    const image = await jpeg();

    // Act
    const none = await moderation().detectUnsafe(image, { minConfidence: 0.8 });
    await moderation().detectUnsafe(image);

    // Assess
    expect(none).toEqual([]);
    const calls = rekognition.commandCalls(DetectModerationLabelsCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([
      { Image: { Bytes: image }, MinConfidence: 80 },
      { Image: { Bytes: image }, MinConfidence: 50 },
    ]);
  });

  it('retries throttling', async () => {
    // Prepare
    rekognition.on(DetectModerationLabelsCommand).rejectsOnce(serviceError('ThrottlingException', 500)).resolves(DOCUMENTED_RESPONSE);

    // Act
    const labels = await moderation().detectUnsafe(await jpeg());

    // Assess
    expect(labels).toHaveLength(3);
    expect(rekognition.commandCalls(DetectModerationLabelsCommand)).toHaveLength(2);
  });
});
