import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnalysisServiceError } from '../../../../../functions/adapters/aws/analysis-service-error';
import { createRekognitionLabelDetector } from '../../../../../functions/adapters/aws/rekognition-label-detector';
import { NO_WAIT, serviceError } from './aws-errors';

const rekognition = mockClient(RekognitionClient);

/**
 * Abridged from the "DetectLabels response" example in the Rekognition Developer Guide,
 * https://docs.aws.amazon.com/rekognition/latest/dg/labels-detect-labels-image.html (first two of
 * Car's fourteen instances kept).
 */
const DOCUMENTED_RESPONSE = {
  Labels: [
    { Name: 'Vehicle', Confidence: 99.15271759033203, Instances: [], Parents: [{ Name: 'Transportation' }] },
    { Name: 'Transportation', Confidence: 99.15271759033203, Instances: [], Parents: [] },
    { Name: 'Automobile', Confidence: 99.15271759033203, Instances: [], Parents: [{ Name: 'Vehicle' }, { Name: 'Transportation' }] },
    {
      Name: 'Car',
      Confidence: 99.15271759033203,
      Instances: [
        { BoundingBox: { Width: 0.10616336017847061, Height: 0.18528179824352264, Left: 0.0037978808395564556, Top: 0.5039216876029968 }, Confidence: 99.15271759033203 },
        { BoundingBox: { Width: 0.2429988533258438, Height: 0.21577216684818268, Left: 0.7309805154800415, Top: 0.5251884460449219 }, Confidence: 99.1286392211914 },
      ],
      Parents: [{ Name: 'Vehicle' }, { Name: 'Transportation' }],
    },
    { Name: 'Human', Confidence: 98.9914321899414, Instances: [], Parents: [] },
    {
      Name: 'Person',
      Confidence: 98.9914321899414,
      Instances: [
        { BoundingBox: { Width: 0.19360728561878204, Height: 0.2742200493812561, Left: 0.43734854459762573, Top: 0.35072067379951477 }, Confidence: 98.9914321899414 },
        { BoundingBox: { Width: 0.03801717236638069, Height: 0.06597328186035156, Left: 0.9155802130699158, Top: 0.5010883808135986 }, Confidence: 85.02790832519531 },
      ],
      Parents: [],
    },
  ],
  LabelModelVersion: '2.0',
};

const smallJpeg = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } }).jpeg().toBuffer();
const detector = () => createRekognitionLabelDetector({ client: new RekognitionClient({ region: 'us-east-1' }), retry: NO_WAIT });

beforeEach(() => {
  rekognition.reset();
});

describe('Function: createRekognitionLabelDetector', () => {
  it('maps confidences to 0–1, instances to boxes and parents to names, most confident first', async () => {
    // Prepare
    rekognition.on(DetectLabelsCommand).resolves(DOCUMENTED_RESPONSE);

    // Act
    const labels = await detector().detectLabels(await smallJpeg());

    // Assess
    expect(labels.map((label) => label.name)).toEqual(['Vehicle', 'Transportation', 'Automobile', 'Car', 'Human', 'Person']);
    const car = labels.find((label) => label.name === 'Car')!;
    expect(car.confidence).toBeCloseTo(0.9915271759, 9);
    expect(car.parents).toEqual(['Vehicle', 'Transportation']);
    expect(car.instances[1]!.box).toEqual({ left: 0.7309805154800415, top: 0.5251884460449219, width: 0.2429988533258438, height: 0.21577216684818268 });
    expect(car.instances[1]!.confidence).toBeCloseTo(0.991286392211914, 12);
    expect(labels.find((label) => label.name === 'Person')!.instances[1]!.confidence).toBeCloseTo(0.8502790832, 9);
    expect(labels.find((label) => label.name === 'Transportation')!.parents).toEqual([]);
  });

  it('sends the image bytes with MinConfidence and MaxLabels in percent', async () => {
    // Prepare
    rekognition.on(DetectLabelsCommand).resolves({ Labels: [] });
    const jpeg = await smallJpeg();

    // Act
    await detector().detectLabels(jpeg, { minConfidence: 0.7, maxLabels: 10 });

    // Assess
    const input = rekognition.commandCalls(DetectLabelsCommand)[0]!.args[0].input;
    expect(input).toEqual({ Image: { Bytes: jpeg }, MinConfidence: 70, MaxLabels: 10 });
  });

  it("uses Rekognition's default threshold of 50 when none is given", async () => {
    // Prepare
    rekognition.on(DetectLabelsCommand).resolves({ Labels: [] });

    // Act
    await detector().detectLabels(await smallJpeg());

    // Assess
    expect(rekognition.commandCalls(DetectLabelsCommand)[0]!.args[0].input).toEqual(expect.objectContaining({ MinConfidence: 50 }));
    expect(rekognition.commandCalls(DetectLabelsCommand)[0]!.args[0].input).not.toHaveProperty('MaxLabels');
  });

  it('retries ThrottlingException and ProvisionedThroughputExceededException, then returns the labels', async () => {
    // Prepare: the API reference lists ThrottlingException as HTTP 500 and ProvisionedThroughputExceededException as 400
    rekognition
      .on(DetectLabelsCommand)
      .rejectsOnce(serviceError('ThrottlingException', 500))
      .rejectsOnce(serviceError('ProvisionedThroughputExceededException', 400))
      .resolves(DOCUMENTED_RESPONSE);

    // Act
    const labels = await detector().detectLabels(await smallJpeg());

    // Assess
    expect(rekognition.commandCalls(DetectLabelsCommand)).toHaveLength(3);
    expect(labels).toHaveLength(6);
  });

  it('does not retry InvalidImageFormatException and reports it as an AnalysisServiceError', async () => {
    // Prepare
    rekognition.on(DetectLabelsCommand).rejects(serviceError('InvalidImageFormatException', 400, 'Request has invalid image format'));

    // Act
    const failure = await detector().detectLabels(await smallJpeg()).catch((error: unknown) => error);

    // Assess
    expect(rekognition.commandCalls(DetectLabelsCommand)).toHaveLength(1);
    expect(failure).toBeInstanceOf(AnalysisServiceError);
    expect(failure).toMatchObject({ service: 'Rekognition', operation: 'DetectLabels', code: 'InvalidImageFormatException' });
  });

  it('sends a downscaled JPEG when the image is over 5 MB', async () => {
    // Prepare: an incompressible 1400×1400 PNG (≈ 5.9 MB)
    const big = await sharp({ create: { width: 1400, height: 1400, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.length).toBeGreaterThan(5_000_000);
    rekognition.on(DetectLabelsCommand).resolves({ Labels: [] });

    // Act
    await detector().detectLabels(big);

    // Assess
    const sent = rekognition.commandCalls(DetectLabelsCommand)[0]!.args[0].input.Image!.Bytes!;
    expect(sent.length).toBeLessThanOrEqual(5_000_000);
    expect((await sharp(sent).metadata()).format).toBe('jpeg');
  });
});
