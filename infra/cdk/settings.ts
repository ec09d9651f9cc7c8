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
  /**
   * Vite fingerprints everything under `assets/` (a new build gets new names), so browsers and the
   * edge may keep those files for a year; the shell, the service worker and config.json revalidate.
   */
  dashboardAssetsMaxAgeDays: 365,
  /** Browsers remember to use HTTPS only for the dashboard's host this long (HSTS). */
  dashboardStrictTransportSecurityDays: 730,
  /**
   * The dashboard's Content-Security-Policy: its scripts and styles from itself only; it talks to
   * AppSync (HTTPS and WSS), Cognito's hosted UI, and S3 through presigned URLs (uploads, thumbnails,
   * previews, originals), whose host names depend on the region and the addressing style the SDK
   * picks — hence the AWS domains rather than single hosts. Inline `style` attributes are allowed
   * (React sets some), inline scripts are not.
   */
  dashboardContentSecurityPolicy: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://*.amazonaws.com",
    "media-src 'self' blob: https://*.amazonaws.com",
    "connect-src 'self' https://*.amazonaws.com wss://*.amazonaws.com https://*.amazoncognito.com",
    "font-src 'self' data:",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' https://*.amazoncognito.com",
    "frame-ancestors 'none'",
  ].join('; '),
} as const;
