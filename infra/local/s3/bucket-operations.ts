/**
 * The bucket-level reads this server answers: ListBuckets, HeadBucket, GetBucketLocation,
 * GetBucketVersioning and ListObjectsV2 (XML shapes from
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html and siblings). Buckets
 * themselves come from configuration.
 */
import { escapeUri } from '../auth/sigv4';
import { S3Error } from './errors';
import { listPage, parseMaxKeys } from './listing';
import type { OperationContext, S3Response } from './operation-context';
import { S3_NAMESPACE, element, escapeXml, textNode, xmlDocument } from './xml';

const XML = { 'content-type': 'application/xml' };

/** ListBuckets: every configured bucket. */
export function listBuckets(context: OperationContext): S3Response {
  const owner = element('Owner', [textNode('ID', context.caller.accountId), textNode('DisplayName', context.caller.accountId)]);
  const buckets = context.server.objects
    .buckets()
    .map((bucket) => element('Bucket', [textNode('Name', bucket.name), textNode('CreationDate', bucket.createdAt)]));
  return { status: 200, headers: XML, body: xmlDocument('ListAllMyBucketsResult', [owner, element('Buckets', buckets)]) };
}

/** HeadBucket: 200 with the bucket's region. */
export function headBucket(context: OperationContext): S3Response {
  return { status: 200, headers: { 'x-amz-bucket-region': context.server.region } };
}

/** GetBucketLocation: empty for us-east-1, as S3 answers. */
export function getBucketLocation(context: OperationContext): S3Response {
  const region = context.server.region === 'us-east-1' ? '' : context.server.region;
  return {
    status: 200,
    headers: XML,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}">${escapeXml(region)}</LocationConstraint>`,
  };
}

/** GetBucketVersioning: `Enabled`, or no status for a bucket that never had versioning. */
export function getBucketVersioning(context: OperationContext, bucket: string): S3Response {
  const versioned = context.server.objects.bucket(bucket)?.versioned ?? false;
  return { status: 200, headers: XML, body: xmlDocument('VersioningConfiguration', versioned ? [textNode('Status', 'Enabled')] : []) };
}

/** ListObjectsV2: one page of current objects and common prefixes. */
export function listObjectsV2(context: OperationContext, bucket: string): S3Response {
  const { query } = context;
  const encodingType = query.get('encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') {
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', { fields: { ArgumentName: 'encoding-type', ArgumentValue: encodingType } });
  }
  const encode = encodingType === 'url' ? (value: string) => escapeUri(value).replace(/%2F/g, '/') : (value: string) => value;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const maxKeys = parseMaxKeys(query.get('max-keys'));
  const continuationToken = query.get('continuation-token');
  const startAfter = query.get('start-after');
  const page = listPage(context.server.objects.listCurrent(bucket), { prefix, delimiter, maxKeys, startAfter, continuationToken });
  const fetchOwner = query.get('fetch-owner') === 'true';
  return {
    status: 200,
    headers: XML,
    body: xmlDocument('ListBucketResult', [
      textNode('Name', bucket),
      textNode('Prefix', encode(prefix)),
      delimiter !== undefined ? textNode('Delimiter', encode(delimiter)) : undefined,
      textNode('MaxKeys', maxKeys),
      encodingType !== undefined ? textNode('EncodingType', encodingType) : undefined,
      textNode('KeyCount', page.contents.length + page.commonPrefixes.length),
      textNode('IsTruncated', page.isTruncated),
      continuationToken !== undefined ? textNode('ContinuationToken', continuationToken) : undefined,
      page.nextContinuationToken !== undefined ? textNode('NextContinuationToken', page.nextContinuationToken) : undefined,
      startAfter !== undefined ? textNode('StartAfter', encode(startAfter)) : undefined,
      ...page.contents.map(({ key, version }) =>
        element('Contents', [
          textNode('Key', encode(key)),
          textNode('LastModified', version.lastModified),
          textNode('ETag', `"${version.etag}"`),
          textNode('Size', version.size),
          fetchOwner ? element('Owner', [textNode('ID', context.server.accountId), textNode('DisplayName', context.server.accountId)]) : undefined,
          textNode('StorageClass', 'STANDARD'),
        ]),
      ),
      ...page.commonPrefixes.map((commonPrefix) => element('CommonPrefixes', [textNode('Prefix', encode(commonPrefix))])),
    ]),
  };
}
