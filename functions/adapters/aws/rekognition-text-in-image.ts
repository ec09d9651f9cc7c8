/**
 * TextInImage over Rekognition DetectText. Rekognition returns every LINE and every WORD (each
 * word's ParentId naming its line — "Operation response" in
 * https://docs.aws.amazon.com/rekognition/latest/dg/text-detecting-text-procedure.html); the port
 * wants lines, so WORD detections are dropped.
 */
import { DetectTextCommand } from '@aws-sdk/client-rekognition';
import type { DetectedTextLine, TextInImage } from '../../ports/text-in-image';
import { callService } from './analysis-service-error';
import { rekognitionClient, toBox, toUnit, type RekognitionAdapterOptions } from './rekognition-client';
import { prepareRekognitionImage } from './rekognition-image';

/**
 * Creates the OCR adapter.
 * @returns a TextInImage giving lines in Rekognition's order (top to bottom)
 */
export function createRekognitionTextInImage(options: RekognitionAdapterOptions = {}): TextInImage {
  const client = rekognitionClient(options);
  return {
    async detectText(image): Promise<DetectedTextLine[]> {
      const bytes = await prepareRekognitionImage(image);
      const response = await callService('Rekognition', 'DetectText', () => client.send(new DetectTextCommand({ Image: { Bytes: bytes } })), options.retry);
      return (response.TextDetections ?? [])
        .filter((detection) => detection.Type === 'LINE' && detection.DetectedText)
        .map((detection) => ({ text: detection.DetectedText!, confidence: toUnit(detection.Confidence), box: toBox(detection.Geometry?.BoundingBox) }));
    },
  };
}
