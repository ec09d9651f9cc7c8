/**
 * The media bucket from infra/storage.ts — versioned, encrypted, TLS-only, never public, CORS for
 * browsers PUTting to presigned URLs, Object Created events to EventBridge (the default bus) —
 * with lifecycle rules, and a bucket for access logs (S3 server access logs, CloudFront logs, the
 * audit trail). Both outlive the stack: media and logs are not deleted by `cdk destroy`.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
  type CorsRule,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketSpec } from '../declarations';
import { deploymentSettings } from '../settings';

export interface MediaStorageProps {
  readonly declaration: BucketSpec;
}

/** The media bucket and the access-logs bucket. */
export class MediaStorage extends Construct {
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: MediaStorageProps) {
    super(scope, id);
    const { declaration } = props;
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logs are delivered with ACLs: the bucket must accept them.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(deploymentSettings.accessLogExpirationDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      versioned: declaration.versioned,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      cors: [corsRule(declaration.cors)],
      eventBridgeEnabled: true,
      lifecycleRules: lifecycleRules(declaration),
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'media-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

function corsRule(cors: BucketSpec['cors']): CorsRule {
  return {
    allowedMethods: cors.allowedMethods.map(httpMethod),
    allowedOrigins: [...cors.allowedOrigins],
    allowedHeaders: [...cors.allowedHeaders],
    exposedHeaders: [...cors.exposedHeaders],
    maxAge: cors.maxAgeSeconds,
  };
}

function httpMethod(method: string): HttpMethods {
  const known = Object.values(HttpMethods) as string[];
  if (!known.includes(method)) {
    throw new Error(`S3 CORS does not allow method ${method}`);
  }
  return method as HttpMethods;
}

/**
 * Declared: abort incomplete multipart uploads; older versions to infrequent access, then expire.
 * Added on AWS (settings.ts): older versions on to Glacier Instant Retrieval, originals to
 * Standard-IA once S3 allows it.
 */
function lifecycleRules(declaration: BucketSpec): LifecycleRule[] {
  const { lifecycle } = declaration;
  return [
    {
      id: 'AbortIncompleteMultipartUploads',
      abortIncompleteMultipartUploadAfter: Duration.days(lifecycle.abortIncompleteMultipartUploadAfterDays),
    },
    {
      id: 'OlderVersions',
      noncurrentVersionTransitions: [
        { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(lifecycle.noncurrentVersionTransitionDays) },
        { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(deploymentSettings.noncurrentGlacierInstantRetrievalAfterDays) },
      ],
      noncurrentVersionExpiration: Duration.days(lifecycle.noncurrentVersionExpirationDays),
      expiredObjectDeleteMarker: true,
    },
    {
      id: 'OriginalsToInfrequentAccess',
      prefix: declaration.originalsPrefix,
      transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(deploymentSettings.originalsInfrequentAccessAfterDays) }],
    },
  ];
}
