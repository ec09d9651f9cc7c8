/**
 * The Rekognition client the Rekognition adapters share: one per module, injectable for tests
 * (Powertools' `awsSdkV3Client` pattern), SDK retries off because `callService` retries.
 */
import { RekognitionClient, type RekognitionClientConfig } from '@aws-sdk/client-rekognition';
import type { RetryOptions } from './retry';

/** Settings common to the Rekognition adapters. */
export interface RekognitionAdapterOptions {
  /** @default process.env.AWS_REGION, else us-east-1 */
  readonly region?: string;
  /** An API-compatible endpoint instead of AWS's. */
  readonly endpoint?: string;
  /** @default the SDK's default chain (Lambda's role) */
  readonly credentials?: RekognitionClientConfig['credentials'];
  /** A client to use instead of building one (tests pass one wrapped by aws-sdk-client-mock). */
  readonly client?: RekognitionClient;
  /** Backoff for throttling and 5xx. */
  readonly retry?: RetryOptions;
}

/**
 * The client for these options.
 * @returns `options.client`, or a new client with SDK retries disabled
 */
export function rekognitionClient(options: RekognitionAdapterOptions): RekognitionClient {
  return (
    options.client ??
    new RekognitionClient({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: 1,
    })
  );
}

/** Rekognition's BoundingBox (fractions of the image) as the ports' box; missing sides are 0. */
export function toBox(box: { Left?: number; Top?: number; Width?: number; Height?: number } | undefined): { left: number; top: number; width: number; height: number } {
  return { left: box?.Left ?? 0, top: box?.Top ?? 0, width: box?.Width ?? 0, height: box?.Height ?? 0 };
}

/** Rekognition's 0–100 confidence as the ports' 0–1. */
export const toUnit = (percent: number | undefined): number => (percent ?? 0) / 100;
