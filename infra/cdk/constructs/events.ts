/**
 * The event bus named in infra/events.ts and the one dead-letter queue every rule target and every
 * asynchronously invoked function gives up into — the AWS side of the local bus's dead-letter
 * store, read and redriven through the `deadLetters` API.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deploymentSettings } from '../settings';

export interface MediagraphEventBusProps {
  readonly busName: string;
}

/** The custom bus and the shared dead-letter queue. */
export class MediagraphEventBus extends Construct {
  readonly bus: EventBus;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: MediagraphEventBusProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.busName });
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      // SSE-SQS: EventBridge can deliver to it without a key policy (SSE-KMS with a customer key would need one).
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(deploymentSettings.deadLetterRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
