/**
 * AnalysisLedger over DynamoDB: the media item and the version item (keys from infra/table.ts); the
 * analysis claim is kept on the version item next to ingest's own claim (`analysisKey`,
 * `analysisStatus`, `analysisAttempts`), written with conditions on what was observed so two
 * deliveries of one event cannot both run.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mediaKey, versionKey } from '../../../infra/table';
import type { AnalysisLedger, AnalysisRunStatus, AnalysisSnapshot } from '../../ports/analysis-ledger';

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export function createDynamoDbAnalysisLedger(client: DynamoDBDocumentClient, tableName: string): AnalysisLedger {
  const now = () => new Date().toISOString();
  return {
    async read(mediaId, version): Promise<AnalysisSnapshot> {
      const [media, stored] = await Promise.all([
        client.send(new GetCommand({ TableName: tableName, Key: mediaKey(mediaId), ConsistentRead: true })),
        client.send(new GetCommand({ TableName: tableName, Key: versionKey(mediaId, version), ConsistentRead: true })),
      ]);
      const m = media.Item;
      const v = stored.Item;
      return {
        media: m
          ? {
              owner: m.owner as string,
              version: typeof m.version === 'number' ? m.version : null,
              status: m.status as NonNullable<AnalysisSnapshot['media']>['status'],
              stage: typeof m.stage === 'string' ? m.stage : null,
            }
          : null,
        version: v
          ? {
              status: v.status as NonNullable<AnalysisSnapshot['version']>['status'],
              ingestKey: typeof v.ingestKey === 'string' ? v.ingestKey : null,
              analysisKey: typeof v.analysisKey === 'string' ? v.analysisKey : null,
              analysisStatus: (v.analysisStatus as AnalysisRunStatus | undefined) ?? null,
              analysisAttempts: typeof v.analysisAttempts === 'number' ? v.analysisAttempts : 0,
            }
          : null,
      };
    },

    async claim(mediaId, version, observed, runKey) {
      const conditions = ['#status = :ready', observed.ingestKey === null ? 'attribute_not_exists(ingestKey)' : 'ingestKey = :ingestKey'];
      conditions.push(observed.analysisAttempts === 0 ? 'attribute_not_exists(analysisAttempts)' : 'analysisAttempts = :attempts');
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: versionKey(mediaId, version),
            UpdateExpression: 'SET analysisKey = :runKey, analysisStatus = :running, analysisStartedAt = :now ADD analysisAttempts :one',
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':runKey': runKey,
              ':running': 'RUNNING',
              ':now': now(),
              ':one': 1,
              ':ready': 'READY',
              ...(observed.ingestKey === null ? {} : { ':ingestKey': observed.ingestKey }),
              ...(observed.analysisAttempts === 0 ? {} : { ':attempts': observed.analysisAttempts }),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) {
          return false;
        }
        throw error;
      }
    },

    async complete(mediaId, version, runKey) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: versionKey(mediaId, version),
            UpdateExpression: 'SET analysisStatus = :done, analysisDoneAt = :now',
            ConditionExpression: 'analysisKey = :runKey',
            ExpressionAttributeValues: { ':done': 'DONE', ':now': now(), ':runKey': runKey },
          }),
        );
      } catch (error) {
        // Another run has claimed the version since (a reprocess): its own completion will count.
        if (!isConditionFailure(error)) {
          throw error;
        }
      }
    },
  };
}
