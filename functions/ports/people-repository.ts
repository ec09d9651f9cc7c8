/**
 * What the people feature reads and writes: faces (under their media item, indexed under their person),
 * people (an owner's face clusters) and the `personIds` set on media items that `searchMedia(personId)`
 * filters on. The core keeps one invariant through it: a face item exists exactly when it is counted in
 * its person, because each person's change is written together with its faces (one transaction).
 * Adapter: `adapters/aws/dynamodb-people-repository.ts` (DynamoDB or DynamoDB Local).
 */
import type { BoundingBox } from './label-detector';

/** One face as stored: where it was found, and the person it was matched to. */
export interface StoredFace {
  id: string;
  mediaId: string;
  owner: string;
  /** The media version the face was found in (faces are replaced per version). */
  version: number;
  box: BoundingBox;
  confidence: number;
  /** Seconds into a video (its keyframe); null for images. */
  at: number | null;
  /** Unit-length descriptor (local models); null where the provider matches faces itself (AWS). */
  embedding: number[] | null;
  /** The face's id in a provider's face collection (Rekognition FaceId on AWS); null locally. */
  externalFaceId: string | null;
  /** Null when the face could not be matched (no embedding and no collection face). */
  personId: string | null;
  createdAt: string;
}

/** The face shown for a person (the GraphQL `Face` fields, no embedding). */
export interface FaceSample {
  id: string;
  mediaId: string;
  box: BoundingBox;
  confidence: number;
  at: number | null;
  personId: string;
}

/** A person as stored: the GraphQL `Person` fields plus what clustering needs. */
export interface StoredPerson {
  id: string;
  owner: string;
  name: string | null;
  faceCount: number;
  mediaCount: number;
  sample: FaceSample | null;
  /** Mean of the faces' embeddings (not normalised, so a face can be taken out exactly); null on AWS. */
  embeddingMean: number[] | null;
  /** Incremented on every write; writes are conditional on the revision read (optimistic locking). */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** A face item to delete: its key parts. */
export interface FaceRef {
  mediaId: string;
  id: string;
}

/**
 * One person's change, written atomically: the person's new state (or its deletion) with the face
 * items added to it and taken from it.
 */
export interface PersonChange {
  /** The new state; `revision` already incremented. */
  person: StoredPerson;
  /** The revision read; null when the person is new (must not exist yet). */
  expectedRevision: number | null;
  /** Delete the person item instead of writing it (it has no faces left). */
  remove: boolean;
  putFaces: StoredFace[];
  deleteFaces: FaceRef[];
}

/** The media fields the people feature needs. */
export interface PeopleMedia {
  id: string;
  owner: string;
  /** The version shown (0 before the first upload completes). */
  version: number;
}

/** A person was changed by someone else between read and write: reload and retry. */
export class ConcurrentPeopleChangeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConcurrentPeopleChangeError';
  }
}

/** The owner's people are being changed by another worker for longer than we were willing to wait. */
export class PeopleLockTimeoutError extends Error {
  constructor(owner: string) {
    super(`Timed out waiting for the people lock of owner ${owner}`);
    this.name = 'PeopleLockTimeoutError';
  }
}

export interface PeopleRepository {
  getMedia(mediaId: string): Promise<PeopleMedia | null>;
  /** Every face stored under the media item (all versions), with embeddings. */
  listMediaFaces(mediaId: string): Promise<StoredFace[]>;
  /** Every person of the owner, with embedding means. */
  listPeople(owner: string): Promise<StoredPerson[]>;
  /** The people with these ids that exist (any owner: callers check ownership). */
  getPeople(ids: readonly string[]): Promise<StoredPerson[]>;
  /** The face items with these keys that exist (e.g. collection matches: ExternalImageId = media id, FaceId = face id). */
  getFaces(refs: readonly FaceRef[]): Promise<StoredFace[]>;
  /** Every face matched to the person, with embeddings. */
  listPersonFaces(personId: string): Promise<StoredFace[]>;
  /**
   * Writes one person's change with its faces in one transaction.
   * @throws ConcurrentPeopleChangeError when the person's revision is no longer `expectedRevision`
   */
  applyPersonChange(change: PersonChange): Promise<void>;
  /** Writes face items as they are (re-assignments after merge/split; unmatched faces). Idempotent. */
  putFaces(faces: readonly StoredFace[]): Promise<void>;
  deleteFaces(faces: readonly FaceRef[]): Promise<void>;
  /** Replaces the media item's `personIds` (removed when empty); a deleted media item is left alone. */
  setMediaPeople(mediaId: string, personIds: readonly string[]): Promise<void>;
  /** Adds then removes ids in the media item's `personIds`; a deleted media item is left alone. */
  updateMediaPeople(mediaId: string, add: readonly string[], remove: readonly string[]): Promise<void>;
  /**
   * Runs `work` while holding the owner's people lock (a lease item), so one worker at a time
   * clusters an owner's faces: two concurrent analyses would otherwise each create a person for
   * the same new face.
   * @throws PeopleLockTimeoutError when the lock stays taken
   */
  withOwnerLock<T>(owner: string, work: () => Promise<T>): Promise<T>;
}
