/**
 * The media bucket, declared once: how objects are keyed, what the bucket must do (versioning,
 * CORS for presigned uploads, lifecycle), and the upload limits. Read by the CDK stack, the local
 * S3-API server, the functions and the upload resolvers (key builders are APPSYNC_JS-safe).
 */

export const bucket = {
  logicalName: 'MediaBucket',
  /** Local bucket name (the CDK stack lets CloudFormation name the real one). */
  localName: 'mediagraph-media',
  versioned: true,
  /** Browsers PUT straight to presigned URLs: the bucket must answer CORS preflights. */
  cors: {
    allowedMethods: ['GET', 'PUT', 'HEAD'],
    allowedOrigins: ['*'],
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag', 'x-amz-version-id'],
    maxAgeSeconds: 3000,
  },
  lifecycle: {
    abortIncompleteMultipartUploadAfterDays: 2,
    /** Older versions of originals move to infrequent access, then expire. */
    noncurrentVersionTransitionDays: 30,
    noncurrentVersionExpirationDays: 365,
  },
} as const;

/** Presigned URLs stay valid this long. */
export const PRESIGNED_URL_SECONDS = 15 * 60;
/** Above this size an upload is multipart (S3's single PUT allows 5 GB; parts keep retries cheap). */
export const MULTIPART_THRESHOLD_BYTES = 64 * 1024 * 1024;
/** Part size for multipart uploads (S3: 5 MiB minimum, 10,000 parts maximum). */
export const MULTIPART_PART_BYTES = 16 * 1024 * 1024;

export const ORIGINALS_PREFIX = 'originals/';
export const PREVIEWS_PREFIX = 'previews/';

/** Where the bytes of one version of a media item live. The name is kept in the table, not the key. */
export const originalKey = (owner: string, mediaId: string, version: number) =>
  `${ORIGINALS_PREFIX}${owner}/${mediaId}/v${version}`;

/** Previews of one version: `thumbnail.webp` for images and videos, `poster.jpg` for videos. */
export const previewKey = (owner: string, mediaId: string, version: number, name: 'thumbnail.webp' | 'poster.jpg') =>
  `${PREVIEWS_PREFIX}${owner}/${mediaId}/v${version}/${name}`;

/** The parts of an original's key, or null for any other key (never trust a key from an event blindly). */
export function parseOriginalKey(key: string): { owner: string; mediaId: string; version: number } | null {
  if (!key.startsWith(ORIGINALS_PREFIX)) {
    return null;
  }
  const parts = key.slice(ORIGINALS_PREFIX.length).split('/');
  if (parts.length !== 3) {
    return null;
  }
  const [owner, mediaId, versionPart] = parts as [string, string, string];
  const version = Number(versionPart.slice(1));
  if (!owner || !mediaId || !versionPart.startsWith('v') || !Number.isInteger(version) || version < 1) {
    return null;
  }
  return { owner, mediaId, version };
}
