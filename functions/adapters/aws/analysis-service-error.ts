/**
 * Errors from the AI services (Rekognition, Transcribe, Comprehend) as one typed error carrying the
 * service, the operation and AWS's error code, so analyzers can mark a part FAILED with a reason.
 */
import { withRetry, type RetryOptions } from './retry';

export type AnalysisService = 'Rekognition' | 'Transcribe' | 'Comprehend' | 'S3';

/** A call to an AI service failed (after retries where the error was transient). */
export class AnalysisServiceError extends Error {
  constructor(
    message: string,
    readonly service: AnalysisService,
    readonly operation: string,
    /** AWS's error code, e.g. `InvalidParameterException`; `Unknown` when the error had none. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AnalysisServiceError';
  }
}

/**
 * Calls an AWS operation with retries and turns a final failure into an AnalysisServiceError.
 * @returns the operation's result
 */
export async function callService<T>(service: AnalysisService, operation: string, call: () => Promise<T>, retry?: RetryOptions): Promise<T> {
  try {
    return await withRetry(call, retry);
  } catch (error) {
    if (error instanceof AnalysisServiceError) throw error;
    const code = typeof (error as { name?: unknown })?.name === 'string' ? (error as { name: string }).name : 'Unknown';
    const detail = error instanceof Error ? error.message : String(error);
    throw new AnalysisServiceError(`${service} ${operation} failed: ${code}: ${detail}`, service, operation, code, { cause: error });
  }
}
