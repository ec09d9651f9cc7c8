/**
 * Local-only operations on the bus's EventBridge endpoint, for the dead-letter store:
 * `X-Amz-Target: MediagraphLocal.ListDeadLetters | RedriveDeadLetters | PurgeDeadLetters`.
 * They exist because the `dead-letters` function runs in a worker thread (its own heap) and must
 * reach the store over the wire, SigV4-signed like every other call; AWS has no such operations
 * (there the same function reads the rule's SQS dead-letter queue).
 *
 * Request and answer shapes (JSON, AWS casing):
 * - ListDeadLetters `{ Limit?, NextToken? }` → `{ Entries: WireDeadLetter[], NextToken? }`
 * - RedriveDeadLetters `{ Ids? , All? }` → `{ Redriven: string[], Failed: [{ Id, ErrorCode, ErrorMessage }] }`
 * - PurgeDeadLetters `{ Ids?, All? }` → `{ Purged: number }`
 */
import type { DeadLetterAdmin, DeadLetterSelection } from './dead-letter-admin';
import { AwsJsonError } from './aws-json-protocol';
import { InvalidNextTokenError, type DeadLetterEntry } from './dead-letters';
import { targetLabel } from './targets';

export const ADMIN_TARGET_PREFIX = 'MediagraphLocal.';

/** A dead letter on the wire (AWS casing); `Target` is a label, `TargetDeclaration` the rule's target. */
export interface WireDeadLetter {
  readonly Id: string;
  readonly Event: unknown;
  readonly Rule: string | null;
  readonly Target: string;
  readonly TargetDeclaration: DeadLetterEntry['target'];
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
  readonly ExhaustedRetryCondition: DeadLetterEntry['exhaustedRetryCondition'];
  readonly Attempts: number;
  readonly Origin: DeadLetterEntry['origin'];
  readonly FirstAttemptAt: string;
  readonly LastAttemptAt: string;
  readonly DeadLetteredAt: string;
}

export type AdminOperation = 'ListDeadLetters' | 'RedriveDeadLetters' | 'PurgeDeadLetters';

/** Whether a target names one of the local admin operations. */
export function isAdminOperation(name: string): name is AdminOperation {
  return name === 'ListDeadLetters' || name === 'RedriveDeadLetters' || name === 'PurgeDeadLetters';
}

/**
 * Runs one admin operation.
 * @throws {AwsJsonError} ValidationException for bad input
 * @returns the answer body
 */
export async function runAdminOperation(admin: DeadLetterAdmin, operation: AdminOperation, input: Record<string, unknown>): Promise<unknown> {
  switch (operation) {
    case 'ListDeadLetters': {
      const limit = input.Limit;
      if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100)) {
        throw new AwsJsonError('ValidationException', 'Limit must be an integer from 1 to 100.');
      }
      if (input.NextToken !== undefined && typeof input.NextToken !== 'string') throw new AwsJsonError('ValidationException', 'NextToken must be a string.');
      try {
        const page = admin.list({ ...(limit !== undefined ? { limit } : {}), nextToken: input.NextToken ?? null });
        return { Entries: page.entries.map(toWire), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
      } catch (error) {
        if (error instanceof InvalidNextTokenError) throw new AwsJsonError('ValidationException', error.message);
        throw error;
      }
    }
    case 'RedriveDeadLetters': {
      const outcome = await admin.redrive(selectionOf(input));
      return { Redriven: outcome.redriven, Failed: outcome.failed.map((failure) => ({ Id: failure.id, ErrorCode: failure.errorCode, ErrorMessage: failure.errorMessage })) };
    }
    case 'PurgeDeadLetters':
      return { Purged: await admin.purge(selectionOf(input)) };
  }
}

function toWire(entry: DeadLetterEntry): WireDeadLetter {
  return {
    Id: entry.id,
    Event: entry.event,
    Rule: entry.rule,
    Target: targetLabel(entry.target),
    TargetDeclaration: entry.target,
    ErrorCode: entry.errorCode,
    ErrorMessage: entry.errorMessage,
    ExhaustedRetryCondition: entry.exhaustedRetryCondition,
    Attempts: entry.attempts,
    Origin: entry.origin,
    FirstAttemptAt: entry.firstAttemptAt,
    LastAttemptAt: entry.lastAttemptAt,
    DeadLetteredAt: entry.deadLetteredAt,
  };
}

function selectionOf(input: Record<string, unknown>): DeadLetterSelection {
  if (input.All === true) return 'all';
  const ids = input.Ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id.length > 0)) {
    throw new AwsJsonError('ValidationException', 'Give Ids (a non-empty list of dead-letter ids) or All: true.');
  }
  return ids as string[];
}
