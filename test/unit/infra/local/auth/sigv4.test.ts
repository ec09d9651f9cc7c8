import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  deriveSigningKey,
  escapeUri,
  parseAuthorizationHeader,
  parseCredentialScope,
  sha256Hex,
  signatureFor,
  stringToSign,
} from '../../../../../infra/local/auth/sigv4';

// AWS's published SigV4 test suite (aws-sig-v4-test-suite): fixed key, date, region and service.
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const AMZ_DATE = '20150830T123600Z';
const SCOPE = '20150830/us-east-1/service/aws4_request';

function suiteSignature(pathAndQuery: string): string {
  const canonical = canonicalRequest({
    method: 'GET',
    pathAndQuery,
    headers: { host: 'example.amazonaws.com', 'x-amz-date': AMZ_DATE },
    signedHeaders: ['host', 'x-amz-date'],
    payloadHash: sha256Hex(''),
  });
  return signatureFor(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'service'), stringToSign(AMZ_DATE, SCOPE, canonical));
}

describe('Module: sigv4', () => {
  it('reproduces the test suite signature of get-vanilla', () => {
    // Act & Assess
    expect(suiteSignature('/')).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('reproduces the test suite signature of get-vanilla-query-order-key-case (query sorted)', () => {
    // Act & Assess
    expect(suiteSignature('/?Param2=value2&Param1=value1')).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('builds the canonical request with normalised path, sorted query and collapsed header spaces', () => {
    // Act
    const canonical = canonicalRequest({
      method: 'post',
      pathAndQuery: '/a/./b/../c%20d/?b=2&a=%2A&a=1',
      headers: { host: 'h', 'x-custom': '  two   spaces\tand tab ' },
      signedHeaders: ['host', 'x-custom'],
      payloadHash: 'HASH',
    });

    // Assess
    expect(canonical).toBe(['POST', '/a/c%2520d/', 'a=%2A&a=1&b=2', 'host:h', 'x-custom:two spaces and tab', '', 'host;x-custom', 'HASH'].join('\n'));
  });

  it('splits an Authorization header into its parameters and its credential into the scope', () => {
    // Act
    const parsed = parseAuthorizationHeader('AWS4-HMAC-SHA256 Credential=AKID/20240102/us-east-1/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc');
    const scope = parseCredentialScope(parsed.credential ?? '');

    // Assess
    expect(parsed).toEqual({ credential: 'AKID/20240102/us-east-1/appsync/aws4_request', signedHeaders: 'host;x-amz-date', signature: 'abc' });
    expect(scope).toEqual({ accessKeyId: 'AKID', date: '20240102', region: 'us-east-1', service: 'appsync', terminator: 'aws4_request' });
  });

  it("escapes as RFC 3986 requires, including !'()*", () => {
    // Act & Assess
    expect(escapeUri("a b!'()*~._-/")).toBe('a%20b%21%27%28%29%2A~._-%2F');
  });
});
