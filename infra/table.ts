/**
 * The one DynamoDB table: its keys, its indexes, and how items are keyed.
 *
 * Declared once and read by the CDK stack (`infra/cdk`), the local runtime (`infra/local`), the
 * resolvers (bundled in) and the functions. Key builders here must stay APPSYNC_JS-safe: they are
 * bundled into resolvers, so no classes, no regular expressions, no try/catch.
 */

export type KeyAttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

export interface GlobalSecondaryIndex {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** Why the index exists: which access pattern it serves. */
  readonly serves: string;
}

export interface TableDeclaration {
  /** CDK construct id, and the table name prefix locally. */
  readonly logicalName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndex[];
  /** Attribute holding an epoch-seconds expiry (e.g. abandoned uploads). */
  readonly timeToLiveAttribute: string;
}

export const table: TableDeclaration = {
  logicalName: 'MediaTable',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'byOwner',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      serves: "an owner's media newest first (listMedia, searchMedia) and an owner's tags in path order",
    },
    {
      indexName: 'byParent',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      serves: 'the children of a tag, by name',
    },
    {
      indexName: 'byChecksum',
      partitionKey: { name: 'gsi3pk', type: 'S' },
      sortKey: { name: 'gsi3sk', type: 'S' },
      serves: "exact and near duplicates within an owner's library (sha256, perceptual-hash buckets)",
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** Index names, typed, for resolvers and functions. */
export const indexes = {
  byOwner: 'byOwner',
  byParent: 'byParent',
  byChecksum: 'byChecksum',
} as const;

/** The sort key of every entity's own item. */
export const META = 'META';

export const mediaKey = (id: string) => ({ pk: `MEDIA#${id}`, sk: META });
export const mediaTagKey = (mediaId: string, tagId: string) => ({ pk: `MEDIA#${mediaId}`, sk: `TAG#${tagId}` });
export const MEDIA_TAG_PREFIX = 'TAG#';
export const analysisKey = (mediaId: string, kind: string) => ({ pk: `MEDIA#${mediaId}`, sk: `ANALYSIS#${kind}` });
export const ANALYSIS_PREFIX = 'ANALYSIS#';
export const mediaPartition = (mediaId: string) => `MEDIA#${mediaId}`;

/** byOwner partition of an owner's media; sort key `createdAt#id` gives newest-first with ties broken. */
export const ownerMediaPartition = (owner: string) => `OWNER#${owner}#MEDIA`;
export const ownerMediaSort = (createdAt: string, id: string) => `${createdAt}#${id}`;

export const tagKey = (id: string) => ({ pk: `TAG#${id}`, sk: META });
/** byOwner partition of an owner's tags; sort key is the lower-cased path plus `/` (prefix = subtree). */
export const ownerTagPartition = (owner: string) => `OWNER#${owner}#TAG`;
export const tagPathSort = (path: string) => `${path.toLowerCase()}/`;
/** byParent partition: the children of a tag, or an owner's roots. */
export const tagParentPartition = (owner: string, parentId: string | null | undefined) =>
  parentId ? `PARENT#${parentId}` : `ROOTS#${owner}`;
/**
 * Sibling names are unique per parent, case-insensitively: a guard item whose key is the name under
 * its parent, written in the same transaction as the tag.
 */
export const tagNameGuardKey = (owner: string, parentId: string | null | undefined, name: string) => ({
  pk: `TAGNAME#${owner}#${parentId ?? 'ROOT'}`,
  sk: name.toLowerCase(),
});

/** Entity type stored on every item, for debugging and streams. */
export const entity = {
  media: 'Media',
  mediaVersion: 'MediaVersion',
  mediaDuplicate: 'MediaDuplicate',
  hashIndex: 'HashIndex',
  face: 'Face',
  person: 'Person',
  mediaTag: 'MediaTag',
  analysis: 'Analysis',
  tag: 'Tag',
  tagNameGuard: 'TagNameGuard',
} as const;

/** One uploaded version of a media item; zero-padded so versions sort in order. */
export const VERSION_PREFIX = 'VERSION#';
export const versionKey = (mediaId: string, version: number) => ({
  pk: `MEDIA#${mediaId}`,
  sk: `${VERSION_PREFIX}${`00000${version}`.slice(-6)}`,
});

/**
 * Duplicate detection, on the byChecksum index: each media item's SHA-256 and perceptual-hash bands
 * are index entries, so candidates come from a few key lookups, never a scan of the library.
 */
export const HASH_PREFIX = 'HASH#';
export const sha256IndexKey = (mediaId: string) => ({ pk: `MEDIA#${mediaId}`, sk: `${HASH_PREFIX}SHA256` });
export const sha256Partition = (owner: string, sha256: string) => `SHA#${owner}#${sha256}`;
/** `bandKey` is a perceptual-hash band as functions/core/dedupe.ts names it, e.g. `3:4b`. */
export const hashBandIndexKey = (mediaId: string, bandKey: string) => ({ pk: `MEDIA#${mediaId}`, sk: `${HASH_PREFIX}PHASH#${bandKey}` });
export const hashBandPartition = (owner: string, bandKey: string) => `PHASH#${owner}#${bandKey}`;

/** A duplicate relation, stored on both items; all of an owner's relations share one byChecksum partition. */
export const DUPLICATE_PREFIX = 'DUP#';
export const duplicateKey = (mediaId: string, otherId: string) => ({ pk: `MEDIA#${mediaId}`, sk: `${DUPLICATE_PREFIX}${otherId}` });
export const ownerDuplicatesPartition = (owner: string) => `DUPS#${owner}`;

/**
 * Faces and people. A face lives under its media item (so deleting the media deletes its faces) and
 * is indexed on byParent under its person; a person is an owner's cluster of face embeddings, listed
 * on byOwner most-photographed first.
 */
export const FACE_PREFIX = 'FACE#';
export const faceKey = (mediaId: string, faceId: string) => ({ pk: `MEDIA#${mediaId}`, sk: `${FACE_PREFIX}${faceId}` });
export const personFacesPartition = (personId: string) => `PERSONFACES#${personId}`;
export const personKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: META });
export const ownerPeoplePartition = (owner: string) => `OWNER#${owner}#PERSON`;
/** Sorts people by face count, highest first (inverted and zero-padded), ties by id. */
export const personRankSort = (faceCount: number, personId: string) => `${`0000000000${999999999 - Math.min(faceCount, 999999999)}`.slice(-10)}#${personId}`;
