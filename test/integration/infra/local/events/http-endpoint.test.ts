/**
 * The bus's EventBridge endpoint driven by the AWS SDK exactly as functions use it
 * (`@aws-sdk/client-eventbridge` with `endpoint` set), over a real socket on 127.0.0.1:0,
 * with SigV4 verified for service `events`.
 */
import { EventBridgeClient, PutEventsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rules, type RuleDeclaration } from '../../../../../infra/events';
import type { FunctionName } from '../../../../../infra/functions';
import { createIamVerifier, createWorkerCredentials } from '../../../../../infra/local/auth/iam';
import { createLocalBus, type LocalBus } from '../../../../../infra/local/events/bus';
import { startEventBridgeEndpoint, type EventBridgeEndpoint } from '../../../../../infra/local/events/http-endpoint';

const region = 'us-east-1';
const worker = createWorkerCredentials();
const invokeAsync = vi.fn<(name: FunctionName, event: unknown) => void>();
let directory: string;
let bus: LocalBus;
let endpoint: EventBridgeEndpoint;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mediagraph-eventbridge-'));
  // The declared rules, plus one routing Media Ingested to a function (as the analyzers' rules will).
  const analyzeRule: RuleDeclaration = {
    name: 'AnalyzeIngested',
    description: 'test rule',
    pattern: { source: ['mediagraph.ingest'], 'detail-type': ['Media Ingested'], detail: { mediaType: ['IMAGE'] } },
    targets: [{ kind: 'function', function: 'ingest' }],
    retry: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
  };
  bus = await createLocalBus({ rules: [...rules, analyzeRule], invoker: { invokeAsync }, executeAppSync: async () => ({ data: {} }), deadLetterDir: join(directory, 'dead-letters'), region });
  const verifier = createIamVerifier({ region, service: 'events' });
  verifier.register(worker, { roleName: 'mediagraph-worker', sessionName: 'ingest' });
  endpoint = await startEventBridgeEndpoint({ bus, verifier });
});

afterAll(async () => {
  await endpoint.close();
  await bus.close();
  await rm(directory, { recursive: true, force: true });
});

function client(credentials: { accessKeyId: string; secretAccessKey: string } = worker) {
  return new EventBridgeClient({ region, endpoint: endpoint.url, credentials, maxAttempts: 1 });
}

describe('Integration: PutEvents through @aws-sdk/client-eventbridge', () => {
  it('accepts signed events and returns their ids; a matching rule delivers them', async () => {
    // Prepare
    const detail = { mediaId: 'media-1', mediaType: 'IMAGE' };

    // Act
    const result = await client().send(
      new PutEventsCommand({
        Entries: [
          { Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: JSON.stringify(detail), EventBusName: 'mediagraph', Time: new Date('2026-03-01T12:00:00Z') },
          { Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}', EventBusName: 'mediagraph' },
        ],
      }),
    );

    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(1);
    const eventId = result.Entries?.[0]?.EventId;
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries?.[1]).toEqual({ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' });
    expect(invokeAsync).toHaveBeenCalledWith('ingest', {
      version: '0',
      id: eventId,
      'detail-type': 'Media Ingested',
      source: 'mediagraph.ingest',
      account: '000000000000',
      time: '2026-03-01T12:00:00Z',
      region,
      resources: [],
      detail,
    });
  });

  it('refuses a request signed with a wrong secret (InvalidSignatureException, HTTP 403)', async () => {
    // Act
    const sending = client({ accessKeyId: worker.accessKeyId, secretAccessKey: 'not-the-secret' }).send(
      new PutEventsCommand({ Entries: [{ Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '{}' }] }),
    );

    // Assess
    await expect(sending).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining('The request signature we calculated does not match'),
    });
  });

  it('refuses an unknown access key (UnrecognizedClientException)', async () => {
    // Act
    const sending = client({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' }).send(
      new PutEventsCommand({ Entries: [{ Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '{}' }] }),
    );

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
  });

  it('answers more than 10 entries with ValidationException', async () => {
    // Act
    const sending = client().send(
      new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => ({ Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '{}' })) }),
    );

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 }, message: expect.stringContaining('less than or equal to 10') });
  });

  it('tests patterns like TestEventPattern, refusing invalid ones with InvalidEventPatternException', async () => {
    // Prepare
    const event = JSON.stringify({ id: '1', source: 'aws.s3', 'detail-type': 'Object Created', account: '1', time: '2026-01-01T00:00:00Z', region, resources: [], detail: { object: { key: 'originals/a' } } });

    // Act
    const matched = await client().send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { object: { key: [{ prefix: 'originals/' }] } } }), Event: event }));
    const refused = client().send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { object: { key: [{ prefix: 1 }] } } }), Event: event }));

    // Assess
    expect(matched.Result).toBe(true);
    await expect(refused).rejects.toMatchObject({ name: 'InvalidEventPatternException', message: 'Event pattern is not valid. Reason: prefix match pattern must be a string' });
  });
});
