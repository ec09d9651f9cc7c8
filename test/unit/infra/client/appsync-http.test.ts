import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppSyncHttpError, createAppSyncHttpClient } from '../../../../infra/client/appsync-http';

interface Call {
  url: string;
  init: { method?: string; headers?: Record<string, string>; body?: string };
}

function fakeFetch(status: number, body: string) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: Call['init']) => {
    calls.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

const endpoint = 'http://127.0.0.1:4000/graphql';

describe('Function: createAppSyncHttpClient', () => {
  it('POSTs the operation with the user-pool token as Authorization (no Bearer) and returns data and errors', async () => {
    // Prepare
    const { calls, fetchImpl } = fakeFetch(200, JSON.stringify({ data: { getMedia: null }, errors: [{ errorType: 'Unauthorized', message: 'no' }] }));
    const client = createAppSyncHttpClient({ graphqlEndpoint: endpoint, auth: { mode: 'userPool', token: async () => 'jwt' }, fetch: fetchImpl });
    // Act
    const response = await client.request({ query: parse('query Get($id: ID!) { getMedia(id: $id) { id } }'), variables: { id: 'm1' } });
    // Assess
    expect(response).toEqual({ data: { getMedia: null }, errors: [{ errorType: 'Unauthorized', message: 'no' }] });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(endpoint);
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toEqual({ 'content-type': 'application/json', Authorization: 'jwt' });
    expect(JSON.parse(calls[0]?.init.body ?? '')).toEqual({ query: 'query Get($id: ID!) {\n  getMedia(id: $id) {\n    id\n  }\n}', variables: { id: 'm1' } });
  });

  it('sends the IAM-signed headers except host, signing exactly the body it sends', async () => {
    // Prepare
    const { calls, fetchImpl } = fakeFetch(200, '{"data":{"reportProgress":{"id":"m1"}}}');
    let signedBody = '';
    const client = createAppSyncHttpClient({
      graphqlEndpoint: endpoint,
      fetch: fetchImpl,
      auth: {
        mode: 'iam',
        sign: async (request) => {
          signedBody = request.body;
          return { ...request.headers, authorization: 'AWS4-HMAC-SHA256 …', 'x-amz-date': '20240101T000000Z' };
        },
      },
    });
    // Act
    await client.request({ query: 'mutation { reportProgress(input: {mediaId: "m1", status: READY, progress: 100}) { id } }', operationName: undefined });
    // Assess
    const headers = calls[0]?.init.headers ?? {};
    expect(headers.host).toBeUndefined();
    expect(headers.authorization).toBe('AWS4-HMAC-SHA256 …');
    expect(headers['x-amz-date']).toBe('20240101T000000Z');
    expect(calls[0]?.init.body).toBe(signedBody);
  });

  it('rejects with AppSyncHttpError carrying AppSync’s errors on HTTP 401', async () => {
    const { fetchImpl } = fakeFetch(401, JSON.stringify({ errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }] }));
    const client = createAppSyncHttpClient({ graphqlEndpoint: endpoint, auth: { mode: 'userPool', token: () => 'old' }, fetch: fetchImpl });
    const failure = await client.request({ query: '{ tagTree { id } }' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppSyncHttpError);
    expect(failure).toMatchObject({ status: 401, message: 'Token has expired.', errors: [{ errorType: 'UnauthorizedException' }] });
  });

  it('rejects a non-JSON answer', async () => {
    const { fetchImpl } = fakeFetch(502, '<html>Bad gateway</html>');
    const client = createAppSyncHttpClient({ graphqlEndpoint: endpoint, auth: { mode: 'userPool', token: () => 't' }, fetch: fetchImpl });
    await expect(client.request({ query: '{ tagTree { id } }' })).rejects.toMatchObject({ status: 502 });
  });
});
