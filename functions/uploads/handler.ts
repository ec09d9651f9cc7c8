/**
 * uploads — the AppSync Lambda data source behind createUpload, completeMultipartUpload and
 * getDownloadUrl: presigned URLs are signed here because APPSYNC_JS cannot sign. The resolvers
 * have already authorized the caller and reserved the version; this only signs.
 */
import { objectStore } from '../composition';
import { handleUploadRequest, parseUploadRequest } from '../core/uploads';

export async function handler(event: unknown): Promise<unknown> {
  return handleUploadRequest(parseUploadRequest(event), objectStore());
}
