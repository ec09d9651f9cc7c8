import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../../../infra/local/s3/authentication';
import type { AuthRequest, AuthenticationSettings } from '../../../../../infra/local/s3/authentication';
import { parseRawQuery, s3CanonicalUri } from '../../../../../infra/local/s3/canonical-request';
import { createCredentialRegistry } from '../../../../../infra/local/s3/credentials';
import { S3Error } from '../../../../../infra/local/s3/errors';

// The example credentials and request time of AWS's S3 SigV4 examples
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html,
//  https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
const EXAMPLE_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const EXAMPLE_TIME = Date.UTC(2013, 4, 24, 0, 0, 0);
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const settings = (now = EXAMPLE_TIME): AuthenticationSettings => ({
  credentials: createCredentialRegistry([EXAMPLE_KEY]),
  region: 'us-east-1',
  accountId: '111122223333',
  now,
});

const request = (method: string, url: string, headers: Record<string, string>): AuthRequest => {
  const mark = url.indexOf('?');
  return {
    method,
    rawPath: mark === -1 ? url : url.slice(0, mark),
    query: parseRawQuery(mark === -1 ? '' : url.slice(mark + 1)),
    headers,
  };
};

const refusal = (run: () => unknown): S3Error => {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error('expected an S3Error');
};

describe('Function: authenticate (AWS documented examples)', () => {
  it('accepts the documented GET Object with a Range header', () => {
    // Prepare
    const get = request('GET', '/test.txt', {
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': '20130524T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    });

    // Act
    const caller = authenticate(get, settings());

    // Assess
    expect(caller).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', via: 'header', payload: { kind: 'sha256', hash: EMPTY_SHA256 } });
  });

  it('accepts the documented PUT Object whose key needs escaping once ($ → %24), not twice', () => {
    // Prepare
    const put = request('PUT', '/test$file.text', {
      host: 'examplebucket.s3.amazonaws.com',
      date: 'Fri, 24 May 2013 00:00:00 GMT',
      'x-amz-date': '20130524T000000Z',
      'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    });

    // Act
    const caller = authenticate(put, settings());

    // Assess
    expect(caller.payload).toEqual({ kind: 'sha256', hash: '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072' });
  });

  it('accepts the documented presigned GET (X-Amz-Expires=86400) within its validity', () => {
    // Prepare
    const presigned = request(
      'GET',
      '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      { host: 'examplebucket.s3.amazonaws.com' },
    );

    // Act
    const caller = authenticate(presigned, settings(EXAMPLE_TIME + 3_600_000));

    // Assess
    expect(caller).toMatchObject({ via: 'query', payload: { kind: 'unsigned' } });
  });

  it('refuses the same presigned GET after it expired with AccessDenied "Request has expired"', () => {
    // Prepare
    const presigned = request(
      'GET',
      '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      { host: 'examplebucket.s3.amazonaws.com' },
    );

    // Act
    const error = refusal(() => authenticate(presigned, settings(EXAMPLE_TIME + 86_401_000)));

    // Assess
    expect(error).toMatchObject({ code: 'AccessDenied', status: 403, message: 'Request has expired' });
    expect(error.fields).toMatchObject({ 'X-Amz-Expires': '86400', Expires: '2013-05-25T00:00:00Z' });
  });

  it('refuses the presigned GET moved to another key with SignatureDoesNotMatch', () => {
    // Prepare
    const moved = request(
      'GET',
      '/other.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      { host: 'examplebucket.s3.amazonaws.com' },
    );

    // Act
    const error = refusal(() => authenticate(moved, settings()));

    // Assess
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(error.fields.CanonicalRequest).toContain('/other.txt');
  });

  it('derives the seed signature of the documented chunked upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
    // Prepare
    const put = request('PUT', '/examplebucket/chunkObject.txt', {
      host: 's3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '66560',
      'content-length': '66824',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
    });

    // Act
    const caller = authenticate(put, settings());

    // Assess
    expect(caller.payload).toMatchObject({
      kind: 'streaming-signed',
      trailer: false,
      chain: { seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9', scope: '20130524/us-east-1/s3/aws4_request' },
    });
  });
});

describe('Function: authenticate (refusals)', () => {
  const signedGet = (overrides: Record<string, string>) =>
    request('GET', '/test.txt', {
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': '20130524T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
      ...overrides,
    });

  it('refuses a request without credentials with AccessDenied', () => {
    expect(refusal(() => authenticate(request('GET', '/test.txt', { host: 'x' }), settings()))).toMatchObject({ code: 'AccessDenied', status: 403 });
  });

  it('refuses an unknown access key with InvalidAccessKeyId', () => {
    const error = refusal(() => authenticate(signedGet({}), { ...settings(), credentials: createCredentialRegistry([]) }));
    expect(error).toMatchObject({ code: 'InvalidAccessKeyId', status: 403, fields: { AWSAccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } });
  });

  it('refuses a signed header whose value changed with SignatureDoesNotMatch', () => {
    expect(refusal(() => authenticate(signedGet({ range: 'bytes=0-99' }), settings()))).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses an x-amz-* header the signature does not cover', () => {
    const error = refusal(() => authenticate(signedGet({ 'x-amz-meta-owner': 'mallory' }), settings()));
    expect(error).toMatchObject({ code: 'AccessDenied', message: 'There were headers present in the request which were not signed' });
    expect(error.fields.HeadersNotSigned).toBe('x-amz-meta-owner');
  });

  it('refuses a request more than 15 minutes from the server clock with RequestTimeTooSkewed', () => {
    const error = refusal(() => authenticate(signedGet({}), settings(EXAMPLE_TIME + 16 * 60_000)));
    expect(error).toMatchObject({ code: 'RequestTimeTooSkewed', status: 403, fields: { MaxAllowedSkewMilliseconds: '900000' } });
  });

  it('refuses a signature scoped to another region with AuthorizationHeaderMalformed', () => {
    const error = refusal(() => authenticate(signedGet({}), { ...settings(), region: 'eu-west-1' }));
    expect(error).toMatchObject({ code: 'AuthorizationHeaderMalformed', status: 400, fields: { Region: 'eu-west-1' } });
    expect(error.message).toContain("the region 'us-east-1' is wrong; expecting 'eu-west-1'");
  });

  it('refuses a presigned URL valid longer than 7 days with AuthorizationQueryParametersError', () => {
    const tooLong = request(
      'GET',
      '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=00',
      { host: 'examplebucket.s3.amazonaws.com' },
    );
    expect(refusal(() => authenticate(tooLong, settings()))).toMatchObject({
      code: 'AuthorizationQueryParametersError',
      message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800',
    });
  });

  it('refuses a request signed both ways with InvalidArgument', () => {
    const both = request('GET', '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256', { host: 'x', authorization: 'AWS4-HMAC-SHA256 Credential=a' });
    expect(refusal(() => authenticate(both, settings()))).toMatchObject({ code: 'InvalidArgument', status: 400 });
  });

  it('refuses header auth without x-amz-content-sha256 with InvalidRequest', () => {
    const { 'x-amz-content-sha256': _omitted, ...headers } = signedGet({}).headers as Record<string, string>;
    expect(refusal(() => authenticate(request('GET', '/test.txt', headers), settings()))).toMatchObject({
      code: 'InvalidRequest',
      message: 'Missing required header for this request: x-amz-content-sha256',
    });
  });

  it('refuses temporary credentials after they expired with ExpiredToken', () => {
    const temporary = { ...EXAMPLE_KEY, sessionToken: 'token-1', expiresAt: new Date(EXAMPLE_TIME - 1) };
    const error = refusal(() =>
      authenticate(signedGet({ 'x-amz-security-token': 'token-1' }), { ...settings(), credentials: createCredentialRegistry([temporary]) }),
    );
    expect(error).toMatchObject({ code: 'ExpiredToken', status: 400 });
  });
});

describe('Function: s3CanonicalUri', () => {
  it('encodes each segment once and keeps dot segments and empty segments as S3 does', () => {
    expect(s3CanonicalUri('/bucket/a%20b/%2e%2e//c$d')).toBe('/bucket/a%20b/..//c%24d');
  });

  it('keeps an escaped slash inside a segment escaped', () => {
    expect(s3CanonicalUri('/bucket/a%2Fb')).toBe('/bucket/a%2Fb');
  });

  it('answers InvalidURI for a malformed escape', () => {
    expect(refusal(() => s3CanonicalUri('/bucket/%E0%A4%A'))).toMatchObject({ code: 'InvalidURI', status: 400 });
  });
});
