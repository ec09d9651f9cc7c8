/**
 * analyze-image — EventBridge target for *Media Ingested* images. Thin: parse the event, run
 * core/analysis (labels, faces, text in the image, moderation → tags) with the adapters from the
 * composition root. A kind that fails is reported FAILED and the others go on; infrastructure
 * faults are thrown so the delivery is retried (then dead-lettered).
 */
import { analysisDependencies, faceDetector, labelDetector, moderation, recordFaces, textInImage } from '../analysis-composition';
import { imageAnalyzer } from '../core/analysis/analyze-image';
import { ffmpegMediaTools } from '../core/analysis/media-tools';
import { parseMediaIngestedEvent } from '../core/analysis/parse-event';
import { runAnalysis, type AnalysisOutcome } from '../core/analysis/run-analysis';

const analyzer = imageAnalyzer({ labels: labelDetector, faces: faceDetector, text: textInImage, moderation, recordFaces, tools: ffmpegMediaTools });

export async function handler(event: unknown, context: { awsRequestId: string }): Promise<AnalysisOutcome> {
  const request = parseMediaIngestedEvent(event, 'IMAGE');
  const deps = analysisDependencies(context.awsRequestId, request);
  const outcome = await runAnalysis(request, deps, analyzer);
  deps.log('analysis.outcome', { ...outcome });
  return outcome;
}
