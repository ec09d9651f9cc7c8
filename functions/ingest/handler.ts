/**
 * ingest — EventBridge target for uploaded originals and reprocess requests. Thin: parse the event,
 * run core/ingest with the adapters from the composition root. Faults are thrown (Lambda retries
 * the delivery, then dead-letters it); files that cannot be processed end FAILED with a reason.
 */
import { apiPublisher, config, documentClient, eventPublisher, objectStore } from '../composition';
import { createDynamoDbMediaRepository } from '../adapters/aws/dynamodb-media-repository';
import { mediaProbes } from '../core/media/probes';
import { parseIngestEvent } from '../core/ingest/parse-event';
import { runIngest, type IngestOutcome } from '../core/ingest/run-ingest';

export async function handler(event: unknown, context: { awsRequestId: string }): Promise<IngestOutcome> {
  const settings = config();
  const request = parseIngestEvent(event, settings.bucket);
  const log = (name: string, fields: Record<string, unknown>) =>
    console.log(JSON.stringify({ event: name, requestId: context.awsRequestId, key: request.key, ...fields }));
  const outcome = await runIngest(request, {
    store: objectStore(),
    repository: createDynamoDbMediaRepository(documentClient(), settings.tableName),
    api: apiPublisher(),
    events: eventPublisher(),
    probes: mediaProbes,
    scratchDir: settings.scratchDir,
    log,
  });
  log('ingest.outcome', { ...outcome });
  return outcome;
}
