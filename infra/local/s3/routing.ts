/**
 * Which S3 operation a request is, from its method, path-style target (`/<bucket>/<key>`) and
 * query — the closed set of operations this server implements
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html).
 * Sub-resources it does not implement (`?acl`, `?tagging`, …) are refused with 501 NotImplemented
 * rather than mistaken for a plain GET or PUT of the object.
 */
import { decodePathComponent } from './canonical-request';
import { S3Error } from './errors';

/** The operations this server answers. */
export type S3Operation =
  | { readonly kind: 'ListBuckets' }
  | { readonly kind: 'HeadBucket'; readonly bucket: string }
  | { readonly kind: 'GetBucketLocation'; readonly bucket: string }
  | { readonly kind: 'GetBucketVersioning'; readonly bucket: string }
  | { readonly kind: 'ListObjectsV2'; readonly bucket: string }
  | { readonly kind: 'PutObject'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'CopyObject'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'GetObject'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'HeadObject'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'DeleteObject'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'CreateMultipartUpload'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'UploadPart'; readonly bucket: string; readonly key: string; readonly uploadId: string; readonly partNumber: number }
  | { readonly kind: 'CompleteMultipartUpload'; readonly bucket: string; readonly key: string; readonly uploadId: string }
  | { readonly kind: 'AbortMultipartUpload'; readonly bucket: string; readonly key: string; readonly uploadId: string }
  | { readonly kind: 'ListParts'; readonly bucket: string; readonly key: string; readonly uploadId: string };

/** Where a path-style request points. */
export interface RequestTarget {
  readonly bucket: string | null;
  readonly key: string | null;
}

/** S3 keys are at most 1,024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

const UNSUPPORTED_SUBRESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'versions',
  'website',
];

/**
 * Splits a raw path into bucket and key (the key is everything after the bucket's slash, decoded,
 * taken literally: `..` and `//` are part of the key as in S3).
 * @throws {S3Error} InvalidURI for a malformed escape, KeyTooLongError over 1,024 bytes
 * @returns the target
 */
export function parseTarget(rawPath: string): RequestTarget {
  if (!rawPath.startsWith('/')) throw new S3Error('InvalidURI');
  const rest = rawPath.slice(1);
  if (rest === '') return { bucket: null, key: null };
  const slash = rest.indexOf('/');
  const bucket = decodePathComponent(slash === -1 ? rest : rest.slice(0, slash));
  const rawKey = slash === -1 ? '' : rest.slice(slash + 1);
  if (rawKey === '') return { bucket, key: null };
  const key = decodePathComponent(rawKey);
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError', undefined, { fields: { Size: String(Buffer.byteLength(key)), MaxSizeAllowed: String(MAX_KEY_BYTES) } });
  return { bucket, key };
}

/**
 * Names the operation.
 * @throws {S3Error} NotImplemented, MethodNotAllowed, InvalidArgument (bad part number)
 * @returns the operation
 */
export function routeRequest(method: string, target: RequestTarget, query: ReadonlyMap<string, string>, headers: Readonly<Record<string, string | undefined>>): S3Operation {
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => query.has(name));
  if (unsupported) throw new S3Error('NotImplemented', `The ${unsupported} sub-resource is not implemented by the local S3 server`);
  const { bucket, key } = target;
  if (bucket === null) {
    if (method === 'GET') return { kind: 'ListBuckets' };
    throw methodNotAllowed(method, 'SERVICE');
  }
  if (key === null) return routeBucket(method, bucket, query);
  const uploadId = query.get('uploadId');
  switch (method) {
    case 'PUT':
      if (uploadId !== undefined) {
        if (headers['x-amz-copy-source'] !== undefined) throw new S3Error('NotImplemented', 'UploadPartCopy is not implemented by the local S3 server');
        return { kind: 'UploadPart', bucket, key, uploadId, partNumber: parsePartNumber(query.get('partNumber')) };
      }
      return headers['x-amz-copy-source'] !== undefined ? { kind: 'CopyObject', bucket, key } : { kind: 'PutObject', bucket, key };
    case 'GET':
      return uploadId !== undefined ? { kind: 'ListParts', bucket, key, uploadId } : { kind: 'GetObject', bucket, key };
    case 'HEAD':
      return { kind: 'HeadObject', bucket, key };
    case 'DELETE':
      return uploadId !== undefined ? { kind: 'AbortMultipartUpload', bucket, key, uploadId } : { kind: 'DeleteObject', bucket, key };
    case 'POST':
      if (query.has('uploads')) return { kind: 'CreateMultipartUpload', bucket, key };
      if (uploadId !== undefined) return { kind: 'CompleteMultipartUpload', bucket, key, uploadId };
      throw new S3Error('NotImplemented', 'This POST request is not implemented by the local S3 server');
    default:
      throw methodNotAllowed(method, 'OBJECT');
  }
}

function routeBucket(method: string, bucket: string, query: ReadonlyMap<string, string>): S3Operation {
  switch (method) {
    case 'GET':
      if (query.has('location')) return { kind: 'GetBucketLocation', bucket };
      if (query.has('versioning')) return { kind: 'GetBucketVersioning', bucket };
      if (query.has('uploads')) throw new S3Error('NotImplemented', 'ListMultipartUploads is not implemented by the local S3 server');
      if (query.get('list-type') === '2') return { kind: 'ListObjectsV2', bucket };
      throw new S3Error('NotImplemented', 'ListObjects (version 1) is not implemented by the local S3 server: use ListObjectsV2');
    case 'HEAD':
      return { kind: 'HeadBucket', bucket };
    case 'PUT':
    case 'DELETE':
    case 'POST':
      throw new S3Error('NotImplemented', 'Buckets are created from configuration; bucket writes are not implemented by the local S3 server');
    default:
      throw methodNotAllowed(method, 'BUCKET');
  }
}

function parsePartNumber(value: string | undefined): number {
  const number = value !== undefined && /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= 1 && number <= 10_000)) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      fields: { ArgumentName: 'partNumber', ArgumentValue: value ?? '' },
    });
  }
  return number;
}

function methodNotAllowed(method: string, resourceType: string): S3Error {
  return new S3Error('MethodNotAllowed', undefined, { fields: { Method: method, ResourceType: resourceType } });
}
