/**
 * The local bus with the project's own rules (infra/events.ts): routing by EventBridge patterns,
 * the AppSync target's variables, retries with backoff, dead letters that survive a restart, redrive.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rules as declaredRules, type RuleDeclaration } from '../../../../../infra/events';
import type { FunctionName } from '../../../../../infra/functions';
import { createLocalBus, type LocalBus, type LocalBusOptions } from '../../../../../infra/local/events/bus';
import { FunctionInvocationError } from '../../../../../infra/local/functions/types';

/** The event S3 sends to EventBridge for a PutObject (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html). */
function objectCreated(key: string) {
  return {
    source: 'aws.s3',
    detailType: 'Object Created',
    resources: ['arn:aws:s3:::mediagraph-media'],
    detail: {
      version: '0',
      bucket: { name: 'mediagraph-media' },
      object: { key, size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', 'version-id': 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e', sequencer: '617f08299329d189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    },
  };
}

let directory: string;
let buses: LocalBus[];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mediagraph-bus-'));
  buses = [];
});

afterEach(async () => {
  for (const bus of buses) await bus.close();
  await rm(directory, { recursive: true, force: true });
});

async function startBus(overrides: Partial<LocalBusOptions> = {}) {
  const invoker = { invokeAsync: vi.fn<(name: FunctionName, event: unknown) => void>() };
  const executeAppSync = vi.fn<LocalBusOptions['executeAppSync']>(async () => ({ data: { reportProgress: { id: 'm1' } } }));
  const bus = await createLocalBus({
    rules: declaredRules,
    invoker,
    executeAppSync,
    deadLetterDir: join(directory, 'dead-letters'),
    region: 'us-east-1',
    account: '123456789012',
    retry: { baseDelayMs: 5, maxDelayMs: 50, random: () => 1 },
    ...overrides,
  });
  buses.push(bus);
  return { bus, invoker, executeAppSync };
}

function withRetry(rule: RuleDeclaration, retry: RuleDeclaration['retry']): RuleDeclaration[] {
  return declaredRules.map((candidate) => (candidate.name === rule.name ? { ...candidate, retry } : candidate));
}

const ingestRule = declaredRules.find((rule) => rule.name === 'IngestUploadedOriginals') as RuleDeclaration;

describe('Integration: the local bus routes with the declared rules', () => {
  it('delivers an S3 Object Created event for an original to the ingest function only, in EventBridge’s envelope', async () => {
    // Prepare
    const { bus, invoker, executeAppSync } = await startBus();

    // Act
    const published = bus.publishServiceEvent(objectCreated('originals/user-1/media-1/v1'));
    await bus.idle();

    // Assess
    expect(invoker.invokeAsync).toHaveBeenCalledTimes(1);
    const [name, event] = invoker.invokeAsync.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('ingest');
    expect(event).toEqual({
      version: '0',
      id: published.id,
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: ['arn:aws:s3:::mediagraph-media'],
      detail: objectCreated('originals/user-1/media-1/v1').detail,
    });
    expect(published.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(executeAppSync).not.toHaveBeenCalled();
  });

  it('delivers nothing for an object outside originals/ (a preview the ingest wrote)', async () => {
    // Prepare
    const { bus, invoker, executeAppSync } = await startBus();

    // Act
    bus.publishServiceEvent(objectCreated('previews/user-1/media-1/v1/thumbnail.webp'));
    await bus.idle();

    // Assess
    expect(invoker.invokeAsync).not.toHaveBeenCalled();
    expect(executeAppSync).not.toHaveBeenCalled();
  });

  it('runs the AppSync target’s mutation with variables taken from $.detail', async () => {
    // Prepare
    const { bus, executeAppSync, invoker } = await startBus();
    const detail = { mediaId: 'media-1', progress: 40, stage: 'metadata' };

    // Act
    const result = await bus.putEvents([
      { Source: 'mediagraph.progress', DetailType: 'Media Progress', Detail: JSON.stringify(detail), EventBusName: 'mediagraph' },
    ]);
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(executeAppSync).toHaveBeenCalledTimes(1);
    const [request] = executeAppSync.mock.calls[0] as [{ operation: string; variables: Record<string, unknown> }];
    expect(request.operation).toContain('reportProgress(input: $input)');
    expect(request.variables).toEqual({ input: detail });
    expect(invoker.invokeAsync).not.toHaveBeenCalled();
  });
});

describe('Integration: retries, dead letters and redrive', () => {
  it('retries a refused delivery with growing delays, then dead-letters it with the reason', async () => {
    // Prepare
    const calls: number[] = [];
    const { bus, invoker } = await startBus({ rules: withRetry(ingestRule, { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 }), retry: { baseDelayMs: 20, maxDelayMs: 1000, random: () => 1 } });
    invoker.invokeAsync.mockImplementation(() => {
      calls.push(performance.now());
      throw new FunctionInvocationError('ingest', 'TooManyRequestsException', 'Rate Exceeded.');
    });

    // Act
    bus.publishServiceEvent(objectCreated('originals/user-1/media-1/v1'));
    await bus.idle();

    // Assess: the first attempt and 3 retries, waiting about 20, 40, 80 ms
    expect(calls).toHaveLength(4);
    const gaps = calls.slice(1).map((time, index) => time - (calls[index] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    expect(gaps[2]).toBeGreaterThanOrEqual(79);
    const { entries } = bus.deadLetters.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      rule: 'IngestUploadedOriginals',
      target: { kind: 'function', function: 'ingest' },
      errorCode: 'TooManyRequestsException',
      errorMessage: 'Rate Exceeded.',
      exhaustedRetryCondition: 'MaximumRetryAttempts',
      attempts: 4,
      origin: 'bus',
      event: { source: 'aws.s3', detail: { object: { key: 'originals/user-1/media-1/v1' } } },
    });
  });

  it('stops retrying when the event is older than MaximumEventAgeInSeconds', async () => {
    // Prepare: 185 retries allowed, but only 1 s of age (every duration scaled by 1/1000)
    const { bus, invoker } = await startBus({
      rules: withRetry(ingestRule, { maximumRetryAttempts: 185, maximumEventAgeSeconds: 1000 }),
      retry: { baseDelayMs: 200_000, maxDelayMs: 3_600_000, timeScale: 0.001, random: () => 1 },
    });
    invoker.invokeAsync.mockImplementation(() => {
      throw new FunctionInvocationError('ingest', 'TooManyRequestsException', 'Rate Exceeded.');
    });

    // Act
    bus.publishServiceEvent(objectCreated('originals/user-1/media-1/v1'));
    await bus.idle();

    // Assess: retries after 200 and 400 ms fit into 1 s; one 800 ms later would not (a slow
    // machine may fire the timers late and fit one retry fewer — never more)
    const calls = invoker.invokeAsync.mock.calls.length;
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(3);
    expect(bus.deadLetters.list().entries[0]).toMatchObject({ exhaustedRetryCondition: 'MaximumEventAgeInSeconds', attempts: calls });
  });

  it('dead-letters at once, without retries, when the target does not exist', async () => {
    // Prepare
    const { bus, invoker } = await startBus();
    invoker.invokeAsync.mockImplementation(() => {
      throw new FunctionInvocationError('ingest', 'ResourceNotFoundException', 'Function not found: ingest');
    });

    // Act
    bus.publishServiceEvent(objectCreated('originals/user-1/media-1/v1'));
    await bus.idle();

    // Assess
    expect(invoker.invokeAsync).toHaveBeenCalledTimes(1);
    expect(bus.deadLetters.list().entries[0]).toMatchObject({ errorCode: 'ResourceNotFoundException', exhaustedRetryCondition: null, attempts: 1 });
  });

  it('counts a GraphQL error from the AppSync target as a failed delivery', async () => {
    // Prepare
    const { bus, executeAppSync } = await startBus();
    executeAppSync.mockResolvedValue({ data: { reportProgress: null }, errors: [{ message: 'Media media-9 not found', errorType: 'NotFound' }] });

    // Act
    await bus.putEvents([{ Source: 'mediagraph.progress', DetailType: 'Media Progress', Detail: '{"mediaId":"media-9"}', EventBusName: 'mediagraph' }]);
    await bus.idle();

    // Assess: PublishProgress allows 3 retries
    expect(executeAppSync).toHaveBeenCalledTimes(4);
    expect(bus.deadLetters.list().entries[0]).toMatchObject({
      rule: 'PublishProgress',
      target: { kind: 'appsync' },
      errorCode: 'NotFound',
      errorMessage: 'Media media-9 not found',
      attempts: 4,
    });
  });

  it('redrives a dead letter to its target and removes it; one that fails again stays with the new error', async () => {
    // Prepare
    const { bus, invoker } = await startBus({ rules: withRetry(ingestRule, { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 }) });
    invoker.invokeAsync.mockImplementation(() => {
      throw new FunctionInvocationError('ingest', 'TooManyRequestsException', 'Rate Exceeded.');
    });
    const first = bus.publishServiceEvent(objectCreated('originals/user-1/media-1/v1'));
    bus.publishServiceEvent(objectCreated('originals/user-1/media-2/v1'));
    await bus.idle();
    const entries = bus.deadLetters.list().entries;
    const deliverable = entries.find((entry) => (entry.event as { id: string }).id === first.id);
    const stuck = entries.find((entry) => (entry.event as { id: string }).id !== first.id);
    invoker.invokeAsync.mockReset();
    invoker.invokeAsync.mockImplementation((_name, event) => {
      if ((event as { id: string }).id !== first.id) throw new FunctionInvocationError('ingest', 'ServiceException', 'Still failing');
    });

    // Act
    const outcome = await bus.deadLetters.redrive([deliverable!.id, stuck!.id, 'no-such-id']);

    // Assess
    expect(outcome.redriven).toEqual([deliverable!.id]);
    expect(outcome.failed).toEqual([
      { id: stuck!.id, errorCode: 'ServiceException', errorMessage: 'Still failing' },
      { id: 'no-such-id', errorCode: 'ResourceNotFoundException', errorMessage: 'Dead letter no-such-id does not exist.' },
    ]);
    expect(invoker.invokeAsync).toHaveBeenCalledWith('ingest', expect.objectContaining({ id: first.id }));
    expect(bus.deadLetters.list().entries.map((entry) => entry.id)).toEqual([stuck!.id]);
    expect(bus.deadLetters.get(stuck!.id)).toMatchObject({ attempts: 2, errorCode: 'ServiceException' });
  });

  it('keeps dead letters across a restart, and redrives them after it', async () => {
    // Prepare
    const options = { rules: withRetry(ingestRule, { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 }) };
    const before = await startBus(options);
    before.invoker.invokeAsync.mockImplementation(() => {
      throw new FunctionInvocationError('ingest', 'TooManyRequestsException', 'Rate Exceeded.');
    });
    before.bus.publishServiceEvent(objectCreated('originals/user-1/media-1/v1'));
    await before.bus.idle();
    const [stored] = before.bus.deadLetters.list().entries;
    await before.bus.close();

    // Act
    const after = await startBus(options);
    const listed = after.bus.deadLetters.list();
    const outcome = await after.bus.deadLetters.redrive('all');

    // Assess
    expect(listed.entries).toEqual([stored]);
    expect(outcome.redriven).toEqual([stored!.id]);
    expect(after.invoker.invokeAsync).toHaveBeenCalledWith('ingest', stored!.event);
    expect(await readdir(join(directory, 'dead-letters'))).toEqual([]);
  });

  it('records a function’s failed async invocation under the rule that routed it, and purges it', async () => {
    // Prepare
    const { bus } = await startBus();
    const event = bus.publishServiceEvent(objectCreated('originals/user-1/media-1/v1'));
    await bus.idle();

    // Act
    const entry = await bus.recordFailedInvocation({
      functionName: 'ingest',
      event,
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 900.00 seconds',
      attempts: 3,
      firstAttemptAt: '2026-01-01T00:00:00.000Z',
      lastAttemptAt: '2026-01-01T00:03:00.000Z',
    });
    const purged = await bus.deadLetters.purge([entry.id]);

    // Assess
    expect(entry).toMatchObject({ rule: 'IngestUploadedOriginals', origin: 'function', errorCode: 'Sandbox.Timedout', attempts: 3, target: { kind: 'function', function: 'ingest' } });
    expect(purged).toBe(1);
    expect(bus.deadLetters.list().entries).toEqual([]);
  });
});

describe('Integration: PutEvents validation on the bus', () => {
  it('refuses aws.* sources, malformed detail and other buses per entry, and accepts the rest', async () => {
    // Prepare
    const { bus } = await startBus();

    // Act
    const result = await bus.putEvents([
      { Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}' },
      { Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '[1]' },
      { Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '{}', EventBusName: 'another-bus' },
      { Source: 'mediagraph.ingest', Detail: '{}' },
      { Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '{"mediaId":"m1"}', EventBusName: bus.eventBusArn },
    ]);

    // Assess
    expect(result.FailedEntryCount).toBe(4);
    expect(result.Entries).toEqual([
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus another-bus does not exist.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { EventId: expect.any(String) },
    ]);
  });

  it('refuses the whole request beyond 10 entries or 256 KB', async () => {
    // Prepare
    const { bus } = await startBus();
    const entry = { Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '{}' };

    // Act / Assess
    await expect(bus.putEvents(Array.from({ length: 11 }, () => entry))).rejects.toThrow('Member must have length less than or equal to 10');
    await expect(bus.putEvents([{ ...entry, Detail: JSON.stringify({ blob: 'x'.repeat(256 * 1024) }) }])).rejects.toThrow(
      'Total size of the entries in the request is over the limit.',
    );
  });

  it('refuses to start with a rule EventBridge would refuse', async () => {
    await expect(
      startBus({ rules: [{ ...ingestRule, pattern: { source: [{ prefix: 42 }] } }] }),
    ).rejects.toThrow('Event pattern is not valid. Reason: prefix match pattern must be a string');
  });
});
