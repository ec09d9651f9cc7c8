import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../../../infra/local/auth/authenticator';
import { LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID, localIssuerUrl } from '../../../../../infra/local/auth/config';
import type { UserPoolConfig } from '../../../../../infra/local/auth/config';
import { TokenRejectedError, createUserPoolVerifier } from '../../../../../infra/local/auth/cognito-verifier';
import { answerIssuerRequest } from '../../../../../infra/local/auth/issuer-routes';
import { openLocalIssuer, signJwt } from '../../../../../infra/local/auth/issuer';
import type { LocalIssuer } from '../../../../../infra/local/auth/issuer';
import { loadOrCreateSigningKeys } from '../../../../../infra/local/auth/signing-keys';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CLI = join(REPO_ROOT, 'infra/local/auth/token-cli.ts');

let server: Server;
let port: number;
let dataDir: string;
let issuer: LocalIssuer;
let pool: UserPoolConfig;
let jwksRequests = 0;
let failJwks = false;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-jwks-http-'));
  server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname.endsWith('/jwks.json')) jwksRequests += 1;
    const answer = failJwks ? { statusCode: 503, headers: {}, body: '' } : answerIssuerRequest(issuer, request.method ?? 'GET', pathname);
    if (!answer) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(answer.statusCode, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const issuerUrl = localIssuerUrl(`http://127.0.0.1:${port}`);
  issuer = await openLocalIssuer({ dataDir, issuerUrl, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID });
  pool = { kind: 'local', issuerUrl, userPoolId: LOCAL_USER_POOL_ID, clientId: LOCAL_CLIENT_ID, region: 'us-east-1' };
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('Integration: user-pool tokens verified against a JWKS served over HTTP', () => {
  it('fetches the JWKS once and verifies ID and access tokens with it', async () => {
    // Prepare
    jwksRequests = 0;
    const verifier = createUserPoolVerifier(pool);
    const { idToken, accessToken, sub } = await issuer.issueTokens({ username: 'alice', groups: ['admin'] });

    // Act
    const id = await verifier.verify(idToken);
    const access = await verifier.verify(accessToken);

    // Assess
    expect(id).toMatchObject({ sub, username: 'alice', tokenUse: 'id', groups: ['admin'] });
    expect(access).toMatchObject({ sub, username: 'alice', tokenUse: 'access' });
    expect(jwksRequests).toBe(1);
  });

  it('authenticates a request end to end through the authenticator', async () => {
    // Prepare
    const authenticator = createAuthenticator({ cognito: createUserPoolVerifier(pool) });
    const { idToken, sub } = await issuer.issueTokens({ username: 'dave', groups: ['viewer'] });

    // Act
    const principal = await authenticator.authenticate({ method: 'POST', path: '/graphql', headers: { authorization: idToken }, body: '{}', sourceIp: '127.0.0.1' });

    // Assess
    expect(principal).toMatchObject({ mode: 'AMAZON_COGNITO_USER_POOLS', identity: { sub, username: 'dave', groups: ['viewer'], issuer: pool.kind === 'local' ? pool.issuerUrl : '' } });
  });

  it('re-fetches the JWKS for an unknown kid and still refuses a token it cannot find a key for', async () => {
    // Prepare
    const verifier = createUserPoolVerifier(pool);
    await verifier.verify((await issuer.issueTokens({ username: 'alice' })).idToken);
    const keys = await loadOrCreateSigningKeys(join(dataDir, 'auth'));
    const { idToken } = await issuer.issueTokens({ username: 'alice' });
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    jwksRequests = 0;

    // Act
    const rejection = await verifier.verify(signJwt('rotated-away-kid=', keys.id.privateKey, claims)).catch((error: unknown) => error);

    // Assess
    expect(rejection).toBeInstanceOf(TokenRejectedError);
    expect((rejection as TokenRejectedError).reason).toBe('invalid');
    expect(jwksRequests).toBe(1);
  });

  it('refuses tokens while the JWKS cannot be fetched', async () => {
    // Prepare
    const verifier = createUserPoolVerifier(pool);
    const { idToken } = await issuer.issueTokens({ username: 'alice' });
    failJwks = true;

    // Act
    const rejection = await verifier.verify(idToken).catch((error: unknown) => error).finally(() => {
      failJwks = false;
    });

    // Assess
    expect(rejection).toBeInstanceOf(TokenRejectedError);
    expect((rejection as TokenRejectedError).message).toContain('Status code is 503');
  });

  it('verifies the token the CLI prints, run as a child process against the same data directory', async () => {
    // Prepare
    const verifier = createUserPoolVerifier(pool);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port) };
    delete env.COGNITO_USER_POOL_ID;
    delete env.COGNITO_CLIENT_ID;

    // Act
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, 'carol', '--groups', 'editor,viewer'], { cwd: REPO_ROOT, env });
    const token = stdout.trim().split('\n').at(-1) ?? '';
    const verified = await verifier.verify(token);

    // Assess
    expect(verified).toMatchObject({ username: 'carol', groups: ['editor', 'viewer'], tokenUse: 'id' });
    expect(verified.sub).toBe((await issuer.issueTokens({ username: 'carol' })).sub);
    expect(stderr).toContain('ID token for carol');
    expect(stdout).not.toContain('ID token for');
  });

  it('exits non-zero with a message when the CLI gets bad arguments', async () => {
    // Act
    const failure = await run(process.execPath, ['--import', 'tsx', CLI, '--ttl', 'soon'], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir } }).catch(
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );

    // Assess
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect((failure as { stderr: string }).stderr).toContain('token-cli:');
  });
});
