/**
 * The dead-letter store over the wire: the `dead-letters` function's local adapter
 * (functions/adapters/local/bus-dead-letter-queue.ts) against the bus's EventBridge endpoint,
 * with its local-only MediagraphLocal.* operations, SigV4-signed for service `events`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rules, type RuleDeclaration } from '../../../../../infra/events';
import type { FunctionName } from '../../../../../infra/functions';
import { createIamVerifier, createWorkerCredentials } from '../../../../../infra/local/auth/iam';
import { createLocalBus, type LocalBus } from '../../../../../infra/local/events/bus';
import { startEventBridgeEndpoint, type EventBridgeEndpoint } from '../../../../../infra/local/events/http-endpoint';
import { FunctionInvocationError } from '../../../../../infra/local/functions/types';
import { LocalDeadLetterError, createBusDeadLetterQueue } from '../../../../../functions/adapters/local/bus-dead-letter-queue';

const region = 'us-east-1';
const admin = createWorkerCredentials();
const ingest = createWorkerCredentials();
const invokeAsync = vi.fn<(name: FunctionName, event: unknown) => void>();
let directory: string;
let bus: LocalBus;
let endpoint: EventBridgeEndpoint;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mediagraph-dead-letters-'));
  const noRetries = rules.map((rule): RuleDeclaration => ({ ...rule, retry: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 } }));
  bus = await createLocalBus({ rules: noRetries, invoker: { invokeAsync }, executeAppSync: async () => ({ data: {} }), deadLetterDir: join(directory, 'dead-letters'), region });
  const verifier = createIamVerifier({ region, service: 'events' });
  verifier.register(admin, { roleName: 'mediagraph-worker', sessionName: 'dead-letters' });
  verifier.register(ingest, { roleName: 'mediagraph-worker', sessionName: 'ingest' });
  endpoint = await startEventBridgeEndpoint({ bus, verifier, authorizeAdmin: (identity) => identity.userArn.endsWith('/dead-letters') });
});

afterAll(async () => {
  await endpoint.close();
  await bus.close();
  await rm(directory, { recursive: true, force: true });
});

beforeEach(async () => {
  await bus.deadLetters.purge('all');
  invokeAsync.mockReset();
});

async function deadLetterUploads(count: number): Promise<void> {
  invokeAsync.mockImplementation(() => {
    throw new FunctionInvocationError('ingest', 'TooManyRequestsException', 'Rate Exceeded.');
  });
  for (let index = 0; index < count; index += 1) {
    bus.publishServiceEvent({ source: 'aws.s3', detailType: 'Object Created', detail: { object: { key: `originals/u/m${index}/v1` } } });
  }
  await bus.idle();
  invokeAsync.mockReset();
}

function queue(credentials = admin) {
  return createBusDeadLetterQueue({ endpoint: endpoint.url, region, credentials: async () => credentials });
}

describe('Integration: dead letters through the local adapter', () => {
  it('lists page by page with nextToken', async () => {
    // Prepare
    await deadLetterUploads(3);

    // Act
    const first = await queue().list({ limit: 2 });
    const second = await queue().list({ limit: 2, nextToken: first.nextToken });

    // Assess
    expect(first.items).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(second.items).toHaveLength(1);
    expect(second.nextToken).toBeNull();
    expect(first.items[0]).toMatchObject({
      rule: 'IngestUploadedOriginals',
      target: 'function:ingest',
      errorCode: 'TooManyRequestsException',
      errorMessage: 'Rate Exceeded.',
      attempts: 1,
      event: { source: 'aws.s3', 'detail-type': 'Object Created' },
    });
    const keys = [...first.items, ...second.items].map((item) => (item.event as { detail: { object: { key: string } } }).detail.object.key).sort();
    expect(keys).toEqual(['originals/u/m0/v1', 'originals/u/m1/v1', 'originals/u/m2/v1']);
  });

  it('redrives all: the events reach their function again and leave the store', async () => {
    // Prepare
    await deadLetterUploads(2);

    // Act
    const result = await queue().redrive('all');

    // Assess
    expect(result.redriven).toHaveLength(2);
    expect(result.failed).toEqual([]);
    expect(invokeAsync).toHaveBeenCalledTimes(2);
    expect((await queue().list()).items).toEqual([]);
  });

  it('purges chosen entries', async () => {
    // Prepare
    await deadLetterUploads(2);
    const [first] = (await queue().list()).items;

    // Act
    const purged = await queue().purge([first!.id]);

    // Assess
    expect(purged).toBe(1);
    expect((await queue().list()).items.map((item) => item.id)).not.toContain(first!.id);
  });

  it('refuses a caller that is not allowed the admin operations, and a bad token', async () => {
    // Act
    const asIngest = await queue(ingest).list().catch((error: unknown) => error);
    const badToken = await queue().list({ nextToken: 'not-a-token' }).catch((error: unknown) => error);

    // Assess
    expect(asIngest).toBeInstanceOf(LocalDeadLetterError);
    expect(asIngest).toMatchObject({ code: 'AccessDeniedException', statusCode: 400 });
    expect(badToken).toMatchObject({ code: 'ValidationException', message: 'Invalid NextToken' });
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    // Act
    const listing = queue({ ...admin, secretAccessKey: 'wrong' }).list();

    // Assess
    await expect(listing).rejects.toMatchObject({ code: 'InvalidSignatureException', statusCode: 403 });
  });
});
