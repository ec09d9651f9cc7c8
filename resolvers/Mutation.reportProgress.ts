/**
 * Mutation.reportProgress (IAM only) — a worker reports a media item's status, stage and progress,
 * and what it learnt (format, checksum, metadata, quality). Subscribers of the item see the result.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationReportProgressArgs } from '../schema/types.generated';
import { mediaKey } from '../infra/table';

/** Optional report fields copied onto the item when present. */
const OPTIONAL_FIELDS = ['stage', 'format', 'mediaType', 'sha256', 'size', 'metadata', 'quality', 'version', 'perceptualHash', 'hasThumbnail', 'hasPoster'];

export function request(ctx: Context<MutationReportProgressArgs>): DynamoDBUpdateItemRequest {
  const input = ctx.args.input as Record<string, unknown> & MutationReportProgressArgs['input'];
  if (input.progress < 0 || input.progress > 100) {
    util.error(`progress must be between 0 and 100, got ${input.progress}`, 'BadRequest');
  }
  if (input.status === 'FAILED' && !input.error) {
    util.error('A FAILED report must say why (error)', 'BadRequest');
  }
  const names: Record<string, string> = { '#status': 'status', '#progress': 'progress', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':status': input.status,
    ':progress': input.progress,
    ':updatedAt': util.time.nowISO8601(),
  };
  const sets = ['#status = :status', '#progress = :progress', '#updatedAt = :updatedAt'];
  for (const field of OPTIONAL_FIELDS) {
    if (input[field] !== undefined && input[field] !== null) {
      names[`#${field}`] = field;
      values[`:${field}`] = input[field];
      sets.push(`#${field} = :${field}`);
    }
  }
  names['#error'] = 'error';
  let expression = `SET ${sets.join(', ')}`;
  if (input.error) {
    values[':error'] = input.error;
    expression = `${expression}, #error = :error`;
  } else {
    expression = `${expression} REMOVE #error`;
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(mediaKey(input.mediaId)),
    update: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    condition: { expression: 'attribute_exists(pk)' },
  };
}

export function response(ctx: Context<MutationReportProgressArgs>) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    util.error(`Media ${ctx.args.input.mediaId} not found`, 'NotFound');
  }
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
