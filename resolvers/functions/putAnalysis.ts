/** putAnalysis — stores ctx.args.input as the media item's result for that analyzer kind (replacing an earlier one). */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { MutationReportAnalysisArgs } from '../../schema/types.generated';
import { analysisKey, entity } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context<MutationReportAnalysisArgs>): DynamoDBPutItemRequest {
  const { input } = ctx.args;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(analysisKey(input.mediaId, input.kind)),
    attributeValues: util.dynamodb.toMapValues({
      entity: entity.analysis,
      mediaId: input.mediaId,
      owner: ctx.stash.media.owner,
      kind: input.kind,
      status: input.status,
      result: input.result ?? null,
      error: input.error ?? null,
      updatedAt: util.time.nowISO8601(),
    }),
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result;
}
