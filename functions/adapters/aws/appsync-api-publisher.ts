/**
 * ApiPublisher over AppSync's GraphQL endpoint: the `@aws_iam` mutations, SigV4-signed with the
 * function's credentials (Lambda's role on AWS, the local worker credential locally).
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { ReportAnalysisInput, ReportProgressInput } from '../../../schema/types.generated';
import { createAppSyncHttpClient, type AppSyncHttpClient } from '../../../infra/client/appsync-http';
import { signAppSyncRequest } from '../../../infra/local/auth/iam';
import type { ApiPublisher } from '../../ports/api-publisher';

/** Fields every progress report returns, so subscribers (who get only what the mutation selected) see them. */
export const MEDIA_FIELDS =
  'id owner name mediaType contentType format size status progress stage version versionCount sha256 error createdAt updatedAt hasThumbnail hasPoster perceptualHash';

const REPORT_PROGRESS = `mutation ReportProgress($input: ReportProgressInput!) { reportProgress(input: $input) { ${MEDIA_FIELDS} } }`;
const REPORT_ANALYSIS =
  'mutation ReportAnalysis($input: ReportAnalysisInput!) { reportAnalysis(input: $input) { mediaId owner kind status result error updatedAt } }';

/** A mutation the API refused: the report did not land. */
export class ApiReportError extends Error {
  constructor(message: string, readonly errorType: string | null) {
    super(message);
    this.name = 'ApiReportError';
  }
}

export function createAppSyncApiPublisher(options: { url: string; region: string; credentials?: ReturnType<typeof fromEnv> }): ApiPublisher {
  const credentials = options.credentials ?? fromEnv();
  const client: AppSyncHttpClient = createAppSyncHttpClient({
    graphqlEndpoint: options.url,
    auth: {
      mode: 'iam',
      sign: async (request) => signAppSyncRequest({ ...request, credentials: await credentials(), region: options.region }),
    },
  });
  const send = async (query: string, input: object) => {
    const response = await client.request({ query, variables: { input } });
    const error = response.errors?.[0];
    if (error) {
      throw new ApiReportError(error.message, error.errorType ?? null);
    }
  };
  return {
    reportProgress: (input: ReportProgressInput) => send(REPORT_PROGRESS, input),
    reportAnalysis: (input: ReportAnalysisInput) => send(REPORT_ANALYSIS, input),
  };
}
