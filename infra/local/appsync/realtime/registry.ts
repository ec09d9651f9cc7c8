/**
 * The live subscriptions of every connection, indexed by Subscription field, and the fan-out of a
 * published mutation result to them. Subscriptions with the same (document, operation, variables)
 * share one compiled shaper, and one event is shaped and serialized once per such group, so a
 * publish to many identical subscribers costs one shaping plus a string concatenation each.
 */
import { matchesArgumentFilter, matchesSubscriptionFilter } from './filters';
import type { InvalidateEvent, PublishEvent } from './hooks';
import type { RealtimeLogger } from './logger';
import type { PreparedSubscription } from './prepare-subscription';
import { serializeDataFrame } from './protocol';
import { compilePayloadShaper } from './shape';
import type { PayloadShaper } from './shape';
import type { SubscriptionIndex } from './subscribe-directive';

interface ShapeGroup {
  readonly key: string;
  readonly shaper: PayloadShaper;
  refs: number;
  /** The event the cached payload belongs to (identity), and that payload as JSON text. */
  event: object | undefined;
  payloadJson: string;
}

/** One live subscription as the registry sees it. */
export interface RegisteredSubscription {
  readonly id: string;
  readonly connectionId: string;
  readonly prepared: PreparedSubscription;
  /** Writes one frame to the subscriber's socket. */
  readonly send: (frame: string) => void;
  /** Called after the registry dropped the subscription because an invalidation matched. */
  readonly onInvalidated: () => void;
}

interface Entry {
  subscription: RegisteredSubscription;
  group: ShapeGroup;
}

export interface SubscriptionRegistry {
  add(subscription: RegisteredSubscription): void;
  remove(subscription: RegisteredSubscription): void;
  publish(event: PublishEvent): number;
  invalidate(event: InvalidateEvent): number;
  size(): number;
}

/** Creates the registry for one schema's `@aws_subscribe` index. */
export function createSubscriptionRegistry(index: SubscriptionIndex, logger: RealtimeLogger): SubscriptionRegistry {
  const byField = new Map<string, Map<RegisteredSubscription, Entry>>();
  const groups = new Map<string, ShapeGroup>();
  let count = 0;

  const groupFor = (prepared: PreparedSubscription): ShapeGroup => {
    const existing = groups.get(prepared.shapeKey);
    if (existing) {
      existing.refs += 1;
      return existing;
    }
    const group: ShapeGroup = {
      key: prepared.shapeKey,
      shaper: compilePayloadShaper(prepared),
      refs: 1,
      event: undefined,
      payloadJson: '',
    };
    groups.set(group.key, group);
    return group;
  };

  const release = (group: ShapeGroup): void => {
    group.refs -= 1;
    if (group.refs === 0) groups.delete(group.key);
  };

  const matches = ({ prepared }: RegisteredSubscription, result: unknown): boolean =>
    // A filter set by the resolver replaces argument filtering (see PROTOCOL.md).
    prepared.filter ? matchesSubscriptionFilter(prepared.filter, result) : matchesArgumentFilter(prepared.arguments, result);

  const render = (group: ShapeGroup, event: object, result: unknown): string => {
    if (group.event !== event) {
      group.payloadJson = JSON.stringify(group.shaper.shape(result));
      group.event = event;
    }
    return group.payloadJson;
  };

  return {
    add(subscription) {
      const group = groupFor(subscription.prepared);
      const field = subscription.prepared.fieldName;
      const entries = byField.get(field) ?? new Map<RegisteredSubscription, Entry>();
      entries.set(subscription, { subscription, group });
      byField.set(field, entries);
      count += 1;
    },
    remove(subscription) {
      const entries = byField.get(subscription.prepared.fieldName);
      const entry = entries?.get(subscription);
      if (!entries || !entry) return;
      entries.delete(subscription);
      release(entry.group);
      count -= 1;
    },
    publish({ mutationField, result }) {
      const fields = index.get(mutationField);
      // A mutation that resolved to null has nothing to publish (see PROTOCOL.md).
      if (!fields || result === null || result === undefined) return 0;
      const event = {};
      let delivered = 0;
      for (const field of fields) {
        for (const entry of byField.get(field)?.values() ?? []) {
          const { subscription } = entry;
          try {
            if (!matches(subscription, result)) continue;
            subscription.send(serializeDataFrame(subscription.id, render(entry.group, event, result)));
            delivered += 1;
          } catch (error) {
            logger.log('error', 'publish.deliveryFailed', {
              mutationField,
              subscriptionField: field,
              connectionId: subscription.connectionId,
              subscriptionId: subscription.id,
              error: (error as Error).message,
            });
          }
        }
      }
      return delivered;
    },
    invalidate({ subscriptionField, payload }) {
      const entries = byField.get(subscriptionField);
      if (!entries) return 0;
      const matched = [...entries.values()].filter(
        ({ subscription }) =>
          subscription.prepared.invalidationFilter !== undefined &&
          matchesSubscriptionFilter(subscription.prepared.invalidationFilter, payload),
      );
      for (const { subscription } of matched) {
        this.remove(subscription);
        subscription.onInvalidated();
      }
      return matched.length;
    },
    size: () => count,
  };
}
