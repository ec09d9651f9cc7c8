/**
 * Every GraphQL operation the dashboard sends, each typed with its result and variables built from
 * the types generated from the schema (schema/types.generated.ts), so a field the schema renames
 * breaks the build, not the page.
 */
import type {
  AnalysisResult,
  BoundingBox,
  DownloadUrl,
  Duplicate,
  DuplicateGroup,
  Face,
  Media,
  MediaFilter,
  MediaTag,
  MediaVersion,
  MultipartUpload,
  MutationAddTagsArgs,
  MutationCompleteMultipartUploadArgs,
  MutationCreateTagArgs,
  MutationCreateUploadArgs,
  MutationDeleteMediaArgs,
  MutationMergePeopleArgs,
  MutationMoveTagArgs,
  MutationNamePersonArgs,
  MutationRemoveTagsArgs,
  MutationRenameTagArgs,
  MutationReprocessMediaArgs,
  MutationRestoreVersionArgs,
  MutationSplitPersonArgs,
  Person,
  PresignedRequest,
  QueryDuplicateGroupsArgs,
  QueryDuplicatesOfArgs,
  QueryGetDownloadUrlArgs,
  QueryGetMediaArgs,
  QueryListMediaArgs,
  QueryPeopleArgs,
  QuerySearchMediaArgs,
  ReprocessResult,
  SubscriptionOnAnalysisArgs,
  SubscriptionOnMediaProgressArgs,
  Tag,
  UploadPart,
  UploadTarget,
} from '../../../schema/types.generated';

/** A GraphQL document carrying its result and variables types. */
export interface Document<TData, TVariables> {
  readonly text: string;
  readonly operationName: string;
  /** Phantom fields: never set, only typed. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

export type NoVariables = Record<string, never>;

function gql<TData, TVariables = NoVariables>(text: string): Document<TData, TVariables> {
  const name = /\b(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1];
  if (!name) throw new Error('Every dashboard operation is named');
  return { text: text.trim(), operationName: name };
}

// ── Shapes (selections of the generated types) ──────────────────────────────

export type TagRef = Pick<Tag, 'id' | 'name' | 'path'>;
export type MediaTagView = Pick<MediaTag, 'confidence' | 'source'> & { tag: TagRef };

export type MediaCard = Pick<
  Media,
  'id' | 'name' | 'mediaType' | 'contentType' | 'format' | 'status' | 'progress' | 'stage' | 'error' | 'size' | 'createdAt' | 'updatedAt' | 'hasThumbnail' | 'hasPoster' | 'version'
> & { tags: MediaTagView[] };

export type FaceView = Pick<Face, 'id' | 'confidence' | 'at' | 'personId'> & { box: Pick<BoundingBox, 'left' | 'top' | 'width' | 'height'>; person: Pick<Person, 'id' | 'name'> | null };
export type AnalysisView = Pick<AnalysisResult, 'kind' | 'status' | 'result' | 'error' | 'updatedAt'>;
export type VersionView = Pick<MediaVersion, 'version' | 'status' | 'name' | 'size' | 'sha256' | 'format' | 'error' | 'createdAt'>;

export type MediaDetail = MediaCard &
  Pick<Media, 'sha256' | 'metadata' | 'quality' | 'versionCount' | 'perceptualHash'> & {
    analysis: AnalysisView[];
    versions: VersionView[];
    faces: FaceView[];
  };

export type TagTreeNode = Pick<Tag, 'id' | 'name' | 'path' | 'parentId' | 'mediaCount'> & { children: TagTreeNode[] };
export type PersonView = Pick<Person, 'id' | 'name' | 'faceCount' | 'mediaCount'> & {
  sample: (Pick<Face, 'id' | 'mediaId'> & { box: Pick<BoundingBox, 'left' | 'top' | 'width' | 'height'> }) | null;
};
export type DuplicateView = Pick<Duplicate, 'kind' | 'distance'> & { media: MediaCard };
export type DuplicateGroupView = Pick<DuplicateGroup, 'kind'> & { media: MediaCard[] };
export type AnalyticsItem = Pick<Media, 'id' | 'name' | 'mediaType' | 'status' | 'stage' | 'size' | 'error' | 'createdAt' | 'updatedAt'> & { tags: { tag: Pick<Tag, 'path'> }[] };
export type UploadTargetView = Pick<UploadTarget, 'version' | 'expiresAt'> & {
  media: Pick<Media, 'id' | 'status'>;
  put: Pick<PresignedRequest, 'url' | 'headers'> | null;
  multipart: (Pick<MultipartUpload, 'uploadId' | 'partSize'> & { parts: Pick<UploadPart, 'partNumber' | 'url'>[] }) | null;
};
export type ProgressView = Pick<Media, 'id' | 'status' | 'progress' | 'stage' | 'error' | 'updatedAt'>;

interface Page<T> {
  items: T[];
  nextToken: string | null;
}

// ── Selections ───────────────────────────────────────────────────────────────

const MEDIA_CARD = `id name mediaType contentType format status progress stage error size createdAt updatedAt hasThumbnail hasPoster version
  tags { confidence source tag { id name path } }`;

const MEDIA_DETAIL = `${MEDIA_CARD} sha256 metadata quality versionCount perceptualHash
  analysis { kind status result error updatedAt }
  versions { version status name size sha256 format error createdAt }
  faces { id confidence at personId box { left top width height } person { id name } }`;

const TAG_FIELDS = 'id name path parentId mediaCount';
// The tree query loads children all the way down; the dashboard reads eight levels.
const TREE = (depth: number): string => (depth === 0 ? TAG_FIELDS : `${TAG_FIELDS} children { ${TREE(depth - 1)} }`);

// ── Queries ──────────────────────────────────────────────────────────────────

export const LIST_MEDIA = gql<{ listMedia: Page<MediaCard> }, QueryListMediaArgs>(`
  query ListMedia($filter: MediaFilter, $limit: Int, $nextToken: String) {
    listMedia(filter: $filter, limit: $limit, nextToken: $nextToken) { items { ${MEDIA_CARD} } nextToken }
  }`);

export const SEARCH_MEDIA = gql<{ searchMedia: Page<MediaCard> }, QuerySearchMediaArgs>(`
  query SearchMedia($tags: TagSearch, $personId: ID, $limit: Int, $nextToken: String) {
    searchMedia(tags: $tags, personId: $personId, limit: $limit, nextToken: $nextToken) { items { ${MEDIA_CARD} } nextToken }
  }`);

export const ANALYTICS_PAGE = gql<{ listMedia: Page<AnalyticsItem> }, QueryListMediaArgs>(`
  query AnalyticsPage($filter: MediaFilter, $limit: Int, $nextToken: String) {
    listMedia(filter: $filter, limit: $limit, nextToken: $nextToken) {
      items { id name mediaType status stage size error createdAt updatedAt tags { tag { path } } }
      nextToken
    }
  }`);

export const GET_MEDIA = gql<{ getMedia: MediaDetail | null }, QueryGetMediaArgs>(`
  query GetMedia($id: ID!) { getMedia(id: $id) { ${MEDIA_DETAIL} } }`);

export const DOWNLOAD_URL = gql<{ getDownloadUrl: Pick<DownloadUrl, 'url' | 'expiresAt'> | null }, QueryGetDownloadUrlArgs>(`
  query DownloadUrl($mediaId: ID!, $file: MediaFile, $version: Int) {
    getDownloadUrl(mediaId: $mediaId, file: $file, version: $version) { url expiresAt }
  }`);

export const TAG_TREE = gql<{ tagTree: TagTreeNode[] }>(`query TagTree { tagTree { ${TREE(8)} } }`);

export const PEOPLE = gql<{ people: Page<PersonView> }, QueryPeopleArgs>(`
  query People($limit: Int, $nextToken: String) {
    people(limit: $limit, nextToken: $nextToken) {
      items { id name faceCount mediaCount sample { id mediaId box { left top width height } } }
      nextToken
    }
  }`);

export const DUPLICATES_OF = gql<{ duplicatesOf: DuplicateView[] }, QueryDuplicatesOfArgs>(`
  query DuplicatesOf($mediaId: ID!) { duplicatesOf(mediaId: $mediaId) { kind distance media { ${MEDIA_CARD} } } }`);

export const DUPLICATE_GROUPS = gql<{ duplicateGroups: Page<DuplicateGroupView> }, QueryDuplicateGroupsArgs>(`
  query DuplicateGroups($limit: Int, $nextToken: String) {
    duplicateGroups(limit: $limit, nextToken: $nextToken) { items { kind media { ${MEDIA_CARD} } } nextToken }
  }`);

// ── Mutations ────────────────────────────────────────────────────────────────

export const CREATE_UPLOAD = gql<{ createUpload: UploadTargetView | null }, MutationCreateUploadArgs>(`
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      media { id status } version expiresAt
      put { url headers }
      multipart { uploadId partSize parts { partNumber url } }
    }
  }`);

export const COMPLETE_MULTIPART = gql<{ completeMultipartUpload: Pick<Media, 'id' | 'status'> | null }, MutationCompleteMultipartUploadArgs>(`
  mutation CompleteMultipart($mediaId: ID!, $version: Int!, $uploadId: String!, $parts: [CompletedPart!]!) {
    completeMultipartUpload(mediaId: $mediaId, version: $version, uploadId: $uploadId, parts: $parts) { id status }
  }`);

export const ADD_TAGS = gql<{ addTags: Pick<Media, 'id'> & { tags: MediaTagView[] } }, MutationAddTagsArgs>(`
  mutation AddTags($mediaId: ID!, $tagIds: [ID!]!) { addTags(mediaId: $mediaId, tagIds: $tagIds) { id tags { confidence source tag { id name path } } } }`);

export const REMOVE_TAGS = gql<{ removeTags: Pick<Media, 'id'> & { tags: MediaTagView[] } }, MutationRemoveTagsArgs>(`
  mutation RemoveTags($mediaId: ID!, $tagIds: [ID!]!) { removeTags(mediaId: $mediaId, tagIds: $tagIds) { id tags { confidence source tag { id name path } } } }`);

export const CREATE_TAG = gql<{ createTag: TagRef & Pick<Tag, 'parentId'> }, MutationCreateTagArgs>(`
  mutation CreateTag($input: CreateTagInput!) { createTag(input: $input) { id name path parentId } }`);

export const MOVE_TAG = gql<{ moveTag: TagRef & Pick<Tag, 'parentId'> }, MutationMoveTagArgs>(`
  mutation MoveTag($id: ID!, $parentId: ID) { moveTag(id: $id, parentId: $parentId) { id name path parentId } }`);

export const RENAME_TAG = gql<{ renameTag: TagRef }, MutationRenameTagArgs>(`
  mutation RenameTag($id: ID!, $name: String!) { renameTag(id: $id, name: $name) { id name path } }`);

export const RESTORE_VERSION = gql<{ restoreVersion: Pick<Media, 'id' | 'version' | 'status'> }, MutationRestoreVersionArgs>(`
  mutation RestoreVersion($mediaId: ID!, $version: Int!) { restoreVersion(mediaId: $mediaId, version: $version) { id version status } }`);

export const REPROCESS = gql<{ reprocessMedia: Pick<ReprocessResult, 'queued'> | null }, MutationReprocessMediaArgs>(`
  mutation Reprocess($mediaIds: [ID!]) { reprocessMedia(mediaIds: $mediaIds) { queued } }`);

export const DELETE_MEDIA = gql<{ deleteMedia: Pick<Media, 'id'> | null }, MutationDeleteMediaArgs>(`
  mutation DeleteMedia($id: ID!) { deleteMedia(id: $id) { id } }`);

export const NAME_PERSON = gql<{ namePerson: Pick<Person, 'id' | 'name'> }, MutationNamePersonArgs>(`
  mutation NamePerson($id: ID!, $name: String) { namePerson(id: $id, name: $name) { id name } }`);

export const MERGE_PEOPLE = gql<{ mergePeople: Pick<Person, 'id' | 'name' | 'faceCount'> }, MutationMergePeopleArgs>(`
  mutation MergePeople($id: ID!, $otherIds: [ID!]!) { mergePeople(id: $id, otherIds: $otherIds) { id name faceCount } }`);

export const SPLIT_PERSON = gql<{ splitPerson: Pick<Person, 'id'> }, MutationSplitPersonArgs>(`
  mutation SplitPerson($id: ID!, $faceIds: [ID!]!) { splitPerson(id: $id, faceIds: $faceIds) { id } }`);

// ── Subscriptions ────────────────────────────────────────────────────────────

export const ON_MEDIA_PROGRESS = gql<{ onMediaProgress: ProgressView | null }, SubscriptionOnMediaProgressArgs>(`
  subscription OnMediaProgress($mediaId: ID!) { onMediaProgress(mediaId: $mediaId) { id status progress stage error updatedAt } }`);

export const ON_MEDIA_CHANGED = gql<{ onMediaChanged: ProgressView | null }>(`
  subscription OnMediaChanged { onMediaChanged { id status progress stage error updatedAt } }`);

export const ON_ANALYSIS = gql<{ onAnalysis: Pick<AnalysisResult, 'mediaId' | 'kind' | 'status'> | null }, SubscriptionOnAnalysisArgs>(`
  subscription OnAnalysis($mediaId: ID!) { onAnalysis(mediaId: $mediaId) { mediaId kind status } }`);

export type { MediaFilter };
