/**
 * Moderation over Rekognition DetectModerationLabels. A top-level category comes back with
 * `ParentName: ""` ("Unsafe image detection" in
 * https://docs.aws.amazon.com/rekognition/latest/dg/moderation.html), mapped to `parent: null`.
 */
import { DetectModerationLabelsCommand } from '@aws-sdk/client-rekognition';
import type { Moderation, ModerationLabel } from '../../ports/moderation';
import { callService } from './analysis-service-error';
import { rekognitionClient, toUnit, type RekognitionAdapterOptions } from './rekognition-client';
import { prepareRekognitionImage } from './rekognition-image';

/**
 * Creates the moderation adapter.
 * @returns a Moderation; `minConfidence` defaults to Rekognition's own default, 0.5
 */
export function createRekognitionModeration(options: RekognitionAdapterOptions = {}): Moderation {
  const client = rekognitionClient(options);
  return {
    async detectUnsafe(image, settings = {}): Promise<ModerationLabel[]> {
      const bytes = await prepareRekognitionImage(image);
      const response = await callService(
        'Rekognition',
        'DetectModerationLabels',
        () => client.send(new DetectModerationLabelsCommand({ Image: { Bytes: bytes }, MinConfidence: (settings.minConfidence ?? 0.5) * 100 })),
        options.retry,
      );
      return (response.ModerationLabels ?? [])
        .filter((label) => label.Name)
        .map((label) => ({ name: label.Name!, parent: label.ParentName ? label.ParentName : null, confidence: toUnit(label.Confidence) }))
        .sort((a, b) => b.confidence - a.confidence);
    },
  };
}
