/**
 * The headers that describe a stored object, in both directions: what PutObject /
 * CreateMultipartUpload keep from the request (Content-Type, Content-Disposition, Content-Encoding
 * without `aws-chunked`, Content-Language, Cache-Control, Expires, `x-amz-meta-*`), and what
 * GetObject / HeadObject send back, with the `response-*` overrides a signed GET may ask for
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax).
 */
import { checksumHeader } from './checksums';
import type { ObjectVersion, StoredHeaders } from './object-records';

/** S3's Content-Type when the uploader sends none. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/**
 * What to store with an object, taken from the request headers.
 * @returns content type, representation headers and user metadata
 */
export function storedFieldsFrom(headers: Readonly<Record<string, string | undefined>>): {
  contentType: string;
  headers: StoredHeaders;
  metadata: Record<string, string>;
} {
  const contentEncoding = (headers['content-encoding'] ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked')
    .join(', ');
  const stored: Record<string, string> = {};
  const set = (name: keyof StoredHeaders, value: string | undefined) => {
    if (value !== undefined && value !== '') stored[name] = value;
  };
  set('contentDisposition', headers['content-disposition']);
  set('contentEncoding', contentEncoding);
  set('contentLanguage', headers['content-language']);
  set('cacheControl', headers['cache-control']);
  set('expires', headers.expires);
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return { contentType: headers['content-type'] || DEFAULT_CONTENT_TYPE, headers: stored, metadata };
}

/**
 * The headers GetObject/HeadObject answer with.
 * @returns headers (without Content-Length/Content-Range, which depend on the range sent)
 */
export function objectResponseHeaders(
  version: ObjectVersion,
  options: { versioned: boolean; query: ReadonlyMap<string, string>; includeChecksum: boolean },
): Record<string, string> {
  const override = (parameter: string, stored: string | undefined) => options.query.get(parameter) ?? stored;
  const headers: Record<string, string> = {
    'content-type': override('response-content-type', version.contentType) ?? DEFAULT_CONTENT_TYPE,
    etag: `"${version.etag}"`,
    'last-modified': new Date(version.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    // Since January 2023 S3 encrypts every object with SSE-S3 and says so on each response.
    'x-amz-server-side-encryption': 'AES256',
  };
  const optional: [string, string | undefined][] = [
    ['content-disposition', override('response-content-disposition', version.headers.contentDisposition)],
    ['content-encoding', override('response-content-encoding', version.headers.contentEncoding)],
    ['content-language', override('response-content-language', version.headers.contentLanguage)],
    ['cache-control', override('response-cache-control', version.headers.cacheControl)],
    ['expires', override('response-expires', version.headers.expires)],
  ];
  for (const [name, value] of optional) if (value !== undefined) headers[name] = value;
  if (options.versioned) headers['x-amz-version-id'] = version.versionId;
  for (const [name, value] of Object.entries(version.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (options.includeChecksum && version.checksum) headers[checksumHeader(version.checksum.algorithm)] = version.checksum.value;
  return headers;
}
