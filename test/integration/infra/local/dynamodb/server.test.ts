import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createLocalDynamoDbClient } from '../../../../../infra/local/dynamodb/client';
import {
  DynamoDbLocalExitedError,
  JavaNotFoundError,
} from '../../../../../infra/local/dynamodb/errors';
import { startDynamoDbLocal } from '../../../../../infra/local/dynamodb/server';

const FIXTURE = fileURLToPath(new URL('./fixtures/start-dynamodb-local.ts', import.meta.url));

async function answers(endpoint: string): Promise<boolean> {
  const client = createLocalDynamoDbClient(endpoint, { maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

async function eventuallyDown(endpoint: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!(await answers(endpoint))) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Local addresses (as /proc/net hex) of sockets listening on `port`. Linux only. */
function listeningAddresses(port: number): string[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .filter((file) => existsSync(file))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${portHex}`))
    .map((fields) => fields[1]!.split(':')[0]!);
}

const LOOPBACK_HEX = new Set(['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000']);

/** Starts the fixture in a child Node process; resolves with the child and the endpoint it printed. */
function startInChild(mode: 'wait' | 'exit') {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /ENDPOINT (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code} before printing its endpoint`)));
  });
  return { child, endpoint };
}

describe('Function: startDynamoDbLocal', () => {
  it('answers on a free loopback port, listens on loopback only, and stops on stop()', async () => {
    // Act
    const dynamodb = await startDynamoDbLocal();
    const port = Number(new URL(dynamodb.endpoint).port);
    const addresses = listeningAddresses(port);
    const answered = await answers(dynamodb.endpoint);
    await dynamodb.stop();
    await dynamodb.stop();

    // Assess
    expect(dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(answered).toBe(true);
    expect(dynamodb.startupMs).toBeGreaterThan(0);
    if (existsSync('/proc/net/tcp')) {
      expect(addresses.length).toBeGreaterThan(0);
      expect(addresses.every((address) => LOOPBACK_HEX.has(address))).toBe(true);
    }
    expect(await answers(dynamodb.endpoint)).toBe(false);
  });

  it('keeps tables under dataDir across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-dynamodb-'));
    try {
      const first = await startDynamoDbLocal({ dataDir });
      const client = createLocalDynamoDbClient(first.endpoint);
      await client.send(
        new CreateTableCommand({
          TableName: 'persisted',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      client.destroy();
      await first.stop();

      const second = await startDynamoDbLocal({ dataDir });
      const reopened = createLocalDynamoDbClient(second.endpoint);
      const tables = await reopened.send(new ListTablesCommand({}));
      reopened.destroy();
      await second.stop();

      expect(tables.TableNames).toEqual(['persisted']);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('fails with JavaNotFoundError when java cannot be run', async () => {
    await expect(startDynamoDbLocal({ javaPath: '/nonexistent/bin/java' })).rejects.toBeInstanceOf(JavaNotFoundError);
  });

  it('fails with DynamoDbLocalExitedError quoting its output when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const failure = await startDynamoDbLocal({ port }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(DynamoDbLocalExitedError);
      expect((failure as DynamoDbLocalExitedError).output).toContain(`Failed to bind to /127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
  });

  it('leaves no JVM behind when the parent process is killed with SIGKILL', async () => {
    const { child, endpoint } = startInChild('wait');
    const url = await endpoint;
    expect(await answers(url)).toBe(true);

    child.kill('SIGKILL');

    expect(await eventuallyDown(url, 10_000)).toBe(true);
  });

  it('leaves no JVM behind when the parent exits without calling stop()', async () => {
    const { endpoint } = startInChild('exit');
    const url = await endpoint;

    expect(await eventuallyDown(url, 10_000)).toBe(true);
  });
});
