/**
 * EventPublisher over EventBridge's PutEvents (`@aws-sdk/client-eventbridge`): to EventBridge on
 * AWS, to the local bus's EventBridge endpoint locally — same calls, only `endpoint` differs.
 * PutEvents takes at most 10 entries per call, and may accept some entries of a call while
 * refusing others (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html):
 * every batch is sent, then the refused entries are reported together with their error codes.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventPublisher, OutgoingEvent } from '../../ports/event-publisher';

/** The most entries one PutEvents call takes. */
export const PUT_EVENTS_BATCH_SIZE = 10;

/** One event the bus refused. */
export interface RefusedEvent {
  readonly event: OutgoingEvent;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** Some events were not put on the bus; the others were. */
export class EventPublishError extends Error {
  readonly refused: readonly RefusedEvent[];
  constructor(refused: readonly RefusedEvent[], total: number) {
    const reasons = [...new Set(refused.map((entry) => `${entry.errorCode}: ${entry.errorMessage}`))].join('; ');
    super(`PutEvents refused ${refused.length} of ${total} events (${reasons})`);
    this.name = 'EventPublishError';
    this.refused = refused;
  }
}

export interface EventBridgePublisherOptions {
  readonly eventBusName: string;
  readonly region: string;
  /** The local bus's endpoint; omitted on AWS. */
  readonly endpoint?: string;
  /** An existing client (tests, or shared configuration). */
  readonly client?: EventBridgeClient;
}

/**
 * Creates the publisher (one client per function instance).
 * @returns a publisher whose `publish` rejects with {@link EventPublishError} when entries are refused
 * @example
 * const events = createEventBridgePublisher({ eventBusName: 'mediagraph', region: 'us-east-1' });
 * await events.publish([{ source: 'mediagraph.ingest', detailType: 'Media Ingested', detail: { mediaId, mediaType } }]);
 */
export function createEventBridgePublisher(options: EventBridgePublisherOptions): EventPublisher {
  const client = options.client ?? new EventBridgeClient({ region: options.region, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  return {
    async publish(events) {
      const refused: RefusedEvent[] = [];
      for (let start = 0; start < events.length; start += PUT_EVENTS_BATCH_SIZE) {
        const batch = events.slice(start, start + PUT_EVENTS_BATCH_SIZE);
        const result = await client.send(new PutEventsCommand({ Entries: batch.map((event) => toEntry(event, options.eventBusName)) }));
        if (!result.FailedEntryCount) continue;
        // Result entries are in request order, one per entry.
        (result.Entries ?? []).forEach((entry, index) => {
          const event = batch[index];
          if (entry.ErrorCode && event) refused.push({ event, errorCode: entry.ErrorCode, errorMessage: entry.ErrorMessage ?? '' });
        });
      }
      if (refused.length > 0) throw new EventPublishError(refused, events.length);
    },
  };
}

function toEntry(event: OutgoingEvent, eventBusName: string): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    ...(event.resources && event.resources.length > 0 ? { Resources: event.resources } : {}),
  };
}
