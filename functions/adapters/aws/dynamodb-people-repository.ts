/**
 * PeopleRepository over the one table (DynamoDB or DynamoDB Local). Items, as infra/table.ts keys them:
 * - a face: `faceKey(mediaId, faceId)`, on byParent under `personFacesPartition(personId)`;
 * - a person: `personKey(id)`, on byOwner under `ownerPeoplePartition(owner)` sorted by `personRankSort`;
 * - the media item's `personIds` string set (what searchMedia(personId) filters on);
 * - the owner's people lock: a lease item, expired by the table's TTL if a holder dies.
 * Embeddings are stored as little-endian float32 binary (4 bytes a dimension instead of ~10 as a list).
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  entity,
  FACE_PREFIX,
  faceKey,
  indexes,
  mediaKey,
  mediaPartition,
  ownerPeoplePartition,
  personFacesPartition,
  personKey,
  personRankSort,
} from '../../../infra/table';
import {
  ConcurrentPeopleChangeError,
  PeopleLockTimeoutError,
  type FaceRef,
  type PeopleMedia,
  type PeopleRepository,
  type PersonChange,
  type StoredFace,
  type StoredPerson,
} from '../../ports/people-repository';

type Item = Record<string, unknown>;

/** BatchGetItem takes 100 keys, BatchWriteItem 25 requests (DynamoDB API reference). */
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;

export interface DynamoDbPeopleRepositoryOptions {
  /** How long a lock holder may work before others may take the lock over. @default 60000 */
  lockLeaseMs?: number;
  /** How long to wait for the lock. @default 30000 */
  lockWaitMs?: number;
}

/** The owner's people lock: one item per owner (only this adapter reads it). */
const lockKey = (owner: string) => ({ pk: `PEOPLELOCK#${owner}`, sk: 'LOCK' });

/** Sort key of a face on byParent: grouped by media item. */
const personFaceSort = (mediaId: string, faceId: string) => `${mediaId}#${faceId}`;

export function encodeEmbedding(embedding: readonly number[]): Uint8Array {
  const floats = Float32Array.from(embedding);
  return new Uint8Array(floats.buffer);
}

export function decodeEmbedding(bytes: unknown): number[] | null {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength % 4 !== 0) return null;
  // Copy: the SDK's bytes may sit at an offset that is not a multiple of 4.
  return Array.from(new Float32Array(bytes.slice().buffer));
}

function faceItem(face: StoredFace): Item {
  return {
    ...faceKey(face.mediaId, face.id),
    entity: entity.face,
    id: face.id,
    mediaId: face.mediaId,
    owner: face.owner,
    version: face.version,
    box: face.box,
    confidence: face.confidence,
    at: face.at ?? undefined,
    embedding: face.embedding ? encodeEmbedding(face.embedding) : undefined,
    externalFaceId: face.externalFaceId ?? undefined,
    personId: face.personId ?? undefined,
    gsi2pk: face.personId ? personFacesPartition(face.personId) : undefined,
    gsi2sk: face.personId ? personFaceSort(face.mediaId, face.id) : undefined,
    createdAt: face.createdAt,
  };
}

function toFace(item: Item): StoredFace {
  return {
    id: item.id as string,
    mediaId: item.mediaId as string,
    owner: item.owner as string,
    version: item.version as number,
    box: item.box as StoredFace['box'],
    confidence: item.confidence as number,
    at: (item.at as number | undefined) ?? null,
    embedding: decodeEmbedding(item.embedding),
    externalFaceId: (item.externalFaceId as string | undefined) ?? null,
    personId: (item.personId as string | undefined) ?? null,
    createdAt: item.createdAt as string,
  };
}

function personItem(person: StoredPerson): Item {
  return {
    ...personKey(person.id),
    gsi1pk: ownerPeoplePartition(person.owner),
    gsi1sk: personRankSort(person.faceCount, person.id),
    entity: entity.person,
    id: person.id,
    owner: person.owner,
    name: person.name ?? undefined,
    faceCount: person.faceCount,
    mediaCount: person.mediaCount,
    sample: person.sample ?? undefined,
    embeddingMean: person.embeddingMean ? encodeEmbedding(person.embeddingMean) : undefined,
    revision: person.revision,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}

function toPerson(item: Item): StoredPerson {
  return {
    id: item.id as string,
    owner: item.owner as string,
    name: (item.name as string | undefined) ?? null,
    faceCount: item.faceCount as number,
    mediaCount: item.mediaCount as number,
    sample: (item.sample as StoredPerson['sample'] | undefined) ?? null,
    embeddingMean: decodeEmbedding(item.embeddingMean),
    revision: (item.revision as number | undefined) ?? 0,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

/**
 * An existing person is updated, not replaced: the name is the user's (namePerson writes it without
 * a revision), so it is only ever set where absent (a merge adopting a name), never overwritten.
 */
function personUpdate(tableName: string, person: StoredPerson, expectedRevision: number) {
  const item = personItem(person);
  const names: Record<string, string> = { '#revision': 'revision' };
  const values: Record<string, unknown> = { ':expected': expectedRevision };
  const sets: string[] = [];
  const removes: string[] = [];
  const fields = ['gsi1pk', 'gsi1sk', 'entity', 'id', 'owner', 'faceCount', 'mediaCount', 'sample', 'embeddingMean', 'revision', 'updatedAt'];
  fields.forEach((field, index) => {
    names[`#f${index}`] = field;
    if (item[field] === undefined) {
      removes.push(`#f${index}`);
    } else {
      values[`:f${index}`] = item[field];
      sets.push(`#f${index} = :f${index}`);
    }
  });
  if (person.name !== null) {
    names['#name'] = 'name';
    values[':name'] = person.name;
    sets.push('#name = if_not_exists(#name, :name)');
  }
  return {
    TableName: tableName,
    Key: personKey(person.id),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#revision = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/**
 * TransactWriteItems fails as a whole with TransactionCanceledException; a failed condition or a
 * conflicting transaction means someone else changed the person (DynamoDB API reference,
 * TransactWriteItems: CancellationReasons codes ConditionalCheckFailed, TransactionConflict).
 */
const isConcurrentChange = (error: unknown) =>
  (error as Error).name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict',
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the repository.
 * @returns a PeopleRepository on `tableName`
 */
export function createDynamoDbPeopleRepository(client: DynamoDBDocumentClient, tableName: string, options: DynamoDbPeopleRepositoryOptions = {}): PeopleRepository {
  const leaseMs = options.lockLeaseMs ?? 60_000;
  const waitMs = options.lockWaitMs ?? 30_000;

  const queryAll = async (input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Item; ConsistentRead?: boolean }) => {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await client.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };

  const batchWrite = async (requests: Item[]) => {
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      let pending = requests.slice(start, start + BATCH_WRITE_LIMIT);
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt >= 8) throw new Error(`BatchWriteItem left ${pending.length} requests unprocessed after ${attempt} attempts`);
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as Item[];
        // Unprocessed items are retried with exponential backoff (DynamoDB API reference, BatchWriteItem).
        if (pending.length > 0) await sleep(50 * 2 ** attempt);
      }
    }
  };

  const batchGet = async (allKeys: Item[]) => {
    const items: Item[] = [];
    for (let start = 0; start < allKeys.length; start += BATCH_GET_LIMIT) {
      let keys = allKeys.slice(start, start + BATCH_GET_LIMIT);
      for (let attempt = 0; keys.length > 0; attempt += 1) {
        if (attempt >= 8) throw new Error(`BatchGetItem left ${keys.length} keys unprocessed after ${attempt} attempts`);
        const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
        items.push(...(result.Responses?.[tableName] ?? []));
        // Unprocessed keys are retried with exponential backoff (DynamoDB API reference, BatchGetItem).
        keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[];
        if (keys.length > 0) await sleep(50 * 2 ** attempt);
      }
    }
    return items;
  };

  const releaseLock = async (owner: string, holder: string) => {
    try {
      await client.send(new DeleteCommand({ TableName: tableName, Key: lockKey(owner), ConditionExpression: 'holder = :holder', ExpressionAttributeValues: { ':holder': holder } }));
    } catch (error) {
      // Our lease ran out and someone else holds the lock now: theirs to release.
      if (!isConditionFailure(error)) throw error;
    }
  };

  const updateMedia = async (mediaId: string, expression: string, values: Item | undefined) => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: mediaKey(mediaId),
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#personIds': 'personIds' },
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    } catch (error) {
      // The media item was deleted meanwhile: there is nothing to show the people on.
      if (!isConditionFailure(error)) throw error;
    }
  };

  return {
    async getMedia(mediaId): Promise<PeopleMedia | null> {
      const { Item: item } = await client.send(
        new GetCommand({ TableName: tableName, Key: mediaKey(mediaId), ConsistentRead: true, ProjectionExpression: 'id, #owner, #version', ExpressionAttributeNames: { '#owner': 'owner', '#version': 'version' } }),
      );
      return item ? { id: item.id as string, owner: item.owner as string, version: (item.version as number | undefined) ?? 0 } : null;
    },

    async listMediaFaces(mediaId) {
      const items = await queryAll({
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': mediaPartition(mediaId), ':prefix': FACE_PREFIX },
        ConsistentRead: true,
      });
      return items.map(toFace);
    },

    async listPeople(owner) {
      const items = await queryAll({
        IndexName: indexes.byOwner,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'gsi1pk' },
        ExpressionAttributeValues: { ':pk': ownerPeoplePartition(owner) },
      });
      return items.map(toPerson);
    },

    async getPeople(ids) {
      const unique = [...new Set(ids)];
      const found = new Map((await batchGet(unique.map((id) => personKey(id)))).map((item) => [item.id as string, toPerson(item)]));
      return unique.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    },

    async getFaces(refs) {
      const unique = [...new Map(refs.map((ref) => [`${ref.mediaId}/${ref.id}`, ref])).values()];
      return (await batchGet(unique.map((ref) => faceKey(ref.mediaId, ref.id)))).map(toFace);
    },

    async listPersonFaces(personId) {
      const items = await queryAll({
        IndexName: indexes.byParent,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'gsi2pk' },
        ExpressionAttributeValues: { ':pk': personFacesPartition(personId) },
      });
      return items.map(toFace);
    },

    async applyPersonChange(change: PersonChange) {
      if (change.putFaces.length + change.deleteFaces.length > 99) {
        throw new Error('A person change holds at most 99 faces (TransactWriteItems takes 100 actions)');
      }
      const person = change.remove
        ? {
            Delete: {
              TableName: tableName,
              Key: personKey(change.person.id),
              ConditionExpression: '#revision = :expected',
              ExpressionAttributeNames: { '#revision': 'revision' },
              ExpressionAttributeValues: { ':expected': change.expectedRevision ?? -1 },
            },
          }
        : change.expectedRevision === null
          ? { Put: { TableName: tableName, Item: personItem(change.person), ConditionExpression: 'attribute_not_exists(pk)' } }
          : { Update: personUpdate(tableName, change.person, change.expectedRevision) };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              person,
              ...change.putFaces.map((face) => ({ Put: { TableName: tableName, Item: faceItem(face) } })),
              ...change.deleteFaces.map((face: FaceRef) => ({ Delete: { TableName: tableName, Key: faceKey(face.mediaId, face.id) } })),
            ],
          }),
        );
      } catch (error) {
        if (isConcurrentChange(error)) throw new ConcurrentPeopleChangeError(`Person ${change.person.id} changed meanwhile`, { cause: error });
        throw error;
      }
    },

    async putFaces(faces) {
      await batchWrite(faces.map((face) => ({ PutRequest: { Item: faceItem(face) } })));
    },

    async deleteFaces(faces) {
      await batchWrite(faces.map((face) => ({ DeleteRequest: { Key: faceKey(face.mediaId, face.id) } })));
    },

    async setMediaPeople(mediaId, personIds) {
      if (personIds.length === 0) {
        await updateMedia(mediaId, 'REMOVE #personIds', undefined);
      } else {
        // A string set (SS): `contains(personIds, :id)` in searchMedia's filter tests membership.
        await updateMedia(mediaId, 'SET #personIds = :ids', { ':ids': new Set(personIds) });
      }
    },

    async updateMediaPeople(mediaId, add, remove) {
      // One update expression may not ADD and DELETE the same attribute (overlapping paths): two updates.
      if (add.length > 0) await updateMedia(mediaId, 'ADD #personIds :ids', { ':ids': new Set(add) });
      if (remove.length > 0) await updateMedia(mediaId, 'DELETE #personIds :ids', { ':ids': new Set(remove) });
    },

    async withOwnerLock(owner, work) {
      const holder = `${process.pid}-${Math.random().toString(36).slice(2)}-${Date.now()}`;
      const deadline = Date.now() + waitMs;
      for (let attempt = 0; ; attempt += 1) {
        const now = Date.now();
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...lockKey(owner), entity: 'PeopleLock', holder, leaseUntil: now + leaseMs, expiresAt: Math.ceil((now + leaseMs) / 1000) + 3600 },
              ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now',
              ExpressionAttributeValues: { ':now': now },
            }),
          );
          break;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          if (Date.now() >= deadline) throw new PeopleLockTimeoutError(owner);
          await sleep(Math.min(500, 20 * 2 ** attempt) * (0.5 + Math.random() / 2));
        }
      }
      try {
        return await work();
      } finally {
        await releaseLock(owner, holder);
      }
    },
  };
}
