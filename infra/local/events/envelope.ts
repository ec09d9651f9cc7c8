/**
 * The EventBridge event as targets receive it, and the PutEvents shapes of the API.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
import { randomUUID } from 'node:crypto';

/** An event on the bus: the envelope EventBridge wraps around each accepted entry. */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 without fractional seconds, as EventBridge writes it (`2017-12-22T18:43:48Z`). */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

/** One entry of a PutEvents request (`Time` as the SDK sends it: epoch seconds, or a Date in-process). */
export interface PutEventsRequestEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Resources?: readonly string[];
  readonly Time?: Date | number | string;
  readonly EventBusName?: string;
  readonly TraceHeader?: string;
}

/** A PutEvents result entry: the event id, or why this entry was refused. */
export type PutEventsResultEntry = { readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string };

export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: readonly PutEventsResultEntry[];
}

/** What an accepted event is made of. */
export interface EventContent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly resources?: readonly string[];
  readonly time?: Date;
}

/**
 * Wraps accepted content in EventBridge's envelope.
 * @returns the event with a fresh id, version "0", the bus's account and region
 */
export function buildEnvelope(content: EventContent, where: { readonly account: string; readonly region: string }, now: Date): EventBridgeEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': content.detailType,
    source: content.source,
    account: where.account,
    time: formatEventTime(content.time ?? now),
    region: where.region,
    resources: [...(content.resources ?? [])],
    detail: content.detail,
  };
}

/** `2017-12-22T18:43:48Z`: EventBridge's event time has whole seconds. */
export function formatEventTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
