import { beforeAll, describe, expect, it } from 'vitest';
import { bucket, ORIGINALS_PREFIX, PREVIEWS_PREFIX } from '../../../../../infra/storage';
import { logicalIdOf, render, resourcesOfType, synthesizeStack, type SynthesizedStack } from '../synthesized-stack';

describe('Constructs: MediaStorage, MediaDelivery, MediaAudit (from infra/storage.ts)', () => {
  let synthesized: SynthesizedStack;
  let media: Record<string, unknown>;
  let ids: { media: string; logs: string; distribution: string };
  const bucketPolicyOf = (bucketId: string) =>
    resourcesOfType(synthesized.resources, 'AWS::S3::BucketPolicy')
      .filter(([, properties]) => render(properties.Bucket) === `\${${bucketId}}`)
      .flatMap(([, properties]) => (properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);

  beforeAll(async () => {
    synthesized = await synthesizeStack();
    ids = {
      media: logicalIdOf(synthesized.stack.storage.bucket),
      logs: logicalIdOf(synthesized.stack.storage.accessLogsBucket),
      distribution: logicalIdOf(synthesized.stack.delivery.distribution),
    };
    media = synthesized.resources[ids.media]!.Properties!;
  }, 120_000);

  describe('the media bucket', () => {
    it('is versioned, encrypted, never public, and outlives the stack', () => {
      expect(media.VersioningConfiguration).toEqual({ Status: bucket.versioned ? 'Enabled' : 'Suspended' });
      expect(media.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
      expect(media.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(synthesized.resources[ids.media]).toMatchObject({ DeletionPolicy: 'Retain' });
    });

    it('refuses every request not made over TLS', () => {
      expect(bucketPolicyOf(ids.media)).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('answers CORS preflights as declared, for presigned uploads from browsers', () => {
      expect(media.CorsConfiguration).toEqual({
        CorsRules: [
          {
            AllowedMethods: [...bucket.cors.allowedMethods],
            AllowedOrigins: [...bucket.cors.allowedOrigins],
            AllowedHeaders: [...bucket.cors.allowedHeaders],
            ExposedHeaders: [...bucket.cors.exposedHeaders],
            MaxAge: bucket.cors.maxAgeSeconds,
          },
        ],
      });
    });

    it('sends its events to EventBridge', () => {
      synthesized.template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: ids.media },
        NotificationConfiguration: { EventBridgeConfiguration: {} },
      });
    });

    it('aborts incomplete multipart uploads, moves older versions and originals to cheaper classes, expires old versions', () => {
      // Prepare
      const rules = (media.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      const byId = new Map(rules.map((rule) => [rule.Id as string, rule]));

      // Assess
      expect(byId.get('AbortIncompleteMultipartUploads')).toMatchObject({
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: bucket.lifecycle.abortIncompleteMultipartUploadAfterDays },
        Status: 'Enabled',
      });
      const older = byId.get('OlderVersions')!;
      expect(older.NoncurrentVersionTransitions).toEqual([
        { StorageClass: 'STANDARD_IA', TransitionInDays: bucket.lifecycle.noncurrentVersionTransitionDays },
        { StorageClass: 'GLACIER_IR', TransitionInDays: expect.any(Number) },
      ]);
      expect(older.NoncurrentVersionExpiration).toEqual({ NoncurrentDays: bucket.lifecycle.noncurrentVersionExpirationDays });
      expect(byId.get('OriginalsToInfrequentAccess')).toMatchObject({ Prefix: ORIGINALS_PREFIX, Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] });
    });

    it('writes server access logs to the logs bucket, which is encrypted, TLS-only and expires its logs', () => {
      // Prepare
      const logs = synthesized.resources[ids.logs]!.Properties!;

      // Assess
      expect(render((media.LoggingConfiguration as { DestinationBucketName: unknown }).DestinationBucketName)).toBe(`\${${ids.logs}}`);
      expect(logs.BucketEncryption).toBeDefined();
      expect(logs.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicPolicy: true });
      expect(bucketPolicyOf(ids.logs)).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect((logs.LifecycleConfiguration as { Rules: { ExpirationInDays?: number }[] }).Rules[0]!.ExpirationInDays).toBeGreaterThan(0);
    });
  });

  describe('CloudFront delivery', () => {
    it('reaches the bucket through an origin access control, HTTPS only, logging to the logs bucket', () => {
      // Prepare
      const config = synthesized.resources[ids.distribution]!.Properties!.DistributionConfig as Record<string, unknown>;
      const [origin] = config.Origins as Record<string, unknown>[];

      // Assess
      expect(render(origin!.DomainName)).toBe(`\${${ids.media}.RegionalDomainName}`);
      expect(render(origin!.OriginAccessControlId)).toMatch(/^\$\{DeliveryOriginAccessControl\w+\.Id\}$/);
      expect(origin!.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      expect((config.DefaultCacheBehavior as Record<string, unknown>).ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(render((config.Logging as { Bucket: unknown }).Bucket)).toBe(`\${${ids.logs}.RegionalDomainName}`);
      synthesized.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
      });
    });

    it('may read previews only: the bucket grants this distribution GetObject on previews/ and nothing else', () => {
      // Prepare
      const fromCloudFront = bucketPolicyOf(ids.media).filter((statement) => JSON.stringify(statement.Principal).includes('cloudfront.amazonaws.com'));

      // Assess
      expect(fromCloudFront).toHaveLength(1);
      expect(fromCloudFront[0]!.Action).toBe('s3:GetObject');
      expect(render(fromCloudFront[0]!.Resource)).toBe(`\${${ids.media}.Arn}/${PREVIEWS_PREFIX}*`);
      expect(render((fromCloudFront[0]!.Condition as { StringEquals: Record<string, unknown> }).StringEquals['AWS:SourceArn'])).toBe(
        `arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${${ids.distribution}}`,
      );
    });
  });

  describe('audit', () => {
    it('records every object read and write of the media bucket (data events only) with integrity validation', () => {
      // Prepare
      const [[, trail]] = resourcesOfType(synthesized.resources, 'AWS::CloudTrail::Trail') as [[string, Record<string, unknown>]];
      const selectors = trail.EventSelectors as Record<string, unknown>[];

      // Assess
      expect(trail.EnableLogFileValidation).toBe(true);
      expect(trail.IsLogging).toBe(true);
      expect(render(trail.S3BucketName)).toBe(`\${${ids.logs}}`);
      expect(selectors.every((selector) => selector.IncludeManagementEvents === false)).toBe(true);
      expect(selectors).toContainEqual(
        expect.objectContaining({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: [expect.anything()] }] }),
      );
      const [selected] = selectors.flatMap((selector) => (selector.DataResources as { Values: unknown[] }[]).flatMap((resource) => resource.Values.map(render)));
      expect(selected).toBe(`\${${ids.media}.Arn}/`);
    });
  });
});
