import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

describe('GraphiQL and the local sign-in', () => {
  let api: TestRuntime;
  beforeAll(async () => {
    api = await startTestRuntime({ graphiql: true });
  });
  afterAll(() => api?.close());

  it('serves the GraphiQL page with its scripts from node_modules, not a CDN', async () => {
    const page = await (await fetch(`${api.runtime.baseUrl}/graphiql`)).text();
    expect(page).toContain('<div id="graphiql">');
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.every((s) => s.startsWith('/graphiql/'))).toBe(true);
    for (const source of sources) {
      const response = await fetch(`${api.runtime.baseUrl}${source}`);
      expect(response.status, source).toBe(200);
      expect((await response.arrayBuffer()).byteLength, source).toBeGreaterThan(1000);
    }
  });

  it('bundles the page script with the AppSync real-time client for subscriptions', async () => {
    const script = await (await fetch(`${api.runtime.baseUrl}/graphiql/app.js`)).text();
    expect(script).toContain('graphql-ws');
    expect(script).toContain('/auth/token');
  });

  it('signs in through /auth/token and the token works on /graphql', async () => {
    const response = await fetch(`${api.runtime.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'grace', groups: ['editor'] }),
    });
    const tokens = (await response.json()) as { idToken: string; expiresIn: number };
    expect(tokens.expiresIn).toBe(3600);
    const result = await fetch(api.runtime.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: tokens.idToken },
      body: JSON.stringify({ query: '{ tagTree { id } }' }),
    });
    expect(await result.json()).toEqual({ data: { tagTree: [] } });
  });

  it('refuses a sign-in with a name Cognito would refuse', async () => {
    const response = await fetch(`${api.runtime.baseUrl}/auth/token`, {
      method: 'POST',
      body: JSON.stringify({ username: 'has space' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('InvalidParameterException');
  });
});
