import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../../../../infra/local/appsync/types';
import type { AuthRequest, Authenticator, CognitoIdentity, IamIdentity } from '../../../../../infra/local/appsync/types';
import { createAuthenticator } from '../../../../../infra/local/auth/authenticator';
import { LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID } from '../../../../../infra/local/auth/config';
import { createUserPoolVerifier } from '../../../../../infra/local/auth/cognito-verifier';
import { createIamVerifier, createWorkerCredentials, signAppSyncRequest } from '../../../../../infra/local/auth/iam';
import { openLocalIssuer } from '../../../../../infra/local/auth/issuer';
import type { LocalIssuer } from '../../../../../infra/local/auth/issuer';

const ISSUER_URL = 'http://127.0.0.1:4000/cognito/local_mediagraph';
const worker = createWorkerCredentials();

let dataDir: string;
let issuer: LocalIssuer;
let authenticator: Authenticator;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-authenticator-'));
  issuer = await openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID });
  const cognito = createUserPoolVerifier(
    { kind: 'local', issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, region: 'us-east-1' },
    { jwks: issuer.jwks(), jwksUri: 'http://127.0.0.1:1/unreachable' },
  );
  const iam = createIamVerifier({ region: 'us-east-1' });
  iam.register(worker, { roleName: 'mediagraph-worker', sessionName: 'ingest' });
  authenticator = createAuthenticator({ cognito, iam });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function requestWith(authorization: string | undefined): AuthRequest {
  return { method: 'POST', path: '/graphql', headers: { host: '127.0.0.1:4000', ...(authorization === undefined ? {} : { authorization }) }, body: '{}', sourceIp: '192.0.2.10' };
}

async function refusal(request: AuthRequest, using: Authenticator = authenticator): Promise<AuthenticationError> {
  const error = await using.authenticate(request).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe('Function: createAuthenticator', () => {
  it('authenticates a raw user-pool ID token as AMAZON_COGNITO_USER_POOLS', async () => {
    // Prepare
    const { idToken, sub } = await issuer.issueTokens({ username: 'alice', groups: ['editor'] });

    // Act
    const principal = await authenticator.authenticate(requestWith(idToken));

    // Assess
    expect(principal.mode).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(principal.identity as CognitoIdentity).toMatchObject({ sub, username: 'alice', groups: ['editor'], sourceIp: ['192.0.2.10'], defaultAuthStrategy: 'ALLOW' });
  });

  it('authenticates a user-pool access token too', async () => {
    // Prepare
    const { accessToken } = await issuer.issueTokens({ username: 'bob' });

    // Act
    const principal = await authenticator.authenticate(requestWith(accessToken));

    // Assess
    expect(principal.mode).toBe('AMAZON_COGNITO_USER_POOLS');
    expect((principal.identity as CognitoIdentity).username).toBe('bob');
  });

  it('authenticates a SigV4-signed request as AWS_IAM', async () => {
    // Prepare
    const body = '{"query":"mutation { x }"}';
    const headers = await signAppSyncRequest({ url: 'http://127.0.0.1:4000/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body, credentials: worker, region: 'us-east-1' });

    // Act
    const principal = await authenticator.authenticate({ method: 'POST', path: '/graphql', headers, body, sourceIp: '127.0.0.1' });

    // Assess
    expect(principal.mode).toBe('AWS_IAM');
    expect((principal.identity as IamIdentity).userArn).toBe('arn:aws:sts::000000000000:assumed-role/mediagraph-worker/ingest');
  });

  it('answers a request without Authorization as AppSync does', async () => {
    // Act
    const error = await refusal(requestWith(undefined));

    // Assess
    expect(error).toMatchObject({ errorType: 'UnauthorizedException', statusCode: 401, message: 'Valid authorization header not provided.' });
  });

  it('refuses "Bearer <token>": AppSync takes the raw token only', async () => {
    // Prepare
    const { idToken } = await issuer.issueTokens({ username: 'alice' });

    // Act
    const error = await refusal(requestWith(`Bearer ${idToken}`));

    // Assess
    expect(error).toMatchObject({ errorType: 'UnauthorizedException', statusCode: 401, message: 'Unable to parse JWT token.' });
  });

  it('answers an expired token with "Token has expired."', async () => {
    // Prepare
    const past = await openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, clock: () => Date.now() - 7200_000 });
    const { idToken } = await past.issueTokens({ username: 'alice' });

    // Act
    const error = await refusal(requestWith(idToken));

    // Assess
    expect(error).toMatchObject({ errorType: 'UnauthorizedException', statusCode: 401, message: 'Token has expired.' });
  });

  it('answers a forged token with the generic header message, keeping the reason as cause', async () => {
    // Prepare
    const { idToken } = await issuer.issueTokens({ username: 'alice' });
    const [header, payload] = idToken.split('.');

    // Act
    const error = await refusal(requestWith(`${header}.${payload}.AAAA`));

    // Assess
    expect(error).toMatchObject({ errorType: 'UnauthorizedException', statusCode: 401, message: 'Valid authorization header not provided.' });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('passes SigV4 refusals through with their own type and status', async () => {
    // Prepare
    const stranger = createWorkerCredentials();
    const headers = await signAppSyncRequest({ url: 'http://127.0.0.1:4000/graphql', method: 'POST', body: '{}', credentials: stranger, region: 'us-east-1' });

    // Act
    const error = await refusal({ method: 'POST', path: '/graphql', headers, body: '{}', sourceIp: '127.0.0.1' });

    // Assess
    expect(error).toMatchObject({ errorType: 'UnrecognizedClientException', statusCode: 403 });
  });

  it('refuses SigV4 requests when no IAM verifier is configured', async () => {
    // Prepare
    const userPoolOnly = createAuthenticator({ cognito: createUserPoolVerifier({ kind: 'local', issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, region: 'us-east-1' }, { jwks: issuer.jwks() }) });
    const headers = await signAppSyncRequest({ url: 'http://127.0.0.1:4000/graphql', method: 'POST', body: '{}', credentials: worker, region: 'us-east-1' });

    // Act
    const error = await refusal({ method: 'POST', path: '/graphql', headers, body: '{}', sourceIp: '127.0.0.1' }, userPoolOnly);

    // Assess
    expect(error.message).toBe('Valid authorization header not provided.');
  });
});
