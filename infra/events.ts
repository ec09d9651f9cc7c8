/**
 * The event rules, declared once: EventBridge event patterns → targets. Read by the CDK stack (one
 * rule each, with retry policy and an SQS dead-letter queue) and by the local bus (same patterns,
 * matched with EventBridge's semantics; same retries; a dead-letter store).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
import type { FunctionName } from './functions';

export const eventBusName = 'mediagraph';

/** Event sources and detail types Mediagraph emits (S3's own events come from `aws.s3`). */
export const eventSources = {
  objectStore: 'aws.s3',
  ingest: 'mediagraph.ingest',
  progress: 'mediagraph.progress',
  library: 'mediagraph.library',
} as const;

export const detailTypes = {
  objectCreated: 'Object Created',
  mediaIngested: 'Media Ingested',
  mediaProgress: 'Media Progress',
  reprocessRequested: 'Reprocess Requested',
} as const;

/** An EventBridge event pattern (JSON); matched locally by infra/local/events/pattern.ts. */
export type EventPattern = Record<string, unknown>;

export type RuleTarget =
  | { readonly kind: 'function'; readonly function: FunctionName }
  /**
   * EventBridge's native AppSync target: runs `operation` with variables taken from the event by
   * JSONPath (`$.detail.x`), signed with the rule's IAM role.
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/target-appsync.html
   */
  | { readonly kind: 'appsync'; readonly operation: string; readonly variables: Readonly<Record<string, string>> };

export interface RuleDeclaration {
  readonly name: string;
  readonly description: string;
  readonly pattern: EventPattern;
  readonly targets: readonly RuleTarget[];
  /** EventBridge's retry policy for the targets. */
  readonly retry: { readonly maximumRetryAttempts: number; readonly maximumEventAgeSeconds: number };
}

export const rules: readonly RuleDeclaration[] = [
  {
    name: 'IngestUploadedOriginals',
    description: 'An original was uploaded (single PUT or completed multipart): ingest it',
    pattern: {
      source: [eventSources.objectStore],
      'detail-type': [detailTypes.objectCreated],
      detail: { object: { key: [{ prefix: 'originals/' }] } },
    },
    targets: [{ kind: 'function', function: 'ingest' }],
    retry: { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 },
  },
  {
    name: 'IngestReprocessRequests',
    description: 'A user asked for media to be processed again',
    pattern: { source: [eventSources.library], 'detail-type': [detailTypes.reprocessRequested] },
    targets: [{ kind: 'function', function: 'ingest' }],
    retry: { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 },
  },
  {
    name: 'AnalyzeImages',
    description: 'An ingested image item: labels, faces, text in the image, moderation',
    pattern: { source: [eventSources.ingest], 'detail-type': [detailTypes.mediaIngested], detail: { mediaType: ['IMAGE'] } },
    targets: [{ kind: 'function', function: 'analyze-image' }],
    retry: { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 },
  },
  {
    name: 'AnalyzeVideos',
    description: 'An ingested video item: keyframes, labels and faces over time, transcript',
    pattern: { source: [eventSources.ingest], 'detail-type': [detailTypes.mediaIngested], detail: { mediaType: ['VIDEO'] } },
    targets: [{ kind: 'function', function: 'analyze-video' }],
    retry: { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 },
  },
  {
    name: 'AnalyzeAudio',
    description: 'An ingested audio item: transcript, text analysis, speech/music/silence',
    pattern: { source: [eventSources.ingest], 'detail-type': [detailTypes.mediaIngested], detail: { mediaType: ['AUDIO'] } },
    targets: [{ kind: 'function', function: 'analyze-audio' }],
    retry: { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 },
  },
  {
    name: 'AnalyzeText',
    description: 'An ingested text item: text analysis',
    pattern: { source: [eventSources.ingest], 'detail-type': [detailTypes.mediaIngested], detail: { mediaType: ['TEXT'] } },
    targets: [{ kind: 'function', function: 'analyze-text' }],
    retry: { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 },
  },
  {
    name: 'PublishProgress',
    description: 'Workers may report progress by event: delivered to AppSync as the reportProgress mutation',
    pattern: { source: [eventSources.progress], 'detail-type': [detailTypes.mediaProgress] },
    targets: [
      {
        kind: 'appsync',
        operation:
          'mutation ReportProgress($input: ReportProgressInput!) { reportProgress(input: $input) { id owner name mediaType contentType status progress stage version error updatedAt } }',
        variables: { input: '$.detail' },
      },
    ],
    retry: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 300 },
  },
];
