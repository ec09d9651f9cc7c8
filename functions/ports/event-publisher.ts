/**
 * Puts events on the bus. Adapter: `adapters/aws/eventbridge-publisher.ts` (PutEvents through
 * @aws-sdk/client-eventbridge — to EventBridge, or to the local bus's EventBridge-API endpoint).
 */
export interface OutgoingEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  /** ARNs or ids the event concerns. */
  resources?: string[];
}

export interface EventPublisher {
  /** Puts the events; rejects when any entry was refused (with the bus's error code). */
  publish(events: OutgoingEvent[]): Promise<void>;
}
