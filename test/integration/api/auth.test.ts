import { generateKeyPairSync, createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

const LIST = '{ listMedia { items { id } } }';
const REPORT = /* GraphQL */ `
  mutation P($input: ReportProgressInput!) { reportProgress(input: $input) { id status progress stage } }
`;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { errorType?: string; message: string }[] } };
}

/** A JWT with the issuer's claims and key id, signed by a key the issuer never had. */
function forge(genuine: string): string {
  const [header, payload] = genuine.split('.');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('Authentication and authorization like AppSync', () => {
  let api: TestRuntime;
  let alice: TestUser;

  beforeAll(async () => {
    api = await startTestRuntime();
    alice = await api.signIn('alice');
  });
  afterAll(() => api?.close());

  it('refuses a request without a token with HTTP 401', async () => {
    const { status, body } = await post(api.runtime.graphqlUrl, { query: LIST });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.errorType).toBe('UnauthorizedException');
    expect(body.data).toBeUndefined();
  });

  it('refuses a forged token', async () => {
    const { status, body } = await post(api.runtime.graphqlUrl, { query: LIST }, { authorization: forge(alice.token) });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.errorType).toBe('UnauthorizedException');
  });

  it('refuses a token whose payload was altered', async () => {
    const [header, payload, signature] = alice.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString('base64url');
    const { status } = await post(api.runtime.graphqlUrl, { query: LIST }, { authorization: `${header}.${altered}.${signature}` });
    expect(status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const { idToken } = await api.runtime.issuer!.issueTokens({ username: 'shortlived', ttlSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const { status, body } = await post(api.runtime.graphqlUrl, { query: LIST }, { authorization: idToken });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/expired/i);
  });

  it('refuses garbage in the Authorization header', async () => {
    const { status } = await post(api.runtime.graphqlUrl, { query: LIST }, { authorization: 'not-a-jwt' });
    expect(status).toBe(401);
  });

  it('keeps @aws_iam mutations from user-pool callers', async () => {
    const { createMedia } = await alice.run<{ createMedia: { id: string } }>(
      'mutation { createMedia(input: { name: "a.png", contentType: "image/png", mediaType: IMAGE }) { id } }',
    );
    const response = await alice.client.request({ query: REPORT, variables: { input: { mediaId: createMedia.id, status: 'PROCESSING', progress: 10 } } });
    expect(response.data).toEqual({ reportProgress: null });
    expect(response.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access reportProgress on type Mutation' });
  });

  it('lets the platform\'s workers call @aws_iam mutations with SigV4, and nothing else', async () => {
    const { createMedia } = await alice.run<{ createMedia: { id: string } }>(
      'mutation { createMedia(input: { name: "b.png", contentType: "image/png", mediaType: IMAGE }) { id } }',
    );
    const worker = api.worker();
    const reported = await worker.run<{ reportProgress: { status: string; progress: number; stage: string } }>(REPORT, {
      input: { mediaId: createMedia.id, status: 'PROCESSING', progress: 40, stage: 'metadata' },
    });
    expect(reported.reportProgress).toMatchObject({ status: 'PROCESSING', progress: 40, stage: 'metadata' });
    const userField = await worker.request({ query: LIST });
    expect(userField.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it('refuses a SigV4 request whose body was changed after signing', async () => {
    const body = JSON.stringify({ query: LIST });
    const { signAppSyncRequest } = await import('../../../infra/local/auth/iam');
    const headers = await signAppSyncRequest({
      url: api.runtime.graphqlUrl,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      credentials: api.runtime.workerCredentials,
      region: api.runtime.region,
    });
    delete headers.host;
    const response = await fetch(api.runtime.graphqlUrl, { method: 'POST', headers, body: body.replace('items', 'nextToken') });
    expect([401, 403]).toContain(response.status);
  });

  it('enforces cognito_groups-free default access: any signed-in user may read their own library', async () => {
    const viewer = await api.signIn('vera', ['viewer']);
    const response = await viewer.run<{ listMedia: { items: unknown[] } }>(LIST);
    expect(response.listMedia.items).toEqual([]);
  });
});
