import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../../../../infra/local/appsync/types';
import type { AuthRequest } from '../../../../../infra/local/appsync/types';
import { createIamVerifier, createWorkerCredentials, signAppSyncRequest } from '../../../../../infra/local/auth/iam';
import type { IamVerifierOptions, WorkerCredentials } from '../../../../../infra/local/auth/iam';

const URL_ = 'http://127.0.0.1:4000/graphql';
const BODY = JSON.stringify({ query: 'mutation { publishProgress(mediaId: "m1", progress: 50) { id } }' });
const NOW = Date.UTC(2030, 0, 2, 10, 30, 0);
const PRINCIPAL = { roleName: 'mediagraph-worker', sessionName: 'analyze-image' };

async function signedRequest(credentials: WorkerCredentials, overrides: { url?: string; body?: string; region?: string; signingDate?: Date } = {}): Promise<AuthRequest> {
  const url = overrides.url ?? URL_;
  const body = overrides.body ?? BODY;
  const headers = await signAppSyncRequest({
    url,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    credentials,
    region: overrides.region ?? 'us-east-1',
    signingDate: overrides.signingDate ?? new Date(NOW),
  });
  const parsed = new URL(url);
  return { method: 'POST', path: `${parsed.pathname}${parsed.search}`, headers, body, sourceIp: '127.0.0.1' };
}

function verifierWith(credentials: WorkerCredentials, options: Partial<IamVerifierOptions> = {}) {
  const verifier = createIamVerifier({ region: 'us-east-1', accountId: '123456789012', clock: () => NOW, ...options });
  verifier.register(credentials, PRINCIPAL);
  return verifier;
}

function refusalOf(action: () => unknown): AuthenticationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return error as AuthenticationError;
  }
  throw new Error('expected the request to be refused');
}

describe('Function: createIamVerifier', () => {
  it("accepts a request signed by a registered worker and returns AppSync's IAM identity", async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials);

    // Act
    const identity = verifierWith(credentials).verify(request);

    // Assess
    expect(identity).toEqual({
      accountId: '123456789012',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: ['127.0.0.1'],
      username: expect.stringMatching(/^AROA[A-Z2-7]{17}:analyze-image$/),
      userArn: 'arn:aws:sts::123456789012:assumed-role/mediagraph-worker/analyze-image',
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    });
  });

  it('tells several registered workers apart by their credentials', async () => {
    // Prepare
    const image = createWorkerCredentials();
    const video = createWorkerCredentials();
    const verifier = verifierWith(image);
    verifier.register(video, { roleName: 'mediagraph-worker', sessionName: 'analyze-video' });

    // Act
    const fromImage = verifier.verify(await signedRequest(image));
    const fromVideo = verifier.verify(await signedRequest(video));

    // Assess
    expect(fromImage.userArn).toMatch(/\/analyze-image$/);
    expect(fromVideo.userArn).toMatch(/\/analyze-video$/);
    // Same role, same role id: only the session part differs.
    expect(fromImage.username.split(':')[0]).toBe(fromVideo.username.split(':')[0]);
  });

  it('accepts a request with a query string, and refuses it once the query is changed', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials, { url: 'http://127.0.0.1:4000/graphql?b=2&a=hello%20world&a=0' });

    // Act
    const identity = verifierWith(credentials).verify(request);
    const changed = refusalOf(() => verifierWith(credentials).verify({ ...request, path: '/graphql?b=3&a=hello%20world&a=0' }));

    // Assess
    expect(identity.accountId).toBe('123456789012');
    expect(changed.errorType).toBe('InvalidSignatureException');
  });

  it('refuses a request whose body was changed after signing', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = { ...(await signedRequest(credentials)), body: BODY.replace('50', '100') };

    // Act
    const error = refusalOf(() => verifierWith(credentials).verify(request));

    // Assess
    expect(error).toMatchObject({ errorType: 'InvalidSignatureException', statusCode: 403 });
    expect(error.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });

  it('refuses a changed body even when x-amz-content-sha256 still vouches for the old one', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials);
    expect(request.headers['x-amz-content-sha256']).toBeDefined();

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials).verify({ ...request, body: '{}' })).errorType).toBe('InvalidSignatureException');
  });

  it('refuses a request sent to another path than the one signed', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = { ...(await signedRequest(credentials)), path: '/graphql/other' };

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials).verify(request)).errorType).toBe('InvalidSignatureException');
  });

  it('refuses a request whose signed header was changed', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const signed = await signedRequest(credentials);
    const request = { ...signed, headers: { ...signed.headers, 'content-type': 'text/plain' } };

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials).verify(request)).errorType).toBe('InvalidSignatureException');
  });

  it('refuses a request whose signature was changed', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const signed = await signedRequest(credentials);
    const authorization = (signed.headers.authorization ?? '').replace(/Signature=([0-9a-f])/, (_match, first: string) => `Signature=${first === '0' ? '1' : '0'}`);

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials).verify({ ...signed, headers: { ...signed.headers, authorization } })).errorType).toBe('InvalidSignatureException');
  });

  it('refuses a request signed more than 5 minutes ago', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials, { signingDate: new Date(NOW - 5 * 60_000 - 1000) });

    // Act
    const error = refusalOf(() => verifierWith(credentials).verify(request));

    // Assess
    expect(error).toMatchObject({ errorType: 'InvalidSignatureException', statusCode: 403 });
    expect(error.message).toBe('Signature expired: 20300102T102459Z is now earlier than 20300102T102500Z (20300102T103000Z - 5 min.)');
  });

  it('refuses a request signed more than 5 minutes in the future', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials, { signingDate: new Date(NOW + 6 * 60_000) });

    // Act
    const error = refusalOf(() => verifierWith(credentials).verify(request));

    // Assess
    expect(error.message).toBe('Signature not yet current: 20300102T103600Z is still later than 20300102T103500Z (20300102T103000Z + 5 min.)');
  });

  it('accepts a request signed within the allowed clock skew', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials, { signingDate: new Date(NOW - 4 * 60_000) });

    // Act & Assess
    expect(verifierWith(credentials).verify(request).accountId).toBe('123456789012');
  });

  it('refuses an unknown access key as AppSync does', async () => {
    // Prepare
    const registered = createWorkerCredentials();
    const stranger = createWorkerCredentials();
    const request = await signedRequest(stranger);

    // Act
    const error = refusalOf(() => verifierWith(registered).verify(request));

    // Assess
    expect(error).toMatchObject({ errorType: 'UnrecognizedClientException', statusCode: 403, message: 'The security token included in the request is invalid.' });
  });

  it('refuses a known key id signed with the wrong secret', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest({ accessKeyId: credentials.accessKeyId, secretAccessKey: 'not-the-secret' });

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials).verify(request)).errorType).toBe('InvalidSignatureException');
  });

  it('refuses a revoked credential', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const verifier = verifierWith(credentials);
    const request = await signedRequest(credentials);
    verifier.verify(request);

    // Act
    const revoked = verifier.revoke(credentials.accessKeyId);

    // Assess
    expect(revoked).toBe(true);
    expect(refusalOf(() => verifier.verify(request)).errorType).toBe('UnrecognizedClientException');
  });

  it('refuses a credential scoped to another region', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials, { region: 'eu-west-1' });

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials).verify(request)).message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
  });

  it('refuses a credential scoped to another service', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request = await signedRequest(credentials);

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials, { service: 'execute-api' }).verify(request)).message).toBe(
      "Credential should be scoped to correct service: 'execute-api'.",
    );
  });

  it('refuses a request whose x-amz-date disagrees with the credential scope date', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const signed = await signedRequest(credentials);
    const request = { ...signed, headers: { ...signed.headers, 'x-amz-date': '20300101T235959Z' } };

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials, { maxClockSkewSeconds: 86_400 }).verify(request)).message).toBe(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20300102' != '20300101', from '20300101T235959Z'.",
    );
  });

  it('refuses a signature that does not cover the host header', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const signed = await signedRequest(credentials);
    const authorization = (signed.headers.authorization ?? '').replace('host;', '');

    // Act & Assess
    expect(refusalOf(() => verifierWith(credentials).verify({ ...signed, headers: { ...signed.headers, authorization } })).message).toBe(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  });

  it('refuses an incomplete Authorization header, naming what is missing', async () => {
    // Prepare
    const credentials = createWorkerCredentials();
    const request: AuthRequest = { method: 'POST', path: '/graphql', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/x', host: 'h' }, body: '', sourceIp: '127.0.0.1' };

    // Act
    const error = refusalOf(() => verifierWith(credentials).verify(request));

    // Assess
    expect(error.errorType).toBe('IncompleteSignatureException');
    expect(error.message).toBe(
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  });

  it('checks the session token of temporary credentials', async () => {
    // Prepare
    const credentials = { ...createWorkerCredentials(), sessionToken: 'session-token-1' };
    const request = await signedRequest(credentials);
    const otherToken = await signedRequest({ ...credentials, sessionToken: 'session-token-2' });

    // Act & Assess
    expect(request.headers['x-amz-security-token']).toBe('session-token-1');
    expect(verifierWith(credentials).verify(request).userArn).toContain('analyze-image');
    expect(refusalOf(() => verifierWith(credentials).verify(otherToken)).errorType).toBe('UnrecognizedClientException');
  });
});

describe('Function: createWorkerCredentials', () => {
  it('creates distinct AKIA-style keys whose secret never shows in logs or JSON', () => {
    // Act
    const a = createWorkerCredentials();
    const b = createWorkerCredentials();

    // Assess
    expect(a.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(a.secretAccessKey).toHaveLength(40);
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
    expect(JSON.stringify(a)).not.toContain(a.secretAccessKey);
    expect(inspect(a)).not.toContain(a.secretAccessKey);
    expect(`${JSON.stringify({ credentials: a })}`).toContain('***');
    expect(structuredClone(a)).toEqual({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  });
});
