/**
 * The composition root for functions: the one place that picks adapters from configuration.
 * On AWS the SDK clients use their default endpoints and Lambda's role; locally the same adapters
 * point at the embedded runtime's API-compatible servers with the worker credential.
 * Each adapter is created once per function instance (warm invocations reuse it).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAppSyncApiPublisher } from './adapters/aws/appsync-api-publisher';
import { createDynamoDbAnalysisLedger } from './adapters/aws/dynamodb-analysis-ledger';
import { createDynamoDbTagRepository } from './adapters/aws/dynamodb-tag-repository';
import { createDynamoDbPeopleRepository } from './adapters/aws/dynamodb-people-repository';
import { createEventBridgePublisher } from './adapters/aws/eventbridge-publisher';
import { createS3ObjectStore } from './adapters/aws/s3-object-store';
import { createSqsDeadLetterQueue } from './adapters/aws/sqs-dead-letter-queue';
import { createBusDeadLetterQueue } from './adapters/local/bus-dead-letter-queue';
import { functionConfig, type FunctionConfig } from './config';
import type { AnalysisLedger } from './ports/analysis-ledger';
import type { ApiPublisher } from './ports/api-publisher';
import type { DeadLetterQueue } from './ports/dead-letter-queue';
import type { EventPublisher } from './ports/event-publisher';
import type { ObjectStore } from './ports/object-store';
import type { TagRepository } from './ports/tag-repository';
import type { PeopleRepository } from './ports/people-repository';

const once = <T>(create: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= create());
};

export const config = once((): FunctionConfig => functionConfig());

export const objectStore = once(
  (): ObjectStore => createS3ObjectStore({ bucket: config().bucket, region: config().region, endpoint: config().endpoints.s3 }),
);

export const eventPublisher = once(
  (): EventPublisher =>
    createEventBridgePublisher({ eventBusName: config().eventBusName, region: config().region, endpoint: config().endpoints.eventBridge }),
);

export const apiPublisher = once((): ApiPublisher => createAppSyncApiPublisher({ url: config().appSyncUrl, region: config().region }));

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: config().region, ...(config().endpoints.dynamodb ? { endpoint: config().endpoints.dynamodb } : {}) }),
    { marshallOptions: { removeUndefinedValues: true } },
  ),
);

/** The rules' dead letters: the SQS dead-letter queue on AWS, the local bus's store locally. */
export const deadLetterQueue = once((): DeadLetterQueue => {
  const settings = config();
  if (settings.runtime === 'local') {
    return createBusDeadLetterQueue({ endpoint: settings.endpoints.eventBridge!, region: settings.region });
  }
  const queueUrl = process.env.DEAD_LETTER_QUEUE_URL;
  if (!queueUrl) {
    throw new Error('Environment variable DEAD_LETTER_QUEUE_URL is required');
  }
  return createSqsDeadLetterQueue({ queueUrl, eventBusName: settings.eventBusName, region: settings.region });
});

/** Faces and people in the table (DynamoDB on AWS, DynamoDB Local locally). */
export const peopleRepository = once((): PeopleRepository => createDynamoDbPeopleRepository(documentClient(), config().tableName));

/** The owner's tag hierarchy and media tag assignments, as the API stores them. */
export const tagRepository = once((): TagRepository => createDynamoDbTagRepository(documentClient(), config().tableName));

/** The analysis claim per ingest run, and what analyzers read of the item and its version. */
export const analysisLedger = once((): AnalysisLedger => createDynamoDbAnalysisLedger(documentClient(), config().tableName));

// The analysis ports (labels, faces, OCR, moderation, transcription, text analysis) are composed in
// ./analysis-composition.ts: their adapters import heavy packages, kept out of every other function.
