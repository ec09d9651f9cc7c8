/**
 * TagRepository over DynamoDB, writing exactly what the API's tag resolvers write (one table, keys
 * from infra/table.ts, index attributes from resolvers/lib/tags.ts):
 * - a tag is `TAG#id / META` with `gsi1*` (owner's tags in path order) and `gsi2*` (children by
 *   name), created in one transaction with its sibling-name guard `TAGNAME#owner#parent / name`
 *   (resolvers/functions/putTag.ts) — so a name taken by the user, or by a concurrent analyzer, is
 *   found through its guard and reused, never duplicated;
 * - an assignment is `MEDIA#id / TAG#tagId` (source, confidence), written in one transaction with
 *   the tag's `mediaCount` and the media item's `tagIds` set that search reads
 *   (resolvers/functions/writeTagAssignments.ts), conditioned so a repeated call counts nothing twice.
 * AUTO assignments also record `analysisKind`, the kind that proposed them.
 */
import { randomUUID } from 'node:crypto';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { entity, MEDIA_TAG_PREFIX, mediaKey, mediaPartition, mediaTagKey, tagKey, tagNameGuardKey, tagPathSort } from '../../../infra/table';
import { childPath, MAX_TAG_DEPTH, tagIndexAttributes } from '../../../resolvers/lib/tags';
import {
  TagDepthError,
  type AutoTagAssignment,
  type AutoTagChanges,
  type StoredTag,
  type TagRepository,
} from '../../ports/tag-repository';

/** Tag changes per transaction: each takes two items (assignment, tag count) plus the media item. */
const CHANGES_PER_TRANSACTION = 8;
/** Attempts when concurrent writers cancel a transaction (a user tagging the same item, another analyzer). */
const MAX_ATTEMPTS = 4;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

interface AssignmentItem {
  tagId: string;
  source: 'AUTO' | 'USER';
  confidence: number;
  analysisKind?: string;
}

/** A stored tag or guard was not what the API writes: the table is inconsistent. */
export class TagStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TagStoreError';
  }
}

const isCancelled = (error: unknown) => (error as Error).name === 'TransactionCanceledException';

export function createDynamoDbTagRepository(client: DynamoDBDocumentClient, tableName: string): TagRepository {
  const now = () => new Date().toISOString();

  const readTag = async (tagId: string): Promise<StoredTag | null> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: tagKey(tagId), ConsistentRead: true }));
    return Item
      ? { id: Item.id as string, owner: Item.owner as string, name: Item.name as string, path: Item.path as string, parentId: (Item.parentId as string | null | undefined) ?? null, depth: Item.depth as number }
      : null;
  };

  const findByGuard = async (owner: string, parentId: string | null, name: string): Promise<StoredTag | null> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: tagNameGuardKey(owner, parentId, name), ConsistentRead: true }));
    if (!Item) {
      return null;
    }
    const tag = await readTag(Item.tagId as string);
    if (!tag || tag.owner !== owner) {
      throw new TagStoreError(`The name guard for "${name}" points at tag ${String(Item.tagId)}, which is not the owner's`);
    }
    return tag;
  };

  const createTag = async (owner: string, parent: StoredTag | null, name: string): Promise<StoredTag | null> => {
    const id = randomUUID();
    const parentId = parent?.id ?? null;
    const path = childPath(parent && { ...parent, gsi1sk: tagPathSort(parent.path) }, name);
    const createdAt = now();
    const tag = { id, owner, name, path, parentId, depth: parent ? parent.depth + 1 : 0 };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...tagKey(id), entity: entity.tag, ...tag, mediaCount: 0, createdAt, updatedAt: createdAt, ...tagIndexAttributes(owner, parentId, name, path) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: { ...tagNameGuardKey(owner, parentId, name), entity: entity.tagNameGuard, tagId: id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return tag;
    } catch (error) {
      if (isCancelled(error)) {
        // Another writer took the name first: the caller reads its guard.
        return null;
      }
      throw error;
    }
  };

  const listAssignments = async (mediaId: string): Promise<Map<string, AssignmentItem>> => {
    const assignments = new Map<string, AssignmentItem>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': mediaPartition(mediaId), ':prefix': MEDIA_TAG_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        assignments.set(item.tagId as string, item as AssignmentItem);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return assignments;
  };

  const mediaExists = async (mediaId: string) =>
    Boolean((await client.send(new GetCommand({ TableName: tableName, Key: mediaKey(mediaId), ConsistentRead: true, ProjectionExpression: 'pk' }))).Item);

  const countChange = (tagId: string, delta: 1 | -1, at: string): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: tagKey(tagId),
      UpdateExpression: 'ADD mediaCount :delta SET updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta, ':now': at },
    },
  });

  const mediaTagIds = (mediaId: string, action: 'ADD' | 'DELETE', tagIds: string[], at: string): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: mediaKey(mediaId),
      UpdateExpression: `${action} tagIds :tagIds SET updatedAt = :now`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':tagIds': new Set(tagIds), ':now': at },
    },
  });

  const addAll = async (owner: string, mediaId: string, adding: readonly AutoTagAssignment[]) => {
    for (let start = 0; start < adding.length; start += CHANGES_PER_TRANSACTION) {
      const chunk = adding.slice(start, start + CHANGES_PER_TRANSACTION);
      const at = now();
      const items: TransactItem[] = chunk.flatMap((assignment): TransactItem[] => [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...mediaTagKey(mediaId, assignment.tagId),
              entity: entity.mediaTag,
              mediaId,
              tagId: assignment.tagId,
              owner,
              source: 'AUTO',
              confidence: assignment.confidence,
              analysisKind: assignment.kind,
              createdAt: at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        countChange(assignment.tagId, 1, at),
      ]);
      await client.send(new TransactWriteCommand({ TransactItems: [...items, mediaTagIds(mediaId, 'ADD', chunk.map((a) => a.tagId), at)] }));
    }
  };

  const removeAll = async (mediaId: string, removing: readonly string[]) => {
    for (let start = 0; start < removing.length; start += CHANGES_PER_TRANSACTION) {
      const chunk = removing.slice(start, start + CHANGES_PER_TRANSACTION);
      const at = now();
      const items: TransactItem[] = chunk.flatMap((tagId): TransactItem[] => [
        {
          Delete: {
            TableName: tableName,
            Key: mediaTagKey(mediaId, tagId),
            // Only an AUTO assignment is the analyzer's to take back.
            ConditionExpression: '#source = :auto',
            ExpressionAttributeNames: { '#source': 'source' },
            ExpressionAttributeValues: { ':auto': 'AUTO' },
          },
        },
        countChange(tagId, -1, at),
      ]);
      await client.send(new TransactWriteCommand({ TransactItems: [...items, mediaTagIds(mediaId, 'DELETE', chunk, at)] }));
    }
  };

  const updateAll = async (mediaId: string, updating: readonly AutoTagAssignment[]) => {
    for (const assignment of updating) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: mediaTagKey(mediaId, assignment.tagId),
          UpdateExpression: 'SET confidence = :confidence, analysisKind = :kind',
          ConditionExpression: '#source = :auto',
          ExpressionAttributeNames: { '#source': 'source' },
          ExpressionAttributeValues: { ':confidence': assignment.confidence, ':kind': assignment.kind, ':auto': 'AUTO' },
        }),
      );
    }
  };

  return {
    async ensureChild(owner, parent, name) {
      if (parent && parent.depth + 1 >= MAX_TAG_DEPTH) {
        throw new TagDepthError(parent.path, MAX_TAG_DEPTH);
      }
      const parentId = parent?.id ?? null;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const existing = await findByGuard(owner, parentId, name);
        if (existing) {
          return existing;
        }
        const created = await createTag(owner, parent, name);
        if (created) {
          return created;
        }
      }
      throw new TagStoreError(`Could not find or create the tag "${name}" after ${MAX_ATTEMPTS} attempts`);
    },

    async syncAutoTags(owner, mediaId, wanted, kinds): Promise<AutoTagChanges | null> {
      for (let attempt = 1; ; attempt++) {
        const present = await listAssignments(mediaId);
        const adding = wanted.filter((a) => !present.has(a.tagId));
        const keptUser = wanted.filter((a) => present.get(a.tagId)?.source === 'USER').map((a) => a.tagId);
        const updating = wanted.filter((a) => {
          const stored = present.get(a.tagId);
          return stored?.source === 'AUTO' && (Math.abs(stored.confidence - a.confidence) > 1e-9 || stored.analysisKind !== a.kind);
        });
        const wantedIds = new Set(wanted.map((a) => a.tagId));
        const removing = [...present.values()]
          .filter((stored) => stored.source === 'AUTO' && stored.analysisKind !== undefined && kinds.includes(stored.analysisKind) && !wantedIds.has(stored.tagId))
          .map((stored) => stored.tagId);
        try {
          await addAll(owner, mediaId, adding);
          await removeAll(mediaId, removing);
          await updateAll(mediaId, updating);
          return { added: adding.map((a) => a.tagId), updated: updating.map((a) => a.tagId), removed: removing, keptUser };
        } catch (error) {
          const conflict = isCancelled(error) || (error as Error).name === 'ConditionalCheckFailedException';
          if (!conflict) {
            throw error;
          }
          if (!(await mediaExists(mediaId))) {
            return null;
          }
          if (attempt >= MAX_ATTEMPTS) {
            throw error;
          }
          // Someone changed the item's tags meanwhile: read them again and redo what is still missing.
        }
      }
    },
  };
}
