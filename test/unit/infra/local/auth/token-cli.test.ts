import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTokenCli } from '../../../../../infra/local/auth/token-cli';

interface Captured {
  stdout: string[];
  stderr: string[];
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<Captured & { code: number }> {
  const captured: Captured = { stdout: [], stderr: [] };
  const code = await runTokenCli(argv, env, { stdout: (line) => captured.stdout.push(line), stderr: (line) => captured.stderr.push(line) });
  return { code, ...captured };
}

function payloadOf(token: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from((token ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('Function: runTokenCli', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-token-cli-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints an ID token as the last stdout line and a human line on stderr', async () => {
    // Act
    const result = await run(['alice', '--groups', 'admin,editor', '--email', 'alice@example.com', '--ttl', '600'], { DATA_DIR: dataDir, PORT: '4555', HOST: 'localhost' });

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toHaveLength(1);
    expect(payloadOf(result.stdout.at(-1))).toMatchObject({
      token_use: 'id',
      'cognito:username': 'alice',
      'cognito:groups': ['admin', 'editor'],
      email: 'alice@example.com',
      iss: 'http://localhost:4555/cognito/local_mediagraph',
    });
    expect(result.stderr.join('\n')).toMatch(/ID token for alice .*admin, editor.*valid 600 s/);
  });

  it('prints the access token with --access', async () => {
    // Act
    const result = await run(['bob', '--access'], { DATA_DIR: dataDir });

    // Assess
    expect(result.code).toBe(0);
    expect(payloadOf(result.stdout.at(-1))).toMatchObject({ token_use: 'access', username: 'bob' });
  });

  it.each([
    ['no user name', []],
    ['two user names', ['alice', 'bob']],
    ['an unknown option', ['alice', '--admin']],
    ['a non-numeric ttl', ['alice', '--ttl', 'soon']],
    ['a ttl over one day', ['alice', '--ttl', '90000']],
    ['a user name with a space', ['alice smith']],
    ['a group name with a space', ['alice', '--groups', 'super user']],
  ])('exits 2 with a message and no token for %s', async (_case, argv) => {
    // Act
    const result = await run(argv, { DATA_DIR: dataDir });

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toMatch(/^token-cli: /);
    expect(result.stderr.at(-1)).toMatch(/^Usage: /);
  });

  it('exits 1 when a real Cognito user pool is configured', async () => {
    // Act
    const result = await run(['alice'], { DATA_DIR: dataDir, COGNITO_USER_POOL_ID: 'us-east-1_Abc', COGNITO_CLIENT_ID: 'x' });

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toContain('COGNITO_USER_POOL_ID');
  });
});
