/** Reads across an owner's library, for the library function (duplicate groups, reprocessing). */
import type { DuplicateRelation, StoredMedia } from './media-repository';

export interface LibraryReader {
  /** Every media item of the owner (paged internally). */
  listOwnerMedia(owner: string): Promise<StoredMedia[]>;
  /** The items that exist, in the given order (missing ones left out). */
  getMedia(ids: readonly string[]): Promise<StoredMedia[]>;
  /** Every duplicate relation stored for the owner (each appears from both sides). */
  listOwnerDuplicates(owner: string): Promise<DuplicateRelation[]>;
}
