import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDynamoDbWireClient,
  DynamoDbNetworkError,
  DynamoDbServiceError,
  DynamoDbTimeoutError,
  type DynamoDbWireClient,
} from '../../../../../infra/local/dynamodb/wire-client';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (response: ServerResponse, request: IncomingMessage) => void;

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const opened: { server: Server; client: DynamoDbWireClient }[] = [];

/** A stand-in DynamoDB on loopback answering request n with answers[n] (the last one repeats). */
async function fakeDynamoDb(answers: Answer[], options: { timeoutMs?: number; maxAttempts?: number } = {}) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)];
      answer?.(response, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createDynamoDbWireClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials,
    retryBaseDelayMs: 1,
    ...options,
  });
  opened.push({ server, client });
  return { client, received, port };
}

const json =
  (statusCode: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (response) => {
    response.writeHead(statusCode, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `REQ-${statusCode}`, ...headers });
    response.end(JSON.stringify(body));
  };
const dropConnection: Answer = (_response, request) => request.socket.destroy();
const neverAnswer: Answer = () => undefined;

afterEach(async () => {
  for (const { server, client } of opened.splice(0)) {
    client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('Function: createDynamoDbWireClient', () => {
  it('POSTs the operation as DynamoDB JSON 1.0 with a SigV4 Authorization, binary as base64', async () => {
    // Prepare
    const { client, received, port } = await fakeDynamoDb([json(200, { Item: { pk: { S: 'a' }, raw: { B: 'AAEC/w==' } } })]);

    // Act
    const output = await client.call('GetItem', {
      TableName: 'Media',
      Key: { pk: { S: 'a' }, raw: { B: new Uint8Array([0, 1, 2, 255]) } },
      ProjectionExpression: undefined,
    });

    // Assess
    expect(output).toEqual({ Item: { pk: { S: 'a' }, raw: { B: 'AAEC/w==' } } });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/');
    expect(request?.headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      host: `127.0.0.1:${port}`,
    });
    expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(request?.body ?? '')).toEqual({ TableName: 'Media', Key: { pk: { S: 'a' }, raw: { B: 'AAEC/w==' } } });
  });

  it('throws a DynamoDbServiceError with the exception name, message, status and request id', async () => {
    const { client } = await fakeDynamoDb([
      json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' }),
    ]);

    const failure = client.call('GetItem', { TableName: 'absent', Key: {} });

    await expect(failure).rejects.toBeInstanceOf(DynamoDbServiceError);
    await expect(failure).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found',
      statusCode: 400,
      requestId: 'REQ-400',
    });
  });

  it('retries a server error twice and returns the third answer', async () => {
    const internal = json(500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' });
    const { client, received } = await fakeDynamoDb([internal, internal, json(200, { Count: 1 })]);

    const output = await client.call('Query', { TableName: 'Media' });

    expect(output).toEqual({ Count: 1 });
    expect(received).toHaveLength(3);
    // Each attempt is signed afresh (same target, same body).
    expect(new Set(received.map((request) => request.body))).toEqual(new Set(['{"TableName":"Media"}']));
  });

  it('retries a dropped connection', async () => {
    const { client, received } = await fakeDynamoDb([dropConnection, json(200, {})]);

    await expect(client.call('PutItem', { TableName: 'Media', Item: {} })).resolves.toEqual({});
    expect(received).toHaveLength(2);
  });

  it('retries an answer cut off mid-body', async () => {
    const cutOff: Answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': '100' });
      response.write('{"Items":[');
      setTimeout(() => response.socket?.destroy(), 10);
    };
    const { client, received } = await fakeDynamoDb([cutOff, json(200, { Items: [] })]);

    await expect(client.call('Query', { TableName: 'Media' })).resolves.toEqual({ Items: [] });
    expect(received).toHaveLength(2);
  });

  it('gives up after maxAttempts throttled answers with the last error', async () => {
    const throttled = json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' });
    const { client, received } = await fakeDynamoDb([throttled], { maxAttempts: 3 });

    await expect(client.call('GetItem', { TableName: 'Media' })).rejects.toMatchObject({ name: 'ThrottlingException', statusCode: 400 });
    expect(received).toHaveLength(3);
  });

  it.each([
    ['ConditionalCheckFailedException', 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException'],
    ['ValidationException', 'com.amazon.coral.validate#ValidationException'],
    ['TransactionCanceledException', 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException'],
  ])('does not retry %s', async (name, type) => {
    const { client, received } = await fakeDynamoDb([json(400, { __type: type, message: 'no' }), json(200, {})]);

    await expect(client.call('PutItem', { TableName: 'Media' })).rejects.toMatchObject({ name });
    expect(received).toHaveLength(1);
  });

  it('fails an attempt that gets no answer in time with a DynamoDbTimeoutError, without retrying it', async () => {
    const { client, received } = await fakeDynamoDb([neverAnswer], { timeoutMs: 150 });
    const startedAt = performance.now();

    const failure = client.call('Query', { TableName: 'Media' });

    await expect(failure).rejects.toBeInstanceOf(DynamoDbTimeoutError);
    await expect(failure).rejects.toThrow(/^DynamoDB Query at http:\/\/127\.0\.0\.1:\d+ did not answer within 150 ms\.$/);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(received).toHaveLength(1);
  });

  it('fails fast with a DynamoDbNetworkError when nothing ever listened at the endpoint', async () => {
    // Port 1 on loopback: refused. Never reachable, so not retried.
    const client = createDynamoDbWireClient({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', credentials, retryBaseDelayMs: 5_000 });
    const startedAt = performance.now();

    const failure = client.call('GetItem', { TableName: 'Media' });

    await expect(failure).rejects.toBeInstanceOf(DynamoDbNetworkError);
    await expect(failure).rejects.toMatchObject({ code: 'ECONNREFUSED', attempts: 1, message: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    client.destroy();
  });

  it('keeps connections alive across calls', async () => {
    const { client } = await fakeDynamoDb([(response, request) => json(200, { port: request.socket.remotePort })(response, request)]);

    const first = await client.call<{ port: number }>('GetItem', {});
    const second = await client.call<{ port: number }>('GetItem', {});

    expect(second.port).toBe(first.port);
  });
});
