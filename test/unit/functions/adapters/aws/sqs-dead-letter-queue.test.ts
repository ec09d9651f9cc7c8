/**
 * The SQS adapter against SQS's documented response shapes
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html)
 * carrying what EventBridge puts in a rule's DLQ: the event as the body, and the attributes
 * RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
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
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSqsDeadLetterQueue } from '../../../../../functions/adapters/aws/sqs-dead-letter-queue';

const sqs = mockClient(SQSClient);
const eventBridge = mockClient(EventBridgeClient);
const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/mediagraph-events-dlq';

function dlqMessage(id: string, event: Record<string, unknown>): Message {
  const text = (value: string) => ({ StringValue: value, DataType: 'String' });
  return {
    MessageId: id,
    ReceiptHandle: `AQEB-${id}`,
    MD5OfBody: 'fafb00f5732ab283681e124bf8747ed1',
    Body: JSON.stringify(event),
    Attributes: { SentTimestamp: '1677112427387' },
    MessageAttributes: {
      RULE_ARN: text('arn:aws:events:us-east-1:123456789012:rule/mediagraph/PublishProgress'),
      TARGET_ARN: text('arn:aws:appsync:us-east-1:123456789012:endpoints/graphql-api/abc'),
      ERROR_CODE: text('SDK_CLIENT_ERROR'),
      ERROR_MESSAGE: text('Unable to invoke the target'),
      EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttempts'),
      RETRY_ATTEMPTS: text('3'),
    },
  };
}

const progressEvent = (mediaId: string) => ({
  version: '0',
  id: `event-${mediaId}`,
  'detail-type': 'Media Progress',
  source: 'mediagraph.progress',
  account: '123456789012',
  time: '2023-02-23T00:33:40Z',
  region: 'us-east-1',
  resources: [],
  detail: { mediaId, progress: 50 },
});

function adapter() {
  return createSqsDeadLetterQueue({
    queueUrl,
    eventBusName: 'mediagraph',
    region: 'us-east-1',
    sqs: new SQSClient({ region: 'us-east-1' }),
    eventBridge: new EventBridgeClient({ region: 'us-east-1' }),
  });
}

beforeEach(() => {
  sqs.reset();
  eventBridge.reset();
});

describe('Function: createSqsDeadLetterQueue — list', () => {
  it('peeks: receives with a visibility timeout, then makes the messages visible again', async () => {
    // Prepare
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [dlqMessage('m-1', progressEvent('a')), dlqMessage('m-2', progressEvent('b'))] }).resolves({});

    // Act
    const page = await adapter().list({ limit: 5 });

    // Assess
    expect(page.nextToken).toBeNull();
    expect(page.items[0]).toEqual({
      id: 'm-1',
      event: progressEvent('a'),
      rule: 'arn:aws:events:us-east-1:123456789012:rule/mediagraph/PublishProgress',
      target: 'arn:aws:appsync:us-east-1:123456789012:endpoints/graphql-api/abc',
      errorCode: 'SDK_CLIENT_ERROR',
      errorMessage: 'Unable to invoke the target',
      attempts: 4,
      firstAttemptAt: '2023-02-23T00:33:40.000Z',
      lastAttemptAt: '2023-02-23T00:33:47.387Z',
    });
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toMatchObject({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 5,
      VisibilityTimeout: 30,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
    });
    expect(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]?.args[0].input).toEqual({
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'm0', ReceiptHandle: 'AQEB-m-1', VisibilityTimeout: 0 },
        { Id: 'm1', ReceiptHandle: 'AQEB-m-2', VisibilityTimeout: 0 },
      ],
    });
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
  });

  it('stops at the limit even when the queue holds more', async () => {
    // Prepare
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [dlqMessage('m-1', progressEvent('a')), dlqMessage('m-2', progressEvent('b'))] });

    // Act
    const page = await adapter().list({ limit: 1 });

    // Assess
    expect(page.items.map((item) => item.id)).toEqual(['m-1']);
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(1);
  });
});

describe('Function: createSqsDeadLetterQueue — redrive', () => {
  it('puts the chosen event back on the bus, deletes its message, and releases the others', async () => {
    // Prepare
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [dlqMessage('m-1', progressEvent('a')), dlqMessage('m-2', progressEvent('b'))] }).resolves({});
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'new-id' }] });

    // Act
    const result = await adapter().redrive(['m-2', 'm-9']);

    // Assess
    expect(result.redriven).toEqual(['m-2']);
    expect(result.failed).toEqual([{ id: 'm-9', errorCode: 'ResourceNotFoundException', errorMessage: 'Message m-9 is not in the queue, or is being read by someone else.' }]);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input).toEqual({
      Entries: [
        {
          EventBusName: 'mediagraph',
          Source: 'mediagraph.progress',
          DetailType: 'Media Progress',
          Detail: '{"mediaId":"b","progress":50}',
          Time: new Date('2023-02-23T00:33:40Z'),
        },
      ],
    });
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input)).toEqual([{ QueueUrl: queueUrl, ReceiptHandle: 'AQEB-m-2' }]);
    expect(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]?.args[0].input.Entries).toEqual([{ Id: 'm0', ReceiptHandle: 'AQEB-m-1', VisibilityTimeout: 0 }]);
  });

  it('keeps a message whose event the bus refuses (an aws.* source), with the refusal', async () => {
    // Prepare
    const s3Event = { ...progressEvent('a'), source: 'aws.s3', 'detail-type': 'Object Created' };
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [dlqMessage('m-1', s3Event)] }).resolves({});
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' }] });

    // Act
    const result = await adapter().redrive('all');

    // Assess
    expect(result).toEqual({ redriven: [], failed: [{ id: 'm-1', errorCode: 'NotAuthorizedForSourceException', errorMessage: 'Not authorized for the source.' }] });
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)).toHaveLength(1);
  });
});

describe('Function: createSqsDeadLetterQueue — purge', () => {
  it('deletes every message with DeleteMessageBatch and counts the successes', async () => {
    // Prepare
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [dlqMessage('m-1', progressEvent('a')), dlqMessage('m-2', progressEvent('b'))] }).resolves({ Messages: [] });
    sqs.on(DeleteMessageBatchCommand).resolves({ Successful: [{ Id: 'm0' }, { Id: 'm1' }], Failed: [] });

    // Act
    const purged = await adapter().purge('all');

    // Assess
    expect(purged).toBe(2);
    expect(sqs.commandCalls(DeleteMessageBatchCommand)[0]?.args[0].input).toEqual({
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'm0', ReceiptHandle: 'AQEB-m-1' },
        { Id: 'm1', ReceiptHandle: 'AQEB-m-2' },
      ],
    });
  });
});
