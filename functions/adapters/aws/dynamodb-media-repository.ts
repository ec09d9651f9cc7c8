/**
 * MediaRepository over DynamoDB (the document client), keyed as infra/table.ts declares. The same
 * SDK calls reach DynamoDB on AWS and DynamoDB Local in the embedded runtime.
 */
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  duplicateKey,
  entity,
  HASH_PREFIX,
  hashBandIndexKey,
  hashBandPartition,
  indexes,
  mediaKey,
  ownerDuplicatesPartition,
  sha256IndexKey,
  sha256Partition,
  versionKey,
} from '../../../infra/table';
import type {
  DuplicateCandidate,
  DuplicateRelation,
  MediaRepository,
  StoredMedia,
  StoredVersion,
  VersionFacts,
} from '../../ports/media-repository';

const BATCH_WRITE_LIMIT = 25;

export function createDynamoDbMediaRepository(client: DynamoDBDocumentClient, tableName: string): MediaRepository {
  const now = () => new Date().toISOString();
  const writeAll = async (items: Record<string, unknown>[]) => {
    for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
      let pending: Record<string, unknown>[] = items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
      // BatchWrite may leave items unprocessed under load; resend them with a short backoff.
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 5) {
          throw new Error(`BatchWrite left ${pending.length} items unprocessed after retries`);
        }
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
        if (pending.length > 0) {
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        }
      }
    }
  };

  return {
    async getMedia(mediaId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: mediaKey(mediaId), ConsistentRead: true }));
      return Item ? (Item as StoredMedia) : null;
    },

    async getVersion(mediaId, version) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: versionKey(mediaId, version), ConsistentRead: true }));
      if (!Item) {
        return null;
      }
      return { ...(Item as StoredVersion), ingestKey: (Item.ingestKey as string | undefined) ?? null, attempts: (Item.attempts as number | undefined) ?? 0 };
    },

    async claimVersion(observed, ingestKey) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: versionKey(observed.mediaId, observed.version),
            UpdateExpression: 'SET #status = :processing, ingestKey = :key, updatedAt = :now ADD attempts :one',
            ConditionExpression: observed.ingestKey
              ? '#status = :observedStatus AND ingestKey = :observedKey'
              : '#status = :observedStatus AND attribute_not_exists(ingestKey)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':processing': 'PROCESSING',
              ':key': ingestKey,
              ':now': now(),
              ':one': 1,
              ':observedStatus': observed.status,
              ...(observed.ingestKey ? { ':observedKey': observed.ingestKey } : {}),
            },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          return false;
        }
        throw error;
      }
    },

    async completeVersion(mediaId, version, facts: VersionFacts) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: versionKey(mediaId, version),
          UpdateExpression:
            'SET #status = :ready, #format = :format, mediaType = :mediaType, #size = :size, sha256 = :sha256, metadata = :metadata, quality = :quality, perceptualHash = :phash, hasThumbnail = :thumb, hasPoster = :poster, objectVersionId = :objectVersionId, updatedAt = :now REMOVE #error',
          ExpressionAttributeNames: { '#status': 'status', '#format': 'format', '#size': 'size', '#error': 'error' },
          ExpressionAttributeValues: {
            ':ready': 'READY',
            ':format': facts.format,
            ':mediaType': facts.mediaType,
            ':size': facts.size,
            ':sha256': facts.sha256,
            ':metadata': facts.metadata,
            ':quality': facts.quality,
            ':phash': facts.perceptualHash,
            ':thumb': facts.hasThumbnail,
            ':poster': facts.hasPoster,
            ':objectVersionId': facts.objectVersionId,
            ':now': now(),
          },
        }),
      );
    },

    async failVersion(mediaId, version, reason) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: versionKey(mediaId, version),
          UpdateExpression: 'SET #status = :failed, #error = :reason, updatedAt = :now',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: { ':failed': 'FAILED', ':reason': reason, ':now': now() },
        }),
      );
    },

    async findDuplicateCandidates(owner, sha256, bandKeys) {
      const partitions = [sha256Partition(owner, sha256), ...bandKeys.map((bandKey) => hashBandPartition(owner, bandKey))];
      const found = new Map<string, DuplicateCandidate>();
      for (const partition of partitions) {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: indexes.byChecksum,
              KeyConditionExpression: 'gsi3pk = :pk',
              ExpressionAttributeValues: { ':pk': partition },
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of page.Items ?? []) {
            const mediaId = item.mediaId as string;
            found.set(mediaId, {
              mediaId,
              sha256: (item.sha256 as string | undefined) ?? null,
              perceptualHashes: (item.perceptualHashes as string[] | undefined) ?? [],
            });
          }
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }
      return [...found.values()];
    },

    async indexHashes(owner, mediaId, sha256, perceptualHashes, bandKeys) {
      const fingerprint = { entity: entity.hashIndex, mediaId, owner, sha256, perceptualHashes: [...perceptualHashes] };
      const items: Record<string, unknown>[] = [
        { ...sha256IndexKey(mediaId), ...fingerprint, gsi3pk: sha256Partition(owner, sha256), gsi3sk: mediaId },
        ...bandKeys.map((bandKey) => ({ ...hashBandIndexKey(mediaId, bandKey), ...fingerprint, gsi3pk: hashBandPartition(owner, bandKey), gsi3sk: mediaId })),
      ];
      // Entries of an earlier version whose bands differ would keep matching: remove them.
      const keep = new Set(items.map((item) => item.sk as string));
      const existing = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': mediaKey(mediaId).pk, ':prefix': HASH_PREFIX },
          ProjectionExpression: 'pk, sk',
        }),
      );
      const stale = (existing.Items ?? []).filter((item) => !keep.has(item.sk as string));
      for (const item of stale) {
        await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } }));
      }
      await writeAll(items);
    },

    async saveDuplicates(owner, relations: readonly DuplicateRelation[]) {
      const createdAt = now();
      const items = relations.flatMap((relation) =>
        [
          [relation.mediaId, relation.otherId],
          [relation.otherId, relation.mediaId],
        ].map(([from, to]) => ({
          ...duplicateKey(from!, to!),
          entity: entity.mediaDuplicate,
          mediaId: from,
          otherId: to,
          owner,
          kind: relation.kind,
          distance: relation.distance,
          createdAt,
          gsi3pk: ownerDuplicatesPartition(owner),
          gsi3sk: `${from}#${to}`,
        })),
      );
      await writeAll(items);
    },
  };
}
