/** markUploaded — the media item (and its version) now holds bytes waiting for ingest. */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { mediaKey } from '../../infra/table';
import { raiseDataSourceError } from '../lib/caller';

export function request(ctx: Context): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(mediaKey(ctx.stash.mediaId)),
    update: {
      expression: 'SET #status = :uploaded, stage = :stage, updatedAt = :now',
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':uploaded': 'UPLOADED', ':stage': 'uploaded', ':now': util.time.nowISO8601() }),
    },
    // Ingest may already have moved on (the event can beat this write); never step back.
    condition: { expression: '#status = :pending', expressionNames: { '#status': 'status' }, expressionValues: util.dynamodb.toMapValues({ ':pending': 'PENDING_UPLOAD' }) },
  };
}

export function response(ctx: Context) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    return ctx.result ?? ctx.stash.media;
  }
  raiseDataSourceError(ctx);
  return ctx.result;
}
