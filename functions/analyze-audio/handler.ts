/**
 * analyze-audio — EventBridge target for *Media Ingested* audio. Thin: parse the event, run
 * core/analysis (transcript → text analysis; speech/music/silence shares; → tags) with the
 * adapters from the composition root.
 */
import { analysisDependencies, textAnalyzer, transcriber } from '../analysis-composition';
import { audioAnalyzer } from '../core/analysis/analyze-audio';
import { ffmpegMediaTools } from '../core/analysis/media-tools';
import { parseMediaIngestedEvent } from '../core/analysis/parse-event';
import { runAnalysis, type AnalysisOutcome } from '../core/analysis/run-analysis';

const analyzer = audioAnalyzer({ transcriber, textAnalyzer, tools: ffmpegMediaTools });

export async function handler(event: unknown, context: { awsRequestId: string }): Promise<AnalysisOutcome> {
  const request = parseMediaIngestedEvent(event, 'AUDIO');
  const deps = analysisDependencies(context.awsRequestId, request);
  const outcome = await runAnalysis(request, deps, analyzer);
  deps.log('analysis.outcome', { ...outcome });
  return outcome;
}
