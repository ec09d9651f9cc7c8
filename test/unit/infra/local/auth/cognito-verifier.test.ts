import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthConfigError, LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID } from '../../../../../infra/local/auth/config';
import type { UserPoolConfig } from '../../../../../infra/local/auth/config';
import { TokenRejectedError, createUserPoolVerifier, toCognitoIdentity } from '../../../../../infra/local/auth/cognito-verifier';
import type { UserPoolVerifierOptions } from '../../../../../infra/local/auth/cognito-verifier';
import { openLocalIssuer, signJwt } from '../../../../../infra/local/auth/issuer';
import type { LocalIssuer } from '../../../../../infra/local/auth/issuer';
import { loadOrCreateSigningKeys } from '../../../../../infra/local/auth/signing-keys';
import type { SigningKeys } from '../../../../../infra/local/auth/signing-keys';

const ISSUER_URL = 'http://127.0.0.1:4000/cognito/local_mediagraph';
/** Nothing listens here: a verifier that needs to fetch keys fails instead of finding new ones. */
const UNREACHABLE_JWKS = 'http://127.0.0.1:1/cognito/local_mediagraph/.well-known/jwks.json';
const LOCAL_POOL: UserPoolConfig = { kind: 'local', issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, region: 'us-east-1' };

let dataDir: string;
let issuer: LocalIssuer;
let keys: SigningKeys;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-verifier-'));
  issuer = await openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID });
  keys = await loadOrCreateSigningKeys(join(dataDir, 'auth'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

function localVerifier(options: UserPoolVerifierOptions = {}) {
  return createUserPoolVerifier(LOCAL_POOL, { jwks: issuer.jwks(), jwksUri: UNREACHABLE_JWKS, ...options });
}

function parts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
    signature,
  };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Claims of a genuine ID token from the local pool, for forging variants of it. */
async function genuineIdClaims(): Promise<Record<string, unknown>> {
  return parts((await issuer.issueTokens({ username: 'alice', groups: ['viewer'] })).idToken).payload;
}

async function expectRejected(promise: Promise<unknown>, reason: TokenRejectedError['reason']): Promise<TokenRejectedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenRejectedError);
  expect((error as TokenRejectedError).reason).toBe(reason);
  return error as TokenRejectedError;
}

describe('Function: createUserPoolVerifier (local issuer)', () => {
  it('accepts a genuine token and reports who it is for', async () => {
    // Prepare
    const { idToken, sub } = await issuer.issueTokens({ username: 'alice', groups: ['admin', 'editor'] });

    // Act
    const verified = await localVerifier().verify(idToken);

    // Assess
    expect(verified).toMatchObject({ tokenUse: 'id', sub, issuer: ISSUER_URL, username: 'alice', groups: ['admin', 'editor'] });
    expect(verified.claims['cognito:username']).toBe('alice');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    // Prepare
    const { idToken } = await issuer.issueTokens({ username: 'alice', groups: ['viewer'] });
    const [header, , signature] = idToken.split('.');
    const promoted = { ...parts(idToken).payload, 'cognito:groups': ['admin'] };

    // Act & Assess
    const error = await expectRejected(localVerifier().verify(`${header}.${encode(promoted)}.${signature}`), 'invalid');
    expect(error.message).toBe('Invalid signature');
  });

  it('refuses a token whose signature was changed', async () => {
    // Prepare
    const { accessToken } = await issuer.issueTokens({ username: 'alice' });
    const [header, payload, signature = ''] = accessToken.split('.');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;

    // Act & Assess
    await expectRejected(localVerifier().verify(`${header}.${payload}.${flipped}`), 'invalid');
  });

  it('refuses a token whose kid is not in the JWKS', async () => {
    // Prepare
    const claims = await genuineIdClaims();
    const token = signJwt('no-such-kid=', keys.id.privateKey, claims);

    // Act & Assess
    await expectRejected(localVerifier().verify(token), 'invalid');
  });

  it("refuses a token signed with another issuer's key under this issuer's kid", async () => {
    // Prepare
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = signJwt(keys.id.kid, privateKey, await genuineIdClaims());

    // Act & Assess
    const error = await expectRejected(localVerifier().verify(forged), 'invalid');
    expect(error.message).toBe('Invalid signature');
  });

  it("refuses another local pool's genuine token", async () => {
    // Prepare
    const otherDir = await mkdtemp(join(tmpdir(), 'mediagraph-verifier-'));
    try {
      const other = await openLocalIssuer({ dataDir: otherDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID });
      const { idToken } = await other.issueTokens({ username: 'alice' });

      // Act & Assess
      await expectRejected(localVerifier().verify(idToken), 'invalid');
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('refuses a token from another issuer URL signed with the right key', async () => {
    // Prepare
    const token = signJwt(keys.id.kid, keys.id.privateKey, { ...(await genuineIdClaims()), iss: 'http://127.0.0.1:9999/cognito/local_mediagraph' });

    // Act & Assess
    await expectRejected(localVerifier().verify(token), 'invalid');
  });

  it('refuses an expired token as expired', async () => {
    // Prepare
    const yesterday = await openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, clock: () => Date.now() - 2 * 3600_000 });
    const { idToken } = await yesterday.issueTokens({ username: 'alice' });

    // Act & Assess
    const error = await expectRejected(localVerifier().verify(idToken), 'expired');
    expect(error.message).toBe('Token has expired.');
  });

  it('does not call a forged expired token expired (signature first)', async () => {
    // Prepare
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = signJwt(keys.id.kid, privateKey, { ...(await genuineIdClaims()), exp: 1 });

    // Act & Assess
    await expectRejected(localVerifier().verify(forged), 'invalid');
  });

  it('refuses an ID token for another app client (aud)', async () => {
    // Prepare
    const otherClient = await openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: 'someotherclient0000000000' });
    const { idToken } = await otherClient.issueTokens({ username: 'alice' });

    // Act & Assess
    const error = await expectRejected(localVerifier().verify(idToken), 'invalid');
    expect(error.message).toContain('audience');
  });

  it('refuses an access token for another app client (client_id)', async () => {
    // Prepare
    const otherClient = await openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: 'someotherclient0000000000' });
    const { accessToken } = await otherClient.issueTokens({ username: 'alice' });

    // Act & Assess
    const error = await expectRejected(localVerifier().verify(accessToken), 'invalid');
    expect(error.message).toContain('Client ID');
  });

  it('refuses an ID token that carries the client id only as client_id', async () => {
    // Prepare
    const { aud: _aud, ...claims } = await genuineIdClaims();
    const token = signJwt(keys.id.kid, keys.id.privateKey, { ...claims, client_id: LOCAL_CLIENT_ID });

    // Act & Assess
    await expectRejected(localVerifier().verify(token), 'invalid');
  });

  it('refuses a token whose token_use is neither id nor access', async () => {
    // Prepare
    const token = signJwt(keys.id.kid, keys.id.privateKey, { ...(await genuineIdClaims()), token_use: 'refresh' });

    // Act & Assess
    const error = await expectRejected(localVerifier().verify(token), 'invalid');
    expect(error.message).toContain('Token use');
  });

  it('refuses the other kind of token when configured for one kind', async () => {
    // Prepare
    const { idToken, accessToken } = await issuer.issueTokens({ username: 'alice' });

    // Act & Assess
    await expectRejected(localVerifier({ tokenUse: 'id' }).verify(accessToken), 'invalid');
    await expectRejected(localVerifier({ tokenUse: 'access' }).verify(idToken), 'invalid');
  });

  it('refuses alg "none" with an empty signature as unparseable', async () => {
    // Prepare
    const token = `${encode({ kid: keys.id.kid, alg: 'none' })}.${encode(await genuineIdClaims())}.`;

    // Act & Assess
    await expectRejected(localVerifier().verify(token), 'malformed');
  });

  it('refuses alg "none" with a signature present', async () => {
    // Prepare
    const token = `${encode({ kid: keys.id.kid, alg: 'none' })}.${encode(await genuineIdClaims())}.c2lnbmF0dXJl`;

    // Act & Assess
    await expectRejected(localVerifier().verify(token), 'invalid');
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    // Prepare
    const header = encode({ kid: keys.id.kid, alg: 'HS256' });
    const payload = encode(await genuineIdClaims());
    const secret = JSON.stringify(keys.id.publicJwk);
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');

    // Act & Assess
    await expectRejected(localVerifier().verify(`${header}.${payload}.${signature}`), 'invalid');
  });

  it.each([
    ['a "Bearer " prefix', async () => `Bearer ${(await issuer.issueTokens({ username: 'alice' })).idToken}`],
    ['random text', async () => 'not-a-jwt'],
    ['a payload that is not JSON', async () => `${encode({ kid: keys.id.kid, alg: 'RS256' })}.bm90IGpzb24.c2ln`],
  ])('refuses %s as unparseable', async (_case, makeToken) => {
    // Act & Assess
    const error = await expectRejected(localVerifier().verify(await makeToken()), 'malformed');
    expect(error.message).toBe('Unable to parse JWT token.');
  });

  it('refuses a genuine token missing its username claim', async () => {
    // Prepare
    const { 'cognito:username': _username, ...claims } = await genuineIdClaims();
    const token = signJwt(keys.id.kid, keys.id.privateKey, claims);

    // Act & Assess
    await expectRejected(localVerifier().verify(token), 'invalid');
  });

  it('serves a repeated token from its cache, until the token expires', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const { idToken } = await issuer.issueTokens({ username: 'alice', ttlSeconds: 60 });
    const verifier = localVerifier();

    // Act
    const first = await verifier.verify(idToken);
    const second = await verifier.verify(idToken);
    vi.setSystemTime(Date.UTC(2030, 0, 1, 0, 1, 1));
    const afterExpiry = verifier.verify(idToken);

    // Assess
    expect(second).toBe(first);
    await expectRejected(afterExpiry, 'expired');
  });

  it('verifies afresh every time when the cache is off', async () => {
    // Prepare
    const { idToken } = await issuer.issueTokens({ username: 'alice' });
    const verifier = localVerifier({ cacheSize: 0 });

    // Act
    const first = await verifier.verify(idToken);
    const second = await verifier.verify(idToken);

    // Assess
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });
});

describe('Function: createUserPoolVerifier (real Cognito user pool)', () => {
  const POOL_ID = 'us-east-1_TestPool1';
  const COGNITO_ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
  const cognitoPool: UserPoolConfig = { kind: 'cognito', userPoolId: POOL_ID, clientId: LOCAL_CLIENT_ID, region: 'us-east-1' };

  it("accepts a token with Cognito's issuer URL, checked by CognitoJwtVerifier", async () => {
    // Prepare
    const token = signJwt(keys.id.kid, keys.id.privateKey, { ...(await genuineIdClaims()), iss: COGNITO_ISSUER });
    const verifier = createUserPoolVerifier(cognitoPool, { jwks: issuer.jwks() });

    // Act
    const verified = await verifier.verify(token);

    // Assess
    expect(verifier.issuer).toBe(COGNITO_ISSUER);
    expect(verified).toMatchObject({ issuer: COGNITO_ISSUER, username: 'alice', tokenUse: 'id' });
  });

  it('refuses a local-issuer token when configured for a real pool', async () => {
    // Prepare
    const { idToken } = await issuer.issueTokens({ username: 'alice' });
    const verifier = createUserPoolVerifier(cognitoPool, { jwks: issuer.jwks() });

    // Act & Assess
    await expectRejected(verifier.verify(idToken), 'invalid');
  });

  it('refuses a malformed user pool id at construction', () => {
    // Act & Assess
    expect(() => createUserPoolVerifier({ ...cognitoPool, userPoolId: 'not a pool' })).toThrow(AuthConfigError);
  });
});

describe('Function: toCognitoIdentity', () => {
  it("builds AppSync's user-pool identity from an ID token", async () => {
    // Prepare
    const { idToken, sub } = await issuer.issueTokens({ username: 'alice', groups: ['admin'] });
    const verified = await localVerifier().verify(idToken);

    // Act
    const identity = toCognitoIdentity(verified, '203.0.113.7');

    // Assess
    expect(identity).toEqual({
      sub,
      issuer: ISSUER_URL,
      username: 'alice',
      claims: verified.claims,
      sourceIp: ['203.0.113.7'],
      defaultAuthStrategy: 'ALLOW',
      groups: ['admin'],
    });
  });

  it('takes the username claim of an access token and null groups when there are none', async () => {
    // Prepare
    const { accessToken } = await issuer.issueTokens({ username: 'bob' });
    const verified = await localVerifier().verify(accessToken);

    // Act
    const identity = toCognitoIdentity(verified, '127.0.0.1', 'DENY');

    // Assess
    expect(identity).toMatchObject({ username: 'bob', groups: null, defaultAuthStrategy: 'DENY', sourceIp: ['127.0.0.1'] });
    expect(identity.claims.token_use).toBe('access');
  });
});
