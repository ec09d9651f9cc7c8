import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { createRequestSigner } from '../../../../../infra/local/dynamodb/wire-client';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const body = '{"TableName":"Media","Key":{"pk":{"S":"MEDIA#1"},"sk":{"S":"META"}}}';

/**
 * The Authorization header @smithy/signature-v4 (the SDK's signer) computes for the same request.
 * `applyChecksum: false`: DynamoDB does not need the payload hash as an `X-Amz-Content-Sha256`
 * header (the hash is still part of the canonical request), and the wire client does not send it.
 */
async function smithyAuthorization(options: { date: Date; host: string; sessionToken?: string; region?: string }): Promise<string> {
  const signer = new SignatureV4({
    credentials: { ...credentials, sessionToken: options.sessionToken },
    region: options.region ?? 'us-east-1',
    service: 'dynamodb',
    sha256: Sha256,
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: options.host.split(':')[0],
    port: Number(options.host.split(':')[1]) || undefined,
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.0', host: options.host, 'x-amz-target': 'DynamoDB_20120810.GetItem' },
    body,
  });
  const signed = await signer.sign(request, { signingDate: options.date });
  return String(signed.headers.authorization);
}

describe('Function: createRequestSigner', () => {
  it('produces the same Authorization as @smithy/signature-v4 for a DynamoDB GetItem', async () => {
    // Prepare
    const date = new Date('2015-08-30T12:36:00Z');
    const signer = createRequestSigner('us-east-1', credentials);

    // Act
    const headers = signer.sign({ operation: 'GetItem', body, host: '127.0.0.1:8000', path: '/', date });

    // Assess
    expect(headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.0',
      host: '127.0.0.1:8000',
      'x-amz-date': '20150830T123600Z',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
    });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    expect(headers.authorization).toBe(await smithyAuthorization({ date, host: '127.0.0.1:8000' }));
  });

  it('signs the session token of temporary credentials, as the SDK does', async () => {
    const date = new Date('2024-02-29T23:59:59Z');
    const signer = createRequestSigner('eu-west-1', { ...credentials, sessionToken: 'FQoGZXIvYXdzEXAMPLE' });

    const headers = signer.sign({ operation: 'GetItem', body, host: 'dynamodb.eu-west-1.amazonaws.com', path: '/', date });

    expect(headers['x-amz-security-token']).toBe('FQoGZXIvYXdzEXAMPLE');
    expect(headers.authorization).toBe(
      await smithyAuthorization({ date, host: 'dynamodb.eu-west-1.amazonaws.com', sessionToken: 'FQoGZXIvYXdzEXAMPLE', region: 'eu-west-1' }),
    );
  });

  it('derives a new signing key when the day changes (the cached key is per day)', async () => {
    const signer = createRequestSigner('us-east-1', credentials);
    const beforeMidnight = new Date('2024-03-01T23:59:59Z');
    const afterMidnight = new Date('2024-03-02T00:00:01Z');

    const first = signer.sign({ operation: 'GetItem', body, host: 'localhost:8000', path: '/', date: beforeMidnight });
    const second = signer.sign({ operation: 'GetItem', body, host: 'localhost:8000', path: '/', date: afterMidnight });

    expect(first.authorization).toBe(await smithyAuthorization({ date: beforeMidnight, host: 'localhost:8000' }));
    expect(second.authorization).toBe(await smithyAuthorization({ date: afterMidnight, host: 'localhost:8000' }));
    expect(second.authorization).toContain('/20240302/us-east-1/dynamodb/aws4_request');
  });

  it('changes the signature when the body changes (the payload hash is signed)', () => {
    const signer = createRequestSigner('us-east-1', credentials);
    const date = new Date('2024-03-01T10:00:00Z');

    const original = signer.sign({ operation: 'GetItem', body, host: 'localhost:8000', path: '/', date });
    const tampered = signer.sign({ operation: 'GetItem', body: body.replace('MEDIA#1', 'MEDIA#2'), host: 'localhost:8000', path: '/', date });

    expect(tampered.authorization).not.toBe(original.authorization);
  });
});
