/**
 * The local event bus: EventBridge's PutEvents, rules and targets, in process. Rules come from
 * `infra/events.ts` (the same declarations the CDK stack deploys); each pattern is compiled with
 * EventBridge's validation at start-up, so a pattern AWS would refuse fails here too. Accepted
 * events get EventBridge's envelope and are delivered at least once to every target of every
 * matching rule, with the rule's retry policy; undeliverable ones land in the dead-letter store.
 *
 * Locally there is one bus: it takes entries for `eventBusName` (by name or ARN) and for the
 * `default` bus, because on AWS the S3 events this project routes arrive on the default bus.
 * AWS services' own events (`aws.*` sources, which PutEvents refuses) enter through
 * `publishServiceEvent` — the local S3 server announces uploads that way.
 */
import { eventBusName as declaredBusName, type RuleDeclaration } from '../../events';
import type { FunctionName } from '../../functions';
import type { FailedInvocation, FunctionInvoker } from '../functions/types';
import { silentLogger, type Logger } from '../log';
import { createDeadLetterAdmin, type DeadLetterAdmin } from './dead-letter-admin';
import { openDeadLetterStore, type DeadLetterEntry, type DeadLetterStore } from './dead-letters';
import { buildEnvelope, type EventBridgeEvent, type EventContent, type PutEventsRequestEntry, type PutEventsResult, type PutEventsResultEntry } from './envelope';
import { compileEventPattern, matchesEventPattern, type CompiledEventPattern } from './pattern';
import { validateEntry, validatePutEventsRequest } from './put-events-validation';
import { createRetryQueue, type RetryTiming, type Undeliverable } from './retry-queue';
import { compileTarget, type AppSyncExecutor, type CompiledTarget } from './targets';

export type { DeadLetterAdmin, DeadLetterSelection, RedriveOutcome } from './dead-letter-admin';
export type { AppSyncExecution, AppSyncExecutionResult, AppSyncExecutor } from './targets';

export interface LocalBusOptions {
  readonly rules: readonly RuleDeclaration[];
  readonly invoker: Pick<FunctionInvoker, 'invokeAsync'>;
  readonly executeAppSync: AppSyncExecutor;
  /** Where dead letters are kept (created if missing). */
  readonly deadLetterDir: string;
  readonly region: string;
  /** @default '000000000000' */
  readonly account?: string;
  /** @default infra/events.ts eventBusName */
  readonly eventBusName?: string;
  readonly retry?: RetryTiming;
  readonly logger?: Logger;
  /** @default Date.now */
  readonly clock?: () => number;
}

export interface LocalBus {
  readonly eventBusName: string;
  readonly eventBusArn: string;
  /**
   * PutEvents: validates, then accepts each valid entry (delivery continues in the background).
   * @throws {PutEventsValidationError} when the request as a whole is refused
   */
  putEvents(entries: readonly PutEventsRequestEntry[]): Promise<PutEventsResult>;
  /** An AWS service's own event (e.g. S3 Object Created). @returns the event as put on the bus */
  publishServiceEvent(content: EventContent): EventBridgeEvent;
  /** Lambda's on-failure path: the function runner reports events its async retries gave up on. */
  recordFailedInvocation(failure: FailedInvocation): Promise<DeadLetterEntry>;
  readonly deadLetters: DeadLetterAdmin;
  /** Resolves when no delivery is in progress or waiting for a retry. */
  idle(): Promise<void>;
  /** Stops retrying (waiting retries are dropped and logged). */
  close(): Promise<void>;
}

interface CompiledRule {
  readonly declaration: RuleDeclaration;
  readonly pattern: CompiledEventPattern;
  readonly targets: readonly CompiledTarget[];
}

const DEFAULT_ACCOUNT = '000000000000';

/**
 * Creates the bus and opens its dead-letter store.
 * @throws {InvalidEventPatternError} when a rule's pattern would be refused by EventBridge
 * @returns the running bus
 * @example
 * const bus = await createLocalBus({ rules, invoker, executeAppSync, deadLetterDir: '.data/dead-letters', region: 'us-east-1' });
 * await bus.putEvents([{ Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: JSON.stringify({ mediaId }), EventBusName: 'mediagraph' }]);
 */
export async function createLocalBus(options: LocalBusOptions): Promise<LocalBus> {
  const logger = (options.logger ?? silentLogger).child({ component: 'bus' });
  const clock = options.clock ?? Date.now;
  const account = options.account ?? DEFAULT_ACCOUNT;
  const name = options.eventBusName ?? declaredBusName;
  const arn = `arn:aws:events:${options.region}:${account}:event-bus/${name}`;
  const dependencies = { invoker: options.invoker, executeAppSync: options.executeAppSync };
  const rules: CompiledRule[] = options.rules.map((declaration) => ({
    declaration,
    pattern: compileEventPattern(declaration.pattern),
    targets: declaration.targets.map((target) => compileTarget(target, dependencies)),
  }));
  const store: DeadLetterStore = await openDeadLetterStore(options.deadLetterDir, logger);
  const queue = createRetryQueue({
    ...(options.retry ? { timing: options.retry } : {}),
    clock,
    logger,
    onUndeliverable: async (failure) => {
      const entry = await store.add(deadLetterFrom(failure), new Date(clock()));
      logger.error('bus.deadLettered', { id: entry.id, eventId: failure.task.event.id, rule: failure.task.rule, target: failure.task.target.label, errorCode: failure.errorCode, attempts: failure.attempts });
    },
  });

  const acceptsBus = (busName: string | undefined) => busName === undefined || busName === 'default' || busName === name || busName === arn;

  const route = (event: EventBridgeEvent) => {
    const acceptedAt = clock();
    for (const rule of rules) {
      if (!matchesEventPattern(rule.pattern, event)) continue;
      for (const target of rule.targets) {
        queue.submit({ event, rule: rule.declaration.name, target, retryPolicy: rule.declaration.retry, acceptedAt });
      }
    }
  };

  const accept = (content: EventContent): EventBridgeEvent => {
    const event = buildEnvelope(content, { account, region: options.region }, new Date(clock()));
    logger.debug('bus.accepted', { eventId: event.id, source: event.source, detailType: event['detail-type'] });
    route(event);
    return event;
  };

  return {
    eventBusName: name,
    eventBusArn: arn,
    async putEvents(entries) {
      validatePutEventsRequest(entries);
      const results: PutEventsResultEntry[] = entries.map((entry) => {
        const verdict = validateEntry(entry, acceptsBus);
        return verdict.ok ? { EventId: accept(verdict.content).id } : verdict.error;
      });
      return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
    },
    publishServiceEvent: accept,
    async recordFailedInvocation(failure) {
      const rule = rules.find(
        (candidate) =>
          candidate.declaration.targets.some((target) => target.kind === 'function' && target.function === failure.functionName) &&
          matchesEventPattern(candidate.pattern, failure.event),
      );
      const entry = await store.add({
        event: failure.event,
        rule: rule?.declaration.name ?? null,
        // The runner only runs declared functions, so its name is a FunctionName.
        target: { kind: 'function', function: failure.functionName as FunctionName },
        errorCode: failure.errorType,
        errorMessage: failure.errorMessage,
        exhaustedRetryCondition: null,
        attempts: failure.attempts,
        origin: 'function',
        firstAttemptAt: failure.firstAttemptAt,
        lastAttemptAt: failure.lastAttemptAt,
      }, new Date(clock()));
      logger.error('bus.functionFailureRecorded', { id: entry.id, function: failure.functionName, errorType: failure.errorType, attempts: failure.attempts });
      return entry;
    },
    deadLetters: createDeadLetterAdmin({ store, targetFor: (entry) => compileTarget(entry.target, dependencies), clock, logger }),
    idle: () => queue.idle(),
    async close() {
      queue.close();
      await queue.idle();
    },
  };
}

function deadLetterFrom(failure: Undeliverable) {
  return {
    event: failure.task.event,
    rule: failure.task.rule,
    target: failure.task.target.declaration,
    errorCode: failure.errorCode,
    errorMessage: failure.errorMessage,
    exhaustedRetryCondition: failure.exhaustedRetryCondition,
    attempts: failure.attempts,
    origin: 'bus' as const,
    firstAttemptAt: failure.firstAttemptAt.toISOString(),
    lastAttemptAt: failure.lastAttemptAt.toISOString(),
  };
}
