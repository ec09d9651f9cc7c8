import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventPublishError, createEventBridgePublisher } from '../../../../../functions/adapters/aws/eventbridge-publisher';
import type { OutgoingEvent } from '../../../../../functions/ports/event-publisher';

const eventBridge = mockClient(EventBridgeClient);

const ingested = (index: number): OutgoingEvent => ({ source: 'mediagraph.ingest', detailType: 'Media Ingested', detail: { mediaId: `m${index}`, mediaType: 'IMAGE' } });

function publisher() {
  return createEventBridgePublisher({ eventBusName: 'mediagraph', region: 'us-east-1', client: new EventBridgeClient({ region: 'us-east-1' }) });
}

beforeEach(() => {
  eventBridge.reset();
});

describe('Function: createEventBridgePublisher', () => {
  it('puts events on the configured bus with the detail as JSON text', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' }] });

    // Act
    await publisher().publish([{ ...ingested(1), resources: ['arn:aws:s3:::mediagraph-media/originals/u/m1/v1'] }]);

    // Assess
    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input).toEqual({
      Entries: [
        {
          EventBusName: 'mediagraph',
          Source: 'mediagraph.ingest',
          DetailType: 'Media Ingested',
          Detail: '{"mediaId":"m1","mediaType":"IMAGE"}',
          Resources: ['arn:aws:s3:::mediagraph-media/originals/u/m1/v1'],
        },
      ],
    });
  });

  it('sends batches of at most 10 entries', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_, index) => ({ EventId: `e${index}` })) }));

    // Act
    await publisher().publish(Array.from({ length: 23 }, (_, index) => ingested(index)));

    // Assess
    const sizes = eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('sends every batch, then rejects naming the refused entries and their error codes', async () => {
    // Prepare: the second entry of the first batch and the only entry of the second are refused
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: 'e0' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
          ...Array.from({ length: 8 }, (_, index) => ({ EventId: `e${index + 2}` })),
        ],
      })
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure' }] });
    const events = Array.from({ length: 11 }, (_, index) => ingested(index));

    // Act
    const publishing = publisher().publish(events);

    // Assess
    await expect(publishing).rejects.toBeInstanceOf(EventPublishError);
    const error = (await publishing.catch((caught: unknown) => caught)) as EventPublishError;
    expect(error.refused).toEqual([
      { event: events[1], errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' },
      { event: events[10], errorCode: 'InternalFailure', errorMessage: 'Internal failure' },
    ]);
    expect(error.message).toBe('PutEvents refused 2 of 11 events (ThrottlingException: Rate exceeded; InternalFailure: Internal failure)');
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('calls nothing for an empty list', async () => {
    // Act
    await publisher().publish([]);

    // Assess
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});
