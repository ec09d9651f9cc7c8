import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { wireClientFrom } from '../../../../../../infra/local/appsync/datasources/dynamodb-client-source';
import { createDynamoDbWireClient } from '../../../../../../infra/local/dynamodb/wire-client';

describe('Function: wireClientFrom', () => {
  it('uses a wire client as given', () => {
    const client = createDynamoDbWireClient({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

    expect(wireClientFrom(client)).toBe(client);
    client.destroy();
  });

  it('talks to an SDK client\'s endpoint, signing with its region and credentials, and reads them once', async () => {
    // Prepare: a stand-in DynamoDB that records what it was sent
    const seen: { target?: string; authorization?: string }[] = [];
    const server = createServer((request, response) => {
      seen.push({ target: request.headers['x-amz-target'] as string, authorization: request.headers.authorization });
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"Item":{"pk":{"S":"a"}}}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    let credentialReads = 0;
    const sdkLike = {
      config: {
        endpoint: async () => ({ protocol: 'http:', hostname: '127.0.0.1', port, path: '/' }),
        region: async () => 'eu-central-1',
        credentials: async () => {
          credentialReads++;
          return { accessKeyId: 'SDKKEY', secretAccessKey: 'secret' };
        },
      },
    };

    // Act
    const client = wireClientFrom(sdkLike);
    const outputs = await Promise.all([client.call('GetItem', { TableName: 'T' }), client.call('GetItem', { TableName: 'T' })]);
    client.destroy();
    server.closeAllConnections();
    server.close();

    // Assess
    expect(outputs).toEqual([{ Item: { pk: { S: 'a' } } }, { Item: { pk: { S: 'a' } } }]);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.target).toBe('DynamoDB_20120810.GetItem');
    expect(seen[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=SDKKEY\/\d{8}\/eu-central-1\/dynamodb\/aws4_request, /);
    expect(credentialReads).toBe(1);
  });
});
