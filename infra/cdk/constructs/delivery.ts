/**
 * CloudFront in front of the media bucket for previews (thumbnails, posters): cached at the edge,
 * HTTPS only, reaching S3 through origin access control. The bucket allows this distribution to
 * read `previews/` and nothing else — originals stay behind presigned URLs, which check who asks.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
 */
import { Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
  type OriginBindConfig,
  type OriginBindOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag-suppressions';

export interface MediaDeliveryProps {
  readonly bucket: Bucket;
  readonly logsBucket: IBucket;
  /** Key prefixes served (each `prefix/`), e.g. infra/storage.ts PREVIEWS_PREFIX. */
  readonly servedPrefixes: readonly string[];
}

/** The distribution and its origin access control. */
export class MediaDelivery extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: MediaDeliveryProps) {
    super(scope, id);
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', { signing: Signing.SIGV4_ALWAYS });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Mediagraph previews',
      defaultBehavior: {
        origin: new PrefixScopedS3Origin(props.bucket, originAccessControl.originAccessControlId),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(this.distribution, 'AwsSolutions-CFR1', 'Previews go to the library owners wherever they are; access is decided by the API (who may learn a key), not by country.');
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'The distribution serves cached, read-only previews whose keys only the API hands out; the dynamic endpoint (the GraphQL API) has its own web ACL. A CloudFront web ACL must live in us-east-1 and costs $5/month plus rules.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default *.cloudfront.net certificate fixes the viewer security policy; a custom domain with an ACM certificate is where minimumProtocolVersion TLSv1.2_2021 can be set.',
    );

    const stack = Stack.of(this);
    props.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: props.servedPrefixes.map((prefix) => props.bucket.arnForObjects(`${prefix}*`)),
        conditions: {
          StringEquals: {
            'AWS:SourceArn': stack.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: this.distribution.distributionId }),
          },
        },
      }),
    );
  }
}

/**
 * An S3 origin reached through an origin access control, without the whole-bucket grant CDK's
 * `S3BucketOrigin.withOriginAccessControl` adds: the bucket policy grants the prefixes instead.
 */
class PrefixScopedS3Origin extends S3BucketOrigin {
  private readonly accessControlId: string;

  constructor(bucket: IBucket, accessControlId: string) {
    super(bucket);
    this.accessControlId = accessControlId;
  }

  override bind(scope: Construct, options: OriginBindOptions): OriginBindConfig {
    const config = super.bind(scope, options);
    if (!config.originProperty) {
      throw new Error('The S3 origin rendered no origin');
    }
    return { ...config, originProperty: { ...config.originProperty, originAccessControlId: this.accessControlId } };
  }
}
