/**
 * analyze-video — EventBridge target for *Media Ingested* videos. Thin: parse the event, run
 * core/analysis (keyframes by scene change → labels and faces as time segments; the sound track →
 * transcript → text analysis; → tags) with the adapters from the composition root.
 */
import { analysisDependencies, faceDetector, labelDetector, recordFaces, textAnalyzer, transcriber } from '../analysis-composition';
import { videoAnalyzer } from '../core/analysis/analyze-video';
import { ffmpegMediaTools } from '../core/analysis/media-tools';
import { parseMediaIngestedEvent } from '../core/analysis/parse-event';
import { runAnalysis, type AnalysisOutcome } from '../core/analysis/run-analysis';

const analyzer = videoAnalyzer({ labels: labelDetector, faces: faceDetector, recordFaces, transcriber, textAnalyzer, tools: ffmpegMediaTools });

export async function handler(event: unknown, context: { awsRequestId: string }): Promise<AnalysisOutcome> {
  const request = parseMediaIngestedEvent(event, 'VIDEO');
  const deps = analysisDependencies(context.awsRequestId, request);
  const outcome = await runAnalysis(request, deps, analyzer);
  deps.log('analysis.outcome', { ...outcome });
  return outcome;
}
