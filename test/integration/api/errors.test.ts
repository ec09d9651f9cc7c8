import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

describe('Malformed requests get GraphQL errors, not crashes', () => {
  let api: TestRuntime;
  let alice: TestUser;

  beforeAll(async () => {
    api = await startTestRuntime();
    alice = await api.signIn('alice');
  });
  afterAll(() => api?.close());

  const raw = async (body: string) => {
    const response = await fetch(api.runtime.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: alice.token }, body });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; errorType?: string | null; locations?: unknown[] }[] } };
  };

  it('answers a syntax error with a located GraphQL error', async () => {
    const { status, body } = await raw(JSON.stringify({ query: '{ getMedia(id: "1" { id } }' }));
    expect(status).toBe(200);
    expect(body.errors?.[0]?.message).toMatch(/Syntax Error|InvalidSyntax/);
    expect(body.errors?.[0]?.locations?.length).toBeGreaterThan(0);
  });

  it('answers an unknown field with a validation error naming it', async () => {
    const { body } = await raw(JSON.stringify({ query: '{ listMedia { items { id secretField } } }' }));
    expect(body.errors?.[0]?.message).toContain('secretField');
    expect(body.data ?? null).toBeNull();
  });

  it('answers a bad scalar value with a validation error', async () => {
    const { body } = await raw(
      JSON.stringify({ query: 'query L($f: MediaFilter) { listMedia(filter: $f) { items { id } } }', variables: { f: { createdAfter: 'yesterday' } } }),
    );
    expect(body.errors?.[0]?.message).toMatch(/AWSDateTime/);
  });

  it('answers a body that is not JSON with HTTP 400', async () => {
    const { status, body } = await raw('{"query": ');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.errorType).toBe('MalformedHttpRequestException');
  });

  it('refuses subscriptions over HTTP and points to the real-time endpoint', async () => {
    const { body } = await raw(JSON.stringify({ query: 'subscription { onMediaChanged { id } }' }));
    expect(body.errors?.[0]?.message).toMatch(/realtime/);
  });

  it('answers an unknown id with null, not an error', async () => {
    const { body } = await raw(JSON.stringify({ query: '{ getMedia(id: "no-such-id") { id } }' }));
    expect(body).toEqual({ data: { getMedia: null } });
  });

  it('keeps serving after all of the above', async () => {
    const { body } = await raw(JSON.stringify({ query: '{ listMedia { items { id } } }' }));
    expect(body.errors).toBeUndefined();
  });
});
