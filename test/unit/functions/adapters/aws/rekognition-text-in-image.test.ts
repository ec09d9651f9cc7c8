import { DetectTextCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnalysisServiceError } from '../../../../../functions/adapters/aws/analysis-service-error';
import { createRekognitionTextInImage } from '../../../../../functions/adapters/aws/rekognition-text-in-image';
import { NO_WAIT, serviceError } from './aws-errors';

const rekognition = mockClient(RekognitionClient);

const box = (Height: number, Left: number, Top: number, Width: number) => ({ BoundingBox: { Height, Left, Top, Width } });

/**
 * From the DetectText "Operation response" example (the "IT'S MONDAY but keep Smiling" image) in
 * https://docs.aws.amazon.com/rekognition/latest/dg/text-detecting-text-procedure.html — polygons
 * left out, two of the WORD detections kept.
 */
const DOCUMENTED_RESPONSE = {
  TextDetections: [
    { Confidence: 90.54900360107422, DetectedText: "IT'S", Geometry: box(0.10317354649305344, 0.6677391529083252, 0.17569075524806976, 0.15113449096679688), Id: 0, Type: 'LINE' as const },
    { Confidence: 59.411651611328125, DetectedText: 'I', Geometry: box(0.05955825746059418, 0.2763049304485321, 0.394121915102005, 0.026684552431106567), Id: 1, Type: 'LINE' as const },
    { Confidence: 92.76634979248047, DetectedText: 'MONDAY', Geometry: box(0.11997425556182861, 0.5545867085456848, 0.34920141100883484, 0.39841532707214355), Id: 2, Type: 'LINE' as const },
    { Confidence: 96.7636489868164, DetectedText: 'but keep', Geometry: box(0.0756164938211441, 0.634815514087677, 0.5181083083152771, 0.20877975225448608), Id: 3, Type: 'LINE' as const },
    { Confidence: 99.47185516357422, DetectedText: 'Smiling', Geometry: box(0.2814019024372101, 0.48475268483161926, 0.6823741793632507, 0.47539761662483215), Id: 4, Type: 'LINE' as const },
    { Confidence: 95.33189392089844, DetectedText: 'but', Geometry: box(0.06849122047424316, 0.6350157260894775, 0.5214487314224243, 0.08413040637969971), Id: 8, ParentId: 3, Type: 'WORD' as const },
    { Confidence: 98.1954116821289, DetectedText: 'keep', Geometry: box(0.07207882404327393, 0.7295929789543152, 0.5265749096870422, 0.11196041107177734), Id: 9, ParentId: 3, Type: 'WORD' as const },
  ],
};

const jpeg = () => sharp({ create: { width: 80, height: 80, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
const ocr = () => createRekognitionTextInImage({ client: new RekognitionClient({ region: 'us-east-1' }), retry: NO_WAIT });

beforeEach(() => {
  rekognition.reset();
});

describe('Function: createRekognitionTextInImage', () => {
  it('returns the LINE detections only, with 0–1 confidence and their boxes', async () => {
    // Prepare
    rekognition.on(DetectTextCommand).resolves(DOCUMENTED_RESPONSE);
    const image = await jpeg();

    // Act
    const lines = await ocr().detectText(image);

    // Assess
    expect(rekognition.commandCalls(DetectTextCommand)[0]!.args[0].input).toEqual({ Image: { Bytes: image } });
    expect(lines.map((line) => line.text)).toEqual(["IT'S", 'I', 'MONDAY', 'but keep', 'Smiling']);
    expect(lines[3]!.confidence).toBeCloseTo(0.967636489, 8);
    expect(lines[3]!.box).toEqual({ left: 0.634815514087677, top: 0.5181083083152771, width: 0.20877975225448608, height: 0.0756164938211441 });
  });

  it('retries a transient 5xx (InternalServerError) but not InvalidParameterException', async () => {
    // Prepare
    rekognition.on(DetectTextCommand).rejectsOnce(serviceError('InternalServerError', 500)).resolves(DOCUMENTED_RESPONSE);

    // Act
    const lines = await ocr().detectText(await jpeg());
    rekognition.reset();
    rekognition.on(DetectTextCommand).rejects(serviceError('InvalidParameterException', 400));
    const failure = await ocr().detectText(await jpeg()).catch((error: unknown) => error);

    // Assess
    expect(lines).toHaveLength(5);
    expect(failure).toBeInstanceOf(AnalysisServiceError);
    expect(rekognition.commandCalls(DetectTextCommand)).toHaveLength(1);
  });
});
