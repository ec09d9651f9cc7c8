/**
 * Events the bus could not deliver, as the `dead-letters` function (admins) needs them: list,
 * deliver again, delete. Adapters: `adapters/aws/sqs-dead-letter-queue.ts` (the rules' SQS
 * dead-letter queue on AWS) and `adapters/local/bus-dead-letter-queue.ts` (the local bus's store,
 * reached over its EventBridge endpoint — there is no SQS-compatible server locally).
 */

export interface DeadLetter {
  readonly id: string;
  /** The EventBridge event that was not delivered. */
  readonly event: unknown;
  /** The rule that routed it (its name locally, its ARN on AWS); null when unknown. */
  readonly rule: string | null;
  /** The target it was for (`function:ingest`, `appsync:ReportProgress` locally; an ARN on AWS). */
  readonly target: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  /** Delivery attempts made, first one included. */
  readonly attempts: number;
  readonly firstAttemptAt: string;
  readonly lastAttemptAt: string;
}

export interface DeadLetterPage {
  readonly items: readonly DeadLetter[];
  /** Pass back for the next page; null when there is none (SQS cannot page: always null there). */
  readonly nextToken: string | null;
}

export interface RedriveResult {
  /** Ids delivered again and removed. */
  readonly redriven: readonly string[];
  /** Ids that could not be delivered (kept) or were not found. */
  readonly failed: readonly { readonly id: string; readonly errorCode: string; readonly errorMessage: string }[];
}

/** Which dead letters an action applies to. */
export type DeadLetterSelection = readonly string[] | 'all';

export interface DeadLetterQueue {
  /** Oldest first where the store keeps an order. */
  list(options?: { readonly limit?: number; readonly nextToken?: string | null }): Promise<DeadLetterPage>;
  /** Delivers the selected events again; those that get through are removed. */
  redrive(selection: DeadLetterSelection): Promise<RedriveResult>;
  /** Deletes the selected events. @returns how many were removed */
  purge(selection: DeadLetterSelection): Promise<number>;
}
