/**
 * What an admin can do with dead letters: list them, deliver them again to their target (once; an
 * entry that gets through is removed, one that fails again keeps the new error), delete them.
 * EventBridge itself has no redrive for rule DLQs (you re-send from the SQS queue yourself,
 * eb-rule-dlq.html "How to resend events"); locally the bus does it for the `dead-letters` function.
 */
import type { Logger } from '../log';
import type { DeadLetterEntry, DeadLetterPage, DeadLetterStore } from './dead-letters';
import type { CompiledTarget } from './targets';

/** Which dead letters an admin action applies to. */
export type DeadLetterSelection = readonly string[] | 'all';

export interface RedriveOutcome {
  /** Ids delivered again (and removed from the store). */
  readonly redriven: readonly string[];
  /** Ids that failed again (kept, with the new error) or that do not exist. */
  readonly failed: readonly { readonly id: string; readonly errorCode: string; readonly errorMessage: string }[];
}

export interface DeadLetterAdmin {
  /** Oldest first. @throws {InvalidNextTokenError} */
  list(options?: { readonly limit?: number; readonly nextToken?: string | null }): DeadLetterPage;
  get(id: string): DeadLetterEntry | undefined;
  /** Delivers selected entries to their target once more; removes those that get through. */
  redrive(selection: DeadLetterSelection): Promise<RedriveOutcome>;
  /** Deletes entries. @returns how many were removed */
  purge(selection: DeadLetterSelection): Promise<number>;
}

/**
 * The admin side of a store.
 * @returns list, get, redrive and purge over the store
 */
export function createDeadLetterAdmin(options: {
  readonly store: DeadLetterStore;
  /** The target an entry goes back to. */
  readonly targetFor: (entry: DeadLetterEntry) => CompiledTarget;
  readonly clock: () => number;
  readonly logger: Logger;
}): DeadLetterAdmin {
  const { store, logger } = options;
  const select = (selection: DeadLetterSelection) => (selection === 'all' ? store.all().map((entry) => entry.id) : [...new Set(selection)]);
  return {
    list: (listOptions) => store.list(listOptions),
    get: (id) => store.get(id),
    async redrive(selection) {
      const redriven: string[] = [];
      const failed: { id: string; errorCode: string; errorMessage: string }[] = [];
      for (const id of select(selection)) {
        const entry = store.get(id);
        if (!entry) {
          failed.push({ id, errorCode: 'ResourceNotFoundException', errorMessage: `Dead letter ${id} does not exist.` });
          continue;
        }
        const attemptedAt = new Date(options.clock()).toISOString();
        const outcome = await options.targetFor(entry).deliver(entry.event);
        if (outcome.ok) {
          await store.remove(id);
          redriven.push(id);
          logger.info('deadLetters.redriven', { id, rule: entry.rule });
          continue;
        }
        await store.update({ ...entry, attempts: entry.attempts + 1, lastAttemptAt: attemptedAt, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage });
        failed.push({ id, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage });
      }
      return { redriven, failed };
    },
    async purge(selection) {
      let removed = 0;
      for (const id of select(selection)) if (await store.remove(id)) removed += 1;
      logger.info('deadLetters.purged', { removed });
      return removed;
    },
  };
}
