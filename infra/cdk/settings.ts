/**
 * Deployment choices that exist only on AWS (the local runtime has no storage classes, no web
 * application firewall, no log retention), so they are not declarations the two runtimes share.
 * Each one says why it has its value.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const deploymentSettings = {
  /**
   * Requests one client (source IP) may make in five minutes before WAF blocks it for a while:
   * ~6.7 requests/s sustained, far above what the dashboard or the upload CLI does, far below a flood.
   * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
   */
  requestsPerClientPerFiveMinutes: 2000,
  /** How long AppSync, Lambda and audit logs are kept in CloudWatch Logs. */
  logRetention: RetentionDays.ONE_MONTH,
  /** Access logs (S3 server access, CloudFront) and the audit trail expire after this many days. */
  accessLogExpirationDays: 365,
  /**
   * Originals are read at ingest and on reprocessing, rarely after: they move to Standard-IA once
   * S3 allows it (30 days after creation), which halves their storage price.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
   */
  originalsInfrequentAccessAfterDays: 30,
  /** Older versions, already in Standard-IA (infra/storage.ts), move to Glacier Instant Retrieval here. */
  noncurrentGlacierInstantRetrievalAfterDays: 90,
  /** The bucket's EventBridge dead letters are kept this long (SQS's maximum) for an admin to redrive. */
  deadLetterRetentionDays: 14,
  /** Where the hosted UI may send users back to, unless the stack parameter says otherwise. */
  defaultCallbackUrls: ['http://localhost:4000/', 'mediagraph://auth/callback'],
  /** Folders whose code only the local runtime loads (ARCHITECTURE.md: adapters/aws|local). */
  localOnlyDirectories: ['functions/adapters/local/'],
  /** Scratch space for functions that run ffmpeg/ffprobe on whole files (Lambda's maximum, in MiB). */
  mediaScratchMb: 10240,
} as const;
