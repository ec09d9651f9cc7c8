import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../infra/local/s3/errors';
import { parseTarget, routeRequest } from '../../../../../infra/local/s3/routing';

const route = (method: string, path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  routeRequest(method, parseTarget(path), new Map(Object.entries(query)), headers);

describe('Function: parseTarget', () => {
  it('takes the key literally after the bucket, dot segments included', () => {
    expect(parseTarget('/media/%2e%2e/%2E%2E/etc/passwd')).toEqual({ bucket: 'media', key: '../../etc/passwd' });
    expect(parseTarget('/media/a//b/')).toEqual({ bucket: 'media', key: 'a//b/' });
  });

  it('refuses a key over 1,024 bytes with KeyTooLongError', () => {
    expect(() => parseTarget(`/media/${'é'.repeat(513)}`)).toThrow(expect.objectContaining({ code: 'KeyTooLongError' }) as S3Error);
  });
});

describe('Function: routeRequest', () => {
  it.each([
    ['PUT', '/b/k', {}, {}, 'PutObject'],
    ['PUT', '/b/k', {}, { 'x-amz-copy-source': 'b/j' }, 'CopyObject'],
    ['PUT', '/b/k', { uploadId: 'u', partNumber: '3' }, {}, 'UploadPart'],
    ['GET', '/b/k', {}, {}, 'GetObject'],
    ['GET', '/b/k', { uploadId: 'u' }, {}, 'ListParts'],
    ['HEAD', '/b/k', {}, {}, 'HeadObject'],
    ['DELETE', '/b/k', {}, {}, 'DeleteObject'],
    ['DELETE', '/b/k', { uploadId: 'u' }, {}, 'AbortMultipartUpload'],
    ['POST', '/b/k', { uploads: '' }, {}, 'CreateMultipartUpload'],
    ['POST', '/b/k', { uploadId: 'u' }, {}, 'CompleteMultipartUpload'],
    ['GET', '/b', { 'list-type': '2' }, {}, 'ListObjectsV2'],
    ['GET', '/b/', { versioning: '' }, {}, 'GetBucketVersioning'],
    ['HEAD', '/b', {}, {}, 'HeadBucket'],
    ['GET', '/', {}, {}, 'ListBuckets'],
  ])('routes %s %s %o to the right operation', (method, path, query, headers, kind) => {
    expect(route(method, path, query, headers).kind).toBe(kind);
  });

  it('refuses sub-resources it does not implement instead of serving the object', () => {
    expect(() => route('GET', '/b/k', { acl: '' })).toThrow(expect.objectContaining({ code: 'NotImplemented', status: 501 }) as S3Error);
  });

  it('refuses part numbers outside 1–10,000 with InvalidArgument', () => {
    expect(() => route('PUT', '/b/k', { uploadId: 'u', partNumber: '10001' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as S3Error);
    expect(() => route('PUT', '/b/k', { uploadId: 'u', partNumber: '0' })).toThrow(S3Error);
  });
});
