import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../../../../infra/local/appsync/types';
import type { AuthRequest } from '../../../../../infra/local/appsync/types';
import { createIamVerifier, createWorkerCredentials, signAppSyncRequest } from '../../../../../infra/local/auth/iam';

const worker = createWorkerCredentials();
const verifier = createIamVerifier({ region: 'us-east-1' });
verifier.register(worker, { roleName: 'mediagraph-worker', sessionName: 'analyze-text' });

let server: Server;
let endpoint: string;

async function toAuthRequest(request: IncomingMessage): Promise<AuthRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { method: request.method ?? 'GET', path: request.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8'), sourceIp: request.socket.remoteAddress ?? '' };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void toAuthRequest(request).then((authRequest) => {
      try {
        const identity = verifier.verify(authRequest);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ identity }));
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        response.writeHead(error.statusCode, { 'content-type': 'application/json', 'x-amzn-errortype': error.errorType }).end(JSON.stringify({ errors: [{ errorType: error.errorType, message: error.message }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Integration: SigV4-signed requests sent with fetch over a real socket', () => {
  it('verifies what fetch actually sends, and names the worker', async () => {
    // Prepare
    const body = JSON.stringify({ query: 'mutation { publishProgress(mediaId: "m1", progress: 10) { id } }' });
    const headers = await signAppSyncRequest({ url: endpoint, method: 'POST', headers: { 'content-type': 'application/json' }, body, credentials: worker, region: 'us-east-1' });

    // Act
    const response = await fetch(endpoint, { method: 'POST', headers, body });

    // Assess
    expect(response.status).toBe(200);
    expect(((await response.json()) as { identity: { userArn: string; sourceIp: string[] } }).identity).toMatchObject({
      userArn: 'arn:aws:sts::000000000000:assumed-role/mediagraph-worker/analyze-text',
      sourceIp: ['127.0.0.1'],
    });
  });

  it('answers a body swapped in transit with 403 InvalidSignatureException', async () => {
    // Prepare
    const headers = await signAppSyncRequest({ url: endpoint, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ a }"}', credentials: worker, region: 'us-east-1' });

    // Act
    const response = await fetch(endpoint, { method: 'POST', headers, body: '{"query":"{ b }"}' });

    // Assess
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
  });
});
