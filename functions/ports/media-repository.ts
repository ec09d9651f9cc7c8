/**
 * What ingest reads and writes in the table besides the API's mutations: versions (with the claim
 * that makes processing exactly-once per object version), the hash index, duplicate relations.
 * Adapter: `adapters/aws/dynamodb-media-repository.ts` (DynamoDB or DynamoDB Local).
 */
import type { MediaType } from '../../schema/types.generated';

export interface StoredMedia {
  id: string;
  owner: string;
  name: string;
  mediaType: MediaType;
  contentType: string;
  status: 'PENDING_UPLOAD' | 'UPLOADED' | 'PROCESSING' | 'READY' | 'FAILED';
  version: number | null;
  versionCount: number;
}

export interface StoredVersion {
  mediaId: string;
  owner: string;
  version: number;
  status: 'PENDING_UPLOAD' | 'UPLOADED' | 'PROCESSING' | 'READY' | 'FAILED';
  name: string;
  contentType: string;
  /** What the current or last run was keyed by (object version id, or a reprocess request id). */
  ingestKey: string | null;
  attempts: number;
}

/** What ingest learnt about a version; becomes the media item's fields when the version is shown. */
export interface VersionFacts {
  format: string;
  mediaType: MediaType;
  size: number;
  sha256: string;
  metadata: Record<string, unknown>;
  quality: Record<string, unknown>;
  perceptualHash: string | null;
  hasThumbnail: boolean;
  hasPoster: boolean;
  objectVersionId: string | null;
}

/** A candidate's fingerprint, as functions/core/dedupe.ts compares them. */
export interface DuplicateCandidate {
  mediaId: string;
  sha256: string | null;
  perceptualHashes: string[];
}

export interface DuplicateRelation {
  mediaId: string;
  otherId: string;
  kind: 'EXACT' | 'NEAR';
  distance: number;
}

export interface MediaRepository {
  getMedia(mediaId: string): Promise<StoredMedia | null>;
  getVersion(mediaId: string, version: number): Promise<StoredVersion | null>;
  /** Marks the version PROCESSING under `ingestKey` if it is still as observed; false when it changed meanwhile. */
  claimVersion(observed: StoredVersion, ingestKey: string): Promise<boolean>;
  completeVersion(mediaId: string, version: number, facts: VersionFacts): Promise<void>;
  failVersion(mediaId: string, version: number, reason: string): Promise<void>;
  /** Items of the owner sharing the SHA-256 or any perceptual-hash band key. */
  findDuplicateCandidates(owner: string, sha256: string, bandKeys: readonly string[]): Promise<DuplicateCandidate[]>;
  /** Replaces the item's hash index entries (SHA-256 and band keys), dropping those of an earlier version. */
  indexHashes(owner: string, mediaId: string, sha256: string, perceptualHashes: readonly string[], bandKeys: readonly string[]): Promise<void>;
  /** Stores each relation on both items. */
  saveDuplicates(owner: string, relations: readonly DuplicateRelation[]): Promise<void>;
}
