/** LibraryReader over DynamoDB: the byOwner index for media, the byChecksum index for duplicate relations. */
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { indexes, mediaKey, ownerDuplicatesPartition, ownerMediaPartition } from '../../../infra/table';
import type { LibraryReader } from '../../ports/library-reader';
import type { DuplicateRelation, StoredMedia } from '../../ports/media-repository';

const BATCH_GET_LIMIT = 100;

export function createDynamoDbLibraryReader(client: DynamoDBDocumentClient, tableName: string): LibraryReader {
  const queryAll = async (indexName: string, partitionAttribute: string, partition: string) => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': partitionAttribute },
          ExpressionAttributeValues: { ':pk': partition },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };
  return {
    async listOwnerMedia(owner) {
      return (await queryAll(indexes.byOwner, 'gsi1pk', ownerMediaPartition(owner))) as unknown as StoredMedia[];
    },
    async getMedia(ids) {
      const found = new Map<string, StoredMedia>();
      for (let start = 0; start < ids.length; start += BATCH_GET_LIMIT) {
        let keys: Record<string, unknown>[] = ids.slice(start, start + BATCH_GET_LIMIT).map((id) => mediaKey(id));
        for (let attempt = 0; keys.length > 0 && attempt < 6; attempt += 1) {
          const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
          for (const item of result.Responses?.[tableName] ?? []) {
            found.set(item.id as string, item as StoredMedia);
          }
          keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
          if (keys.length > 0) {
            await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
          }
        }
      }
      return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    },
    async listOwnerDuplicates(owner) {
      const items = await queryAll(indexes.byChecksum, 'gsi3pk', ownerDuplicatesPartition(owner));
      return items.map((item) => ({
        mediaId: item.mediaId as string,
        otherId: item.otherId as string,
        kind: item.kind as DuplicateRelation['kind'],
        distance: item.distance as number,
      }));
    },
  };
}
