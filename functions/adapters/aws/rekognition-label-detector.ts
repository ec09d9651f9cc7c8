/**
 * LabelDetector over Rekognition DetectLabels. Maps each label's 0–100 Confidence to 0–1, its
 * Instances' BoundingBoxes to boxes and its Parents (all ancestors, nearest first, as in the
 * "DetectLabels response" example of https://docs.aws.amazon.com/rekognition/latest/dg/labels-detect-labels-image.html)
 * to `parents`.
 */
import { DetectLabelsCommand } from '@aws-sdk/client-rekognition';
import type { DetectedLabel, LabelDetector } from '../../ports/label-detector';
import { callService } from './analysis-service-error';
import { rekognitionClient, toBox, toUnit, type RekognitionAdapterOptions } from './rekognition-client';
import { prepareRekognitionImage } from './rekognition-image';

/**
 * Creates the detector.
 * @returns a LabelDetector; `minConfidence` defaults to Rekognition's own default, 0.5
 * @example
 * const labels = await createRekognitionLabelDetector({ region: 'eu-west-1' }).detectLabels(jpeg, { minConfidence: 0.7 });
 */
export function createRekognitionLabelDetector(options: RekognitionAdapterOptions = {}): LabelDetector {
  const client = rekognitionClient(options);
  return {
    async detectLabels(image, settings = {}): Promise<DetectedLabel[]> {
      const bytes = await prepareRekognitionImage(image);
      const response = await callService(
        'Rekognition',
        'DetectLabels',
        () =>
          client.send(
            new DetectLabelsCommand({
              Image: { Bytes: bytes },
              MinConfidence: (settings.minConfidence ?? 0.5) * 100,
              ...(settings.maxLabels !== undefined ? { MaxLabels: settings.maxLabels } : {}),
            }),
          ),
        options.retry,
      );
      return (response.Labels ?? [])
        .filter((label) => label.Name)
        .map((label) => ({
          name: label.Name!,
          confidence: toUnit(label.Confidence),
          instances: (label.Instances ?? []).map((instance) => ({ box: toBox(instance.BoundingBox), confidence: toUnit(instance.Confidence) })),
          parents: (label.Parents ?? []).flatMap((parent) => (parent.Name ? [parent.Name] : [])),
        }))
        .sort((a, b) => b.confidence - a.confidence);
    },
  };
}
