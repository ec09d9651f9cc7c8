/**
 * Callers and stored items the resolver tests share: what DynamoDB hands back to a response
 * handler (`ctx.result`), in the shapes the resolvers write (see infra/table.ts).
 */
import { cognitoIdentity, iamIdentity } from '../../support/resolver-harness';

export const ALICE_SUB = 'alice-sub-0001';
export const BOB_SUB = 'bob-sub-0002';
export const ROOT_SUB = 'root-sub-0003';

/** The owner of the media and tags below. */
export const alice = cognitoIdentity(ALICE_SUB, { username: 'alice', groups: ['editor'] });
/** Another signed-in user, in no special group. */
export const bob = cognitoIdentity(BOB_SUB, { username: 'bob' });
/** A member of the admin group (ctx.env.ADMIN_GROUP). */
export const admin = cognitoIdentity(ROOT_SUB, { username: 'root', groups: ['admin'] });
/** A platform worker signing with IAM. */
export const worker = iamIdentity();

/** A stored media item (the META item) owned by Alice. */
export function mediaItem(overrides: Record<string, unknown> = {}) {
  const id = (overrides.id as string | undefined) ?? 'media-1';
  return {
    pk: `MEDIA#${id}`,
    sk: 'META',
    gsi1pk: `OWNER#${ALICE_SUB}#MEDIA`,
    gsi1sk: `2024-04-01T08:00:00.000Z#${id}`,
    entity: 'Media',
    id,
    owner: ALICE_SUB,
    name: 'beach.jpg',
    mediaType: 'IMAGE',
    contentType: 'image/jpeg',
    size: 1024,
    metadata: null,
    status: 'READY',
    progress: 100,
    version: 1,
    createdAt: '2024-04-01T08:00:00.000Z',
    updatedAt: '2024-04-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A stored tag of Alice's at `path` (`Animal/Mammal`), its parent given by id. */
export function tagItem(id: string, path: string, parentId: string | null, overrides: Record<string, unknown> = {}) {
  const segments = path.split('/');
  const name = segments[segments.length - 1] as string;
  return {
    pk: `TAG#${id}`,
    sk: 'META',
    entity: 'Tag',
    id,
    owner: ALICE_SUB,
    name,
    path,
    parentId,
    depth: segments.length - 1,
    mediaCount: 0,
    createdAt: '2024-04-01T08:00:00.000Z',
    updatedAt: '2024-04-01T08:00:00.000Z',
    gsi1pk: `OWNER#${ALICE_SUB}#TAG`,
    gsi1sk: `${path.toLowerCase()}/`,
    gsi2pk: parentId ? `PARENT#${parentId}` : `ROOTS#${ALICE_SUB}`,
    gsi2sk: name.toLowerCase(),
    ...overrides,
  };
}

/** A stored tag assignment (`MEDIA#id / TAG#tagId`). */
export function assignment(mediaId: string, tagId: string, overrides: Record<string, unknown> = {}) {
  return {
    pk: `MEDIA#${mediaId}`,
    sk: `TAG#${tagId}`,
    entity: 'MediaTag',
    mediaId,
    tagId,
    owner: ALICE_SUB,
    source: 'USER',
    confidence: 1,
    createdAt: '2024-04-02T10:00:00.000Z',
    ...overrides,
  };
}

/** A DynamoDB failure as AppSync hands it to the response handler (`ctx.error`). */
export function dynamoError(exception: string, message = `${exception} (Service: DynamoDb, Status Code: 400)`) {
  return { type: `DynamoDB:${exception}`, message };
}

/**
 * A stored version item (`MEDIA#id / VERSION#00000n`) of Alice's media, READY with everything ingest
 * learnt (see functions/adapters/aws/dynamodb-media-repository.ts completeVersion) unless overridden.
 */
export function versionItem(mediaId: string, version: number, overrides: Record<string, unknown> = {}) {
  return {
    pk: `MEDIA#${mediaId}`,
    sk: `VERSION#${String(version).padStart(6, '0')}`,
    entity: 'MediaVersion',
    mediaId,
    owner: ALICE_SUB,
    version,
    status: 'READY',
    name: 'beach.jpg',
    contentType: 'image/jpeg',
    mediaType: 'IMAGE',
    format: 'jpeg',
    size: 2048,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    metadata: { width: 640, height: 480 },
    quality: { sharpness: 0.8 },
    perceptualHash: '8f3c0a1b2c3d4e5f',
    hasThumbnail: true,
    hasPoster: false,
    createdAt: '2024-04-03T08:00:00.000Z',
    updatedAt: '2024-04-03T08:05:00.000Z',
    ...overrides,
  };
}

/** A stored duplicate relation (`MEDIA#mediaId / DUP#otherId`), as ingest writes it on both items. */
export function duplicateRelation(mediaId: string, otherId: string, kind: 'EXACT' | 'NEAR' = 'EXACT', distance = 0) {
  return {
    pk: `MEDIA#${mediaId}`,
    sk: `DUP#${otherId}`,
    entity: 'MediaDuplicate',
    mediaId,
    otherId,
    owner: ALICE_SUB,
    kind,
    distance,
    createdAt: '2024-04-04T08:00:00.000Z',
    gsi3pk: `DUPS#${ALICE_SUB}`,
    gsi3sk: `${mediaId}#${otherId}`,
  };
}

/**
 * A failed Lambda invocation as AppSync hands it to the response handler (`ctx.error`): the
 * function's own error surfaces as `Lambda:Unhandled` with its errorMessage (see
 * infra/local/appsync/datasources/lambda.ts).
 */
export function lambdaError(message: string) {
  return { type: 'Lambda:Unhandled', message };
}
