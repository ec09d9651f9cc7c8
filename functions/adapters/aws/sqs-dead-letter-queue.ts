/**
 * DeadLetterQueue over the rules' SQS dead-letter queue on AWS. EventBridge puts each undelivered
 * event there as the message body, with message attributes RULE_ARN, TARGET_ARN, ERROR_CODE,
 * ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION and RETRY_ATTEMPTS
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
 *
 * SQS has no "peek": `list` receives messages with a visibility timeout (hiding them from other
 * readers meanwhile), then makes them visible again; SQS cannot page either, so one call returns up
 * to `limit` messages and `nextToken` is always null. `redrive` puts each selected event back on
 * the bus with PutEvents (its rules route it again) and deletes the message once accepted.
 * Events of AWS services (`aws.*` sources, e.g. S3's) cannot be put back that way — EventBridge
 * refuses them (NotAuthorizedForSourceException); they are reported as failed and stay queued.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue, DeadLetterSelection, RedriveResult } from '../../ports/dead-letter-queue';

export interface SqsDeadLetterQueueOptions {
  readonly queueUrl: string;
  /** The bus redriven events go back to. */
  readonly eventBusName: string;
  readonly region: string;
  readonly sqs?: SQSClient;
  readonly eventBridge?: EventBridgeClient;
  /** How long messages stay hidden while being listed or redriven. @default 30 */
  readonly visibilityTimeoutSeconds?: number;
}

/** ReceiveMessage returns at most 10 messages per call. */
const RECEIVE_BATCH = 10;
/** A queue can hold more than anyone lists at once; listing stops here. */
const MAX_LIST = 100;
/** Safety net against a queue that keeps yielding: receive calls per operation. */
const MAX_RECEIVES = 200;

/**
 * Creates the adapter.
 * @returns a DeadLetterQueue reading and redriving the SQS queue
 */
export function createSqsDeadLetterQueue(options: SqsDeadLetterQueueOptions): DeadLetterQueue {
  const sqs = options.sqs ?? new SQSClient({ region: options.region });
  const eventBridge = options.eventBridge ?? new EventBridgeClient({ region: options.region });
  const visibility = options.visibilityTimeoutSeconds ?? 30;

  /** Receives until `enough` says stop or the queue has nothing more visible. */
  const receive = async (enough: (received: ReadonlyMap<string, Message>) => boolean, wanted = RECEIVE_BATCH): Promise<Map<string, Message>> => {
    const received = new Map<string, Message>();
    for (let call = 0; call < MAX_RECEIVES && !enough(received); call += 1) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: Math.min(RECEIVE_BATCH, Math.max(1, wanted - received.size)),
          VisibilityTimeout: visibility,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      const fresh = Messages.filter((message) => message.MessageId && !received.has(message.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) received.set(message.MessageId as string, message);
    }
    return received;
  };

  /** Makes messages visible again (the end of a peek). */
  const release = async (messages: readonly Message[]) => {
    for (let start = 0; start < messages.length; start += RECEIVE_BATCH) {
      const batch = messages.slice(start, start + RECEIVE_BATCH);
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: batch.map((message, index) => ({ Id: `m${index}`, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
        }),
      );
    }
  };

  const selecting = (selection: DeadLetterSelection) => {
    const wanted = selection === 'all' ? null : new Set(selection);
    return {
      wanted,
      enough: (received: ReadonlyMap<string, Message>) => wanted !== null && [...wanted].every((id) => received.has(id)),
      includes: (id: string) => wanted === null || wanted.has(id),
    };
  };

  return {
    async list(listOptions = {}) {
      const limit = Math.min(Math.max(Math.trunc(listOptions.limit ?? 50), 1), MAX_LIST);
      const received = await receive((messages) => messages.size >= limit, limit);
      const messages = [...received.values()].slice(0, limit);
      await release([...received.values()]);
      return { items: messages.map(toDeadLetter), nextToken: null };
    },

    async redrive(selection) {
      const { wanted, enough, includes } = selecting(selection);
      const received = await receive(enough, Number.POSITIVE_INFINITY);
      const redriven: string[] = [];
      const failed: { id: string; errorCode: string; errorMessage: string }[] = [];
      const keep: Message[] = [];
      for (const [id, message] of received) {
        if (!includes(id)) {
          keep.push(message);
          continue;
        }
        const problem = await putBack(eventBridge, options.eventBusName, message);
        if (problem) {
          failed.push({ id, ...problem });
          keep.push(message);
        } else {
          await sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
          redriven.push(id);
        }
      }
      await release(keep);
      for (const id of wanted ?? []) {
        if (!received.has(id)) failed.push({ id, errorCode: 'ResourceNotFoundException', errorMessage: `Message ${id} is not in the queue, or is being read by someone else.` });
      }
      return { redriven, failed } satisfies RedriveResult;
    },

    async purge(selection) {
      const { enough, includes } = selecting(selection);
      const received = await receive(enough, Number.POSITIVE_INFINITY);
      const doomed = [...received.values()].filter((message) => includes(message.MessageId as string));
      let removed = 0;
      for (let start = 0; start < doomed.length; start += RECEIVE_BATCH) {
        const batch = doomed.slice(start, start + RECEIVE_BATCH);
        const result = await sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: batch.map((message, index) => ({ Id: `m${index}`, ReceiptHandle: message.ReceiptHandle })) }),
        );
        removed += result.Successful?.length ?? 0;
      }
      await release([...received.values()].filter((message) => !includes(message.MessageId as string)));
      return removed;
    },
  };
}

/** PutEvents of the original event. @returns null when accepted, else the refusal */
async function putBack(client: EventBridgeClient, eventBusName: string, message: Message): Promise<{ errorCode: string; errorMessage: string } | null> {
  const event = parseEvent(message.Body);
  if (!event) return { errorCode: 'MalformedDetail', errorMessage: 'The message body is not an EventBridge event.' };
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: event.source,
          DetailType: event['detail-type'],
          Detail: JSON.stringify(event.detail ?? {}),
          ...(event.resources && event.resources.length > 0 ? { Resources: event.resources } : {}),
          ...(event.time ? { Time: new Date(event.time) } : {}),
        },
      ],
    }),
  );
  const entry = result.Entries?.[0];
  return entry?.ErrorCode ? { errorCode: entry.ErrorCode, errorMessage: entry.ErrorMessage ?? '' } : null;
}

interface EventBody {
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail?: unknown;
  readonly resources?: string[];
  readonly time?: string;
}

function parseEvent(body: string | undefined): EventBody | null {
  try {
    const event = JSON.parse(body ?? '') as Partial<EventBody> | null;
    return event && typeof event.source === 'string' && typeof event['detail-type'] === 'string' ? (event as EventBody) : null;
  } catch {
    return null;
  }
}

function toDeadLetter(message: Message): DeadLetter {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const sentAt = message.Attributes?.SentTimestamp ? new Date(Number(message.Attributes.SentTimestamp)).toISOString() : new Date(0).toISOString();
  const event = parseEvent(message.Body) ?? message.Body ?? null;
  const retries = Number(attribute('RETRY_ATTEMPTS') ?? '0');
  const eventTime = typeof event === 'object' && event !== null && 'time' in event && typeof event.time === 'string' ? new Date(event.time).toISOString() : sentAt;
  return {
    id: message.MessageId as string,
    event,
    rule: attribute('RULE_ARN') ?? null,
    target: attribute('TARGET_ARN') ?? 'unknown',
    errorCode: attribute('ERROR_CODE') ?? 'Unknown',
    errorMessage: attribute('ERROR_MESSAGE') ?? '',
    attempts: Number.isFinite(retries) ? retries + 1 : 1,
    // EventBridge does not record its first attempt; the event's time is the closest it says.
    firstAttemptAt: eventTime,
    lastAttemptAt: sentAt,
  };
}
