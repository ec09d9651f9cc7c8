/**
 * At-least-once delivery of events to targets with EventBridge's retry policy: after a failed
 * attempt the bus waits (exponential backoff with jitter) and tries again, until the rule's
 * MaximumRetryAttempts or MaximumEventAgeInSeconds runs out; then the event goes to the dead-letter
 * store with the condition that ran out. Errors no retry can fix go there at once.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 * The exact backoff EventBridge uses is not documented (by default 185 attempts over 24 hours);
 * ours doubles from `baseDelayMs` up to `maxDelayMs` with equal jitter. `timeScale` shrinks every
 * duration (delays and event age) for tests.
 */
import type { Logger } from '../log';
import type { ExhaustedRetryCondition } from './dead-letters';
import type { EventBridgeEvent } from './envelope';
import type { CompiledTarget, DeliveryOutcome } from './targets';

/** How long the bus waits between attempts. */
export interface RetryTiming {
  /** @default 1000 */
  readonly baseDelayMs?: number;
  /** @default 300_000 (5 minutes) */
  readonly maxDelayMs?: number;
  /** Multiplies every duration, event age included (e.g. 0.001 in tests). @default 1 */
  readonly timeScale?: number;
  /** @default Math.random */
  readonly random?: () => number;
}

/** One event for one target of one rule. */
export interface DeliveryTask {
  readonly event: EventBridgeEvent;
  readonly rule: string;
  readonly target: CompiledTarget;
  readonly retryPolicy: { readonly maximumRetryAttempts: number; readonly maximumEventAgeSeconds: number };
  /** When the bus accepted the event (ms); the event's age counts from here. */
  readonly acceptedAt: number;
}

/** An event that will not be delivered. */
export interface Undeliverable {
  readonly task: DeliveryTask;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly exhaustedRetryCondition: ExhaustedRetryCondition;
  readonly attempts: number;
  readonly firstAttemptAt: Date;
  readonly lastAttemptAt: Date;
}

export interface RetryQueue {
  submit(task: DeliveryTask): void;
  /** Resolves when nothing is being delivered or waiting for a retry. */
  idle(): Promise<void>;
  /** Cancels waiting retries (those deliveries are dropped, and logged). */
  close(): void;
  readonly pending: number;
}

/**
 * Creates the queue.
 * @returns a queue that delivers each submitted task until it succeeds or is dead-lettered
 */
export function createRetryQueue(options: {
  readonly timing?: RetryTiming;
  readonly clock?: () => number;
  readonly logger: Logger;
  readonly onUndeliverable: (failure: Undeliverable) => Promise<void>;
}): RetryQueue {
  const base = options.timing?.baseDelayMs ?? 1000;
  const max = options.timing?.maxDelayMs ?? 300_000;
  const scale = options.timing?.timeScale ?? 1;
  const random = options.timing?.random ?? Math.random;
  const clock = options.clock ?? Date.now;
  const timers = new Map<NodeJS.Timeout, DeliveryTask>();
  let pending = 0;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    pending -= 1;
    if (pending === 0) {
      const resolved = waiters;
      waiters = [];
      for (const resolve of resolved) resolve();
    }
  };

  const backoff = (retry: number) => {
    const exponential = Math.min(max, base * 2 ** (retry - 1));
    return (exponential / 2 + random() * (exponential / 2)) * scale;
  };

  const attempt = async (task: DeliveryTask, number: number, firstAttemptAt: Date): Promise<void> => {
    const startedAt = new Date(clock());
    const outcome = await deliverSafely(task);
    const log = { eventId: task.event.id, rule: task.rule, target: task.target.label, attempt: number };
    if (outcome.ok) {
      options.logger.debug('bus.delivered', log);
      settle();
      return;
    }
    const giveUp = (exhaustedRetryCondition: ExhaustedRetryCondition) =>
      deadLetter({ task, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, exhaustedRetryCondition, attempts: number, firstAttemptAt, lastAttemptAt: startedAt });
    if (!outcome.retriable) return giveUp(null);
    if (number - 1 >= task.retryPolicy.maximumRetryAttempts) return giveUp('MaximumRetryAttempts');
    const delay = backoff(number);
    if (clock() + delay - task.acceptedAt > task.retryPolicy.maximumEventAgeSeconds * 1000 * scale) return giveUp('MaximumEventAgeInSeconds');
    if (closed) return dropped(task);
    options.logger.info('bus.retrying', { ...log, errorCode: outcome.errorCode, delayMs: Math.round(delay) });
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(task, number + 1, firstAttemptAt);
    }, delay);
    timers.set(timer, task);
  };

  const deadLetter = async (failure: Undeliverable) => {
    try {
      await options.onUndeliverable(failure);
    } catch (error) {
      // AWS counts these as InvocationsFailedToBeSentToDLQ: the event is lost, so say so loudly.
      options.logger.error('bus.deadLetterFailed', { eventId: failure.task.event.id, rule: failure.task.rule, error: String(error) });
    } finally {
      settle();
    }
  };

  const dropped = (task: DeliveryTask) => {
    options.logger.warn('bus.closed.dropped', { eventId: task.event.id, rule: task.rule, target: task.target.label });
    settle();
  };

  return {
    submit(task) {
      if (closed) throw new Error('The event bus is closed');
      pending += 1;
      void attempt(task, 1, new Date(clock()));
    },
    idle() {
      return pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      for (const [timer, task] of timers) {
        clearTimeout(timer);
        dropped(task);
      }
      timers.clear();
    },
    get pending() {
      return pending;
    },
  };
}

async function deliverSafely(task: DeliveryTask): Promise<DeliveryOutcome> {
  try {
    return await task.target.deliver(task.event);
  } catch (error) {
    return { ok: false, errorCode: 'InternalFailure', errorMessage: String(error), retriable: true };
  }
}
