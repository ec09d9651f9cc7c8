/**
 * Least-privilege S3 statements: object actions under each declared key prefix only, never the
 * whole bucket. Creating, uploading parts of and completing a multipart upload are authorised by
 * s3:PutObject; aborting and listing parts have actions of their own.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuAndPermissions.html
 */
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

export type BucketAction = 'get' | 'put' | 'delete' | 'multipart';

export interface BucketPrefixAccess {
  readonly prefix: string;
  readonly actions: readonly BucketAction[];
}

/** The IAM actions behind one declared bucket action. */
export function s3ActionsFor(action: BucketAction): string[] {
  switch (action) {
    case 'get':
      // Versioned bucket: reading an older version (restoreVersion, getDownloadUrl) needs GetObjectVersion.
      return ['s3:GetObject', 's3:GetObjectVersion'];
    case 'put':
      return ['s3:PutObject'];
    case 'delete':
      return ['s3:DeleteObject'];
    case 'multipart':
      return ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
    default: {
      const unexpected: never = action;
      throw new Error(`Unknown bucket action ${String(unexpected)}`);
    }
  }
}

/**
 * One statement per declared prefix, resource `<bucket>/<prefix>*`.
 * @throws {Error} for an empty prefix (that would be the whole bucket)
 */
export function bucketAccessStatements(bucket: IBucket, access: readonly BucketPrefixAccess[]): PolicyStatement[] {
  return access.map(({ prefix, actions }) => {
    if (prefix === '' || prefix.includes('*')) {
      throw new Error(`Bucket access needs a literal key prefix, got "${prefix}"`);
    }
    return new PolicyStatement({
      effect: Effect.ALLOW,
      actions: [...new Set(actions.flatMap(s3ActionsFor))].sort(),
      resources: [bucket.arnForObjects(`${prefix}*`)],
    });
  });
}
