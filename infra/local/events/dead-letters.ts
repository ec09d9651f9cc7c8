/**
 * The dead-letter store: events the bus could not deliver to a target after its retries (an SQS
 * dead-letter queue on AWS, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html),
 * and events a function's asynchronous invocations gave up on (Lambda's on-failure destination).
 * Each entry keeps what an EventBridge DLQ message carries — the event, rule, target, error code
 * and message, the exhausted retry condition, retry attempts — plus its timestamps.
 * Persisted one file per entry under a directory (atomic writes), so entries survive restarts.
 */
import { randomUUID } from 'node:crypto';
import type { RuleTarget } from '../../events';
import type { Logger } from '../log';
import { openJsonFileStore } from './json-file-store';

/** Which retry limit ran out (the DLQ attribute EXHAUSTED_RETRY_CONDITION); null when none did (not retriable). */
export type ExhaustedRetryCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds' | null;

export interface DeadLetterEntry {
  readonly id: string;
  /** The event as the target would have received it. */
  readonly event: unknown;
  /** The rule that routed it; null when none can be named. */
  readonly rule: string | null;
  readonly target: RuleTarget;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly exhaustedRetryCondition: ExhaustedRetryCondition;
  /** Delivery attempts made, first one included. */
  readonly attempts: number;
  /** `bus`: the bus could not hand it to the target; `function`: the function's async retries failed. */
  readonly origin: 'bus' | 'function';
  readonly firstAttemptAt: string;
  readonly lastAttemptAt: string;
  readonly deadLetteredAt: string;
}

export type NewDeadLetter = Omit<DeadLetterEntry, 'id' | 'deadLetteredAt'>;

export interface DeadLetterPage {
  readonly entries: readonly DeadLetterEntry[];
  /** Pass back to get the next page; null on the last page. */
  readonly nextToken: string | null;
}

/** A NextToken that this store did not issue. */
export class InvalidNextTokenError extends Error {
  readonly code = 'ValidationException';
  constructor() {
    super('Invalid NextToken');
    this.name = 'InvalidNextTokenError';
  }
}

export interface DeadLetterStore {
  /** Stores a new entry (durably, before resolving). */
  add(entry: NewDeadLetter, now?: Date): Promise<DeadLetterEntry>;
  /** Replaces an entry (after a failed redrive). */
  update(entry: DeadLetterEntry): Promise<void>;
  get(id: string): DeadLetterEntry | undefined;
  /** Oldest first. @throws {InvalidNextTokenError} */
  list(options?: { readonly limit?: number; readonly nextToken?: string | null }): DeadLetterPage;
  /** Every entry, oldest first. */
  all(): readonly DeadLetterEntry[];
  remove(id: string): Promise<boolean>;
  readonly size: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/**
 * Opens the store in `directory`, loading the entries already there.
 * @returns the store; files that do not parse are logged and left alone
 */
export async function openDeadLetterStore(directory: string, logger?: Logger): Promise<DeadLetterStore> {
  const files = await openJsonFileStore<DeadLetterEntry>(directory);
  const { documents, unreadable } = await files.readAll();
  for (const problem of unreadable) logger?.warn('deadLetters.unreadable', { ...problem });
  const entries = new Map<string, DeadLetterEntry>();
  for (const entry of documents.values()) entries.set(entry.id, entry);

  const ordered = () => [...entries.values()].sort(compareEntries);
  return {
    async add(entry, now = new Date()) {
      const stored: DeadLetterEntry = { ...entry, id: randomUUID(), deadLetteredAt: now.toISOString() };
      await files.write(stored.id, stored);
      entries.set(stored.id, stored);
      return stored;
    },
    async update(entry) {
      await files.write(entry.id, entry);
      entries.set(entry.id, entry);
    },
    get: (id) => entries.get(id),
    list(options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
      const after = options.nextToken ? decodeToken(options.nextToken) : null;
      const remaining = ordered().filter((entry) => !after || compareEntries(entry, after) > 0);
      const page = remaining.slice(0, limit);
      const last = page[page.length - 1];
      return { entries: page, nextToken: remaining.length > limit && last ? encodeToken(last) : null };
    },
    all: ordered,
    async remove(id) {
      if (!entries.has(id)) return false;
      await files.remove(id);
      return entries.delete(id);
    },
    get size() {
      return entries.size;
    },
  };
}

function compareEntries(a: Pick<DeadLetterEntry, 'deadLetteredAt' | 'id'>, b: Pick<DeadLetterEntry, 'deadLetteredAt' | 'id'>): number {
  return a.deadLetteredAt.localeCompare(b.deadLetteredAt) || a.id.localeCompare(b.id);
}

function encodeToken(entry: DeadLetterEntry): string {
  return Buffer.from(JSON.stringify([entry.deadLetteredAt, entry.id]), 'utf8').toString('base64url');
}

function decodeToken(token: string): Pick<DeadLetterEntry, 'deadLetteredAt' | 'id'> {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { deadLetteredAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new InvalidNextTokenError();
}
