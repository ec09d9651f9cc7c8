/**
 * How workers report to the API: the `@aws_iam` mutations, signed with the function's credentials
 * (SigV4), so subscribers see each stage. Adapter: `adapters/aws/appsync-api-publisher.ts` (the
 * same code against AppSync and the local runtime; only the URL and credentials differ).
 */
import type { ReportAnalysisInput, ReportProgressInput } from '../../schema/types.generated';

export interface ApiPublisher {
  reportProgress(input: ReportProgressInput): Promise<void>;
  reportAnalysis(input: ReportAnalysisInput): Promise<void>;
}
