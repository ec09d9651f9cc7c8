import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID } from '../../../../../infra/local/auth/config';
import { createUserPoolVerifier } from '../../../../../infra/local/auth/cognito-verifier';
import { openLocalIssuer } from '../../../../../infra/local/auth/issuer';
import type { LocalIssuer, LocalIssuerOptions } from '../../../../../infra/local/auth/issuer';
import { InvalidParameterError } from '../../../../../infra/local/auth/user-names';

const ISSUER_URL = 'http://127.0.0.1:4000/cognito/local_mediagraph';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = '', payload = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
  };
}

describe('Function: openLocalIssuer', () => {
  let dataDir: string;
  const open = (overrides: Partial<LocalIssuerOptions> = {}): Promise<LocalIssuer> =>
    openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, ...overrides });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-issuer-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('issues ID and access tokens that the user-pool verifier accepts', async () => {
    // Prepare
    const issuer = await open();
    const verifier = createUserPoolVerifier(
      { kind: 'local', issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, region: 'us-east-1' },
      { jwks: issuer.jwks(), jwksUri: 'http://127.0.0.1:1/never-fetched' },
    );

    // Act
    const tokens = await issuer.issueTokens({ username: 'alice', groups: ['admin'] });
    const id = await verifier.verify(tokens.idToken);
    const access = await verifier.verify(tokens.accessToken);

    // Assess
    expect(id).toMatchObject({ tokenUse: 'id', sub: tokens.sub, username: 'alice', groups: ['admin'], issuer: ISSUER_URL });
    expect(access).toMatchObject({ tokenUse: 'access', sub: tokens.sub, username: 'alice', groups: ['admin'] });
    expect(tokens).toMatchObject({ expiresIn: 3600, tokenType: 'Bearer' });
  });

  it('gives ID tokens the claims Cognito gives them', async () => {
    // Prepare
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const issuer = await open({ clock: () => now });

    // Act
    const { idToken, sub } = await issuer.issueTokens({ username: 'alice', groups: ['admin', 'editor'], email: 'alice@example.com' });

    // Assess
    const { header, payload } = decode(idToken);
    expect(Object.keys(header)).toEqual(['kid', 'alg']);
    expect(header.alg).toBe('RS256');
    expect(payload).toEqual({
      sub,
      'cognito:groups': ['admin', 'editor'],
      email_verified: true,
      iss: ISSUER_URL,
      'cognito:username': 'alice',
      origin_jti: expect.stringMatching(UUID_V4),
      aud: LOCAL_CLIENT_ID,
      event_id: expect.stringMatching(UUID_V4),
      token_use: 'id',
      auth_time: now / 1000,
      exp: now / 1000 + 3600,
      iat: now / 1000,
      jti: expect.stringMatching(UUID_V4),
      email: 'alice@example.com',
    });
    expect(sub).toMatch(UUID_V4);
  });

  it('gives access tokens the claims Cognito gives them, sharing the session ids with the ID token', async () => {
    // Prepare
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const issuer = await open({ clock: () => now });

    // Act
    const tokens = await issuer.issueTokens({ username: 'bob', groups: ['viewer'], ttlSeconds: 600 });

    // Assess
    const id = decode(tokens.idToken);
    const access = decode(tokens.accessToken);
    expect(access.payload).toEqual({
      sub: tokens.sub,
      'cognito:groups': ['viewer'],
      iss: ISSUER_URL,
      client_id: LOCAL_CLIENT_ID,
      origin_jti: id.payload.origin_jti,
      event_id: id.payload.event_id,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: now / 1000,
      exp: now / 1000 + 600,
      iat: now / 1000,
      jti: expect.stringMatching(UUID_V4),
      username: 'bob',
    });
    expect(access.payload.jti).not.toBe(id.payload.jti);
    // Cognito signs the two kinds with different keys.
    expect(access.header.kid).not.toBe(id.header.kid);
  });

  it('leaves out cognito:groups and the email claims when there are none', async () => {
    // Prepare
    const issuer = await open();

    // Act
    const tokens = await issuer.issueTokens({ username: 'carol', groups: [] });

    // Assess
    const id = decode(tokens.idToken).payload;
    expect(id).not.toHaveProperty('cognito:groups');
    expect(id).not.toHaveProperty('email');
    expect(id).not.toHaveProperty('email_verified');
    expect(decode(tokens.accessToken).payload).not.toHaveProperty('cognito:groups');
  });

  it('keeps the same sub for a user name across re-opening the data directory', async () => {
    // Prepare
    const first = await open();
    const { sub: aliceBefore } = await first.issueTokens({ username: 'alice' });
    const { sub: bob } = await first.issueTokens({ username: 'bob' });

    // Act
    const reopened = await open();
    const { sub: aliceAfter } = await reopened.issueTokens({ username: 'alice' });

    // Assess
    expect(aliceAfter).toBe(aliceBefore);
    expect(bob).not.toBe(aliceBefore);
    const registry = JSON.parse(await readFile(join(dataDir, 'auth', 'users.json'), 'utf8')) as { users: Record<string, { sub: string }> };
    expect(registry.users.alice?.sub).toBe(aliceBefore);
    expect(registry.users.bob?.sub).toBe(bob);
  });

  it('gives different data directories different subs and keys', async () => {
    // Prepare
    const other = await mkdtemp(join(tmpdir(), 'mediagraph-issuer-'));
    try {
      const mine = await open();
      const theirs = await openLocalIssuer({ dataDir: other, issuerUrl: ISSUER_URL, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID });

      // Act
      const a = await mine.issueTokens({ username: 'alice' });
      const b = await theirs.issueTokens({ username: 'alice' });

      // Assess
      expect(a.sub).not.toBe(b.sub);
      expect(mine.jwks().keys.map((key) => key.kid)).not.toEqual(theirs.jwks().keys.map((key) => key.kid));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('keeps its keys and user registry readable by the owner only', async () => {
    // Prepare
    const issuer = await open();

    // Act
    await issuer.issueTokens({ username: 'alice' });

    // Assess
    expect((await stat(join(dataDir, 'auth', 'signing-keys.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'auth', 'users.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'auth'))).mode & 0o777).toBe(0o700);
  });

  it('agrees on one key pair when two processes open a new data directory at once', async () => {
    // Act
    const [a, b] = await Promise.all([open(), open()]);

    // Assess
    expect(a.jwks()).toEqual(b.jwks());
  });

  it('publishes a JWKS with kid, alg RS256, use sig, n and e for both keys', async () => {
    // Prepare
    const issuer = await open();

    // Act
    const { keys } = issuer.jwks();

    // Assess
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toEqual({ alg: 'RS256', e: 'AQAB', kid: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/), kty: 'RSA', n: expect.any(String), use: 'sig' });
      expect(Buffer.from(key.n, 'base64url')).toHaveLength(256);
    }
    expect(issuer.jwksUri).toBe(`${ISSUER_URL}/.well-known/jwks.json`);
  });

  it.each([
    ['an empty user name', { username: '' }],
    ['a user name with a space', { username: 'alice smith' }],
    ['a user name with a control character', { username: 'alice\u0007' }],
    ['a user name over 128 characters', { username: 'a'.repeat(129) }],
    ['a group name with a tab', { username: 'alice', groups: ['ad\tmin'] }],
    ['an empty group name', { username: 'alice', groups: [''] }],
    ['a malformed email', { username: 'alice', email: 'not an email' }],
    ['a lifetime over one day', { username: 'alice', ttlSeconds: 86_401 }],
    ['a fractional lifetime', { username: 'alice', ttlSeconds: 1.5 }],
  ])('refuses %s', async (_case, request) => {
    // Prepare
    const issuer = await open();

    // Act & Assess
    await expect(issuer.issueTokens(request)).rejects.toBeInstanceOf(InvalidParameterError);
  });

  it('accepts user names Cognito accepts: 128 characters, accents, punctuation', async () => {
    // Prepare
    const issuer = await open();

    // Act
    const long = await issuer.issueTokens({ username: 'a'.repeat(128) });
    const accented = await issuer.issueTokens({ username: 'zoë.o’brien+test@example.com' });

    // Assess
    expect(decode(long.idToken).payload['cognito:username']).toBe('a'.repeat(128));
    expect(decode(accented.accessToken).payload.username).toBe('zoë.o’brien+test@example.com');
  });

  it('keeps user names that collide with object prototype keys apart', async () => {
    // Prepare
    const issuer = await open();

    // Act
    const proto = await issuer.issueTokens({ username: '__proto__' });
    const ctor = await issuer.issueTokens({ username: 'constructor' });
    const reopened = await open();

    // Assess
    expect(proto.sub).toMatch(UUID_V4);
    expect(ctor.sub).toMatch(UUID_V4);
    expect((await reopened.issueTokens({ username: '__proto__' })).sub).toBe(proto.sub);
  });
});
