/**
 * analyze-text — EventBridge target for *Media Ingested* text documents. Thin: parse the event,
 * run core/analysis (text analysis of the document's start → key phrase and entity tags) with the
 * adapters from the composition root.
 */
import { analysisDependencies, textAnalyzer } from '../analysis-composition';
import { textDocumentAnalyzer } from '../core/analysis/analyze-text';
import { parseMediaIngestedEvent } from '../core/analysis/parse-event';
import { runAnalysis, type AnalysisOutcome } from '../core/analysis/run-analysis';

const analyzer = textDocumentAnalyzer({ textAnalyzer });

export async function handler(event: unknown, context: { awsRequestId: string }): Promise<AnalysisOutcome> {
  const request = parseMediaIngestedEvent(event, 'TEXT');
  const deps = analysisDependencies(context.awsRequestId, request);
  const outcome = await runAnalysis(request, deps, analyzer);
  deps.log('analysis.outcome', { ...outcome });
  return outcome;
}
