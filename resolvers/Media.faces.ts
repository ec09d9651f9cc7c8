/** Media.faces — the faces found in a media item, with the person each was matched to (embeddings not returned). */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { FACE_PREFIX, mediaPartition } from '../infra/table';
import { raiseDataSourceError } from './lib/caller';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: 'pk = :pk AND begins_with(sk, :prefix)',
      expressionValues: util.dynamodb.toMapValues({ ':pk': mediaPartition(ctx.source.id), ':prefix': FACE_PREFIX }),
    },
    projection: { expression: 'id, mediaId, box, confidence, #at, personId', expressionNames: { '#at': 'at' } },
    limit: 200,
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result.items;
}
