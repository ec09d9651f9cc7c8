/** Mutation.reportAnalysis (IAM only) — a worker stores one analyzer's output. Pipeline: loadMediaForWorker → putAnalysis. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationReportAnalysisArgs } from '../schema/types.generated';

export function request(ctx: Context<MutationReportAnalysisArgs>) {
  const { input } = ctx.args;
  if (!util.matches('[a-z0-9-]{1,64}', input.kind)) {
    util.error(`Analysis kind must be 1-64 lower-case letters, digits or dashes, got "${input.kind}"`, 'BadRequest');
  }
  if (input.status === 'FAILED' && !input.error) {
    util.error('A FAILED analysis must say why (error)', 'BadRequest');
  }
  ctx.stash.mediaId = input.mediaId;
  return {};
}

export function response(ctx: Context<MutationReportAnalysisArgs>) {
  return ctx.prev.result;
}
