/**
 * The dashboard on AWS: the built single-page app (web/dist) in a private bucket, served by the
 * previews distribution under `/app/` — the path Vite builds it for and the local runtime serves it
 * at — with a `config.json` written at deploy time from the stack's own endpoints, in the shape the
 * local runtime serves (infra/local/web/dashboard-config.ts), so the same build runs in both places.
 *
 * Caching follows the local server (infra/local/web/static-files.ts): fingerprinted `assets/` for a
 * year, everything else (`index.html`, `sw.js`, `config.json`, the manifest) revalidated. A path
 * without a file extension is a client-side route and gets `index.html`.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
 */
import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type Distribution,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { DashboardConfig } from '../../local/web/dashboard-config';
import { DASHBOARD_BASE } from '../../local/web/routes';
import { acknowledge, wildcardResourceFinding } from '../nag-suppressions';
import { deploymentSettings } from '../settings';

/** Vite's output folder for fingerprinted bundles (below the base). */
const HASHED_ASSETS = 'assets/*';

/** The file the dashboard reads its endpoints from, beside `index.html`. */
export const DASHBOARD_CONFIG_FILE = 'config.json';

export interface MediaDashboardProps {
  /** The distribution that serves the dashboard's paths (MediaDelivery's). */
  readonly distribution: Distribution;
  /** Where the bucket's server access logs go. */
  readonly logsBucket: IBucket;
  /** The built dashboard (dashboard-directory.ts). */
  readonly directory: string;
  /** Written to `config.json` at deploy time: may hold tokens (the API's URLs, the user pool's ids). */
  readonly config: DashboardConfig;
}

/** The dashboard's bucket, its deployments and its behaviours on the distribution. */
export class MediaDashboard extends Construct {
  /** Where people open the dashboard: `https://<distribution>/app/`. */
  static urlOn(distribution: Distribution): string {
    return `https://${distribution.distributionDomainName}${DASHBOARD_BASE}`;
  }

  readonly bucket: Bucket;
  readonly url: string;
  /** The fingerprinted bundles (kept across deployments: an open tab may still load old chunks). */
  readonly assetsDeployment: BucketDeployment;
  /** Everything else and `config.json`, after the bundles they reference; invalidates `/app/*`. */
  readonly shellDeployment: BucketDeployment;
  readonly routing: CloudFrontFunction;
  readonly headers: ResponseHeadersPolicy;
  readonly cachePolicy: CachePolicy;

  constructor(scope: Construct, id: string, props: MediaDashboardProps) {
    super(scope, id);
    const prefix = DASHBOARD_BASE.replace(/^\//, '');
    this.url = MediaDashboard.urlOn(props.distribution);

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'dashboard-bucket/',
      // Only build output lives here, redeployed by every `cdk deploy`: `cdk destroy` may empty it.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    this.routing = new CloudFrontFunction(this, 'Routing', {
      comment: 'Dashboard: /app to /app/, client-side routes to index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(dashboardRoutingCode(DASHBOARD_BASE)),
    });
    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Mediagraph dashboard security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: deploymentSettings.dashboardContentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(deploymentSettings.dashboardStrictTransportSecurityDays),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    // The objects carry their Cache-Control (below); a minimum TTL of 0 lets the edge honour `no-cache`.
    this.cachePolicy = new CachePolicy(this, 'CachePolicy', {
      comment: 'Mediagraph dashboard: the objects Cache-Control decides',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(deploymentSettings.dashboardAssetsMaxAgeDays),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', { signing: Signing.SIGV4_ALWAYS });
    const behavior: BehaviorOptions = {
      origin: S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: this.cachePolicy,
      responseHeadersPolicy: this.headers,
      functionAssociations: [{ function: this.routing, eventType: FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    };
    props.distribution.addBehavior(`${DASHBOARD_BASE}*`, behavior.origin, behavior);
    props.distribution.addBehavior(DASHBOARD_BASE.replace(/\/$/, ''), behavior.origin, behavior);

    const build = Source.asset(props.directory);
    this.assetsDeployment = new BucketDeployment(this, 'Assets', {
      sources: [build],
      destinationBucket: this.bucket,
      destinationKeyPrefix: prefix,
      // `aws s3 sync` filters: everything out, then the bundles back in (applies to pruning too).
      exclude: ['*'],
      include: [HASHED_ASSETS],
      prune: false,
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(deploymentSettings.dashboardAssetsMaxAgeDays)),
        CacheControl.immutable(),
      ],
    });
    this.shellDeployment = new BucketDeployment(this, 'Shell', {
      sources: [build, Source.jsonData(DASHBOARD_CONFIG_FILE, props.config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: prefix,
      exclude: [HASHED_ASSETS],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: [`${DASHBOARD_BASE}*`],
    });
    this.shellDeployment.node.addDependency(this.assetsDeployment);
    this.acknowledgeDeploymentFindings();
  }

  /** The findings on what CDK adds for the deployments: its singleton function (at the stack's top). */
  private acknowledgeDeploymentFindings(): void {
    const stack = Stack.of(this);
    const cdkOwn = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const construct of cdkOwn) {
      acknowledge(
        construct,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's own custom-resource function that copies the dashboard into its bucket at deploy time; the managed policy only lets it write its logs.",
      );
      acknowledge(
        construct,
        'AwsSolutions-L1',
        "CDK's own deployment function (Python, with the AWS CLI layer) pins the runtime its handler and layer are released for; it runs only during `cdk deploy`.",
      );
    }
    // Both deployments share CDK's one deployment function (and its role).
    const copyReason =
      "CDK's deployment function copies the dashboard build from the CDK asset bucket into the dashboard bucket (object wildcards and CDK's grantRead/grantReadWrite action groups, within those two buckets) and invalidates the distribution (CloudFront invalidation actions take no resource).";
    const qualifier = (stack.synthesizer instanceof DefaultStackSynthesizer ? stack.synthesizer.bootstrapQualifier : undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    // As cdk-nag writes the asset bucket's ARN: literal where the stack's environment is known, `<AWS::…>` otherwise.
    const asNag = (value: string): string => {
      const resolved: unknown = stack.resolve(value);
      return typeof resolved === 'string' ? resolved : `<${(resolved as { Ref: string }).Ref}>`;
    };
    const assetBucketArn = `arn:${asNag(stack.partition)}:s3:::cdk-${qualifier}-assets-${asNag(stack.account)}-${asNag(stack.region)}`;
    const findings = [
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => `AwsSolutions-IAM5[Action::${action}]`),
      `AwsSolutions-IAM5[Resource::${assetBucketArn}/*]`,
      wildcardResourceFinding(this.bucket, '/*'),
      'AwsSolutions-IAM5[Resource::*]',
    ];
    for (const finding of findings) acknowledge(this.shellDeployment.handlerRole, finding, copyReason);
  }
}

/**
 * The viewer-request function (CloudFront Functions, JavaScript runtime 2.0): `/app` redirects to
 * `/app/`; a path whose last segment has no extension (a client-side route, or the folder itself)
 * gets `/app/index.html`. A missing file with an extension stays an error: a stale page asking for an
 * old bundle must see it, not the app (as the local server answers).
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
 */
export function dashboardRoutingCode(base: string): string {
  const bare = base.replace(/\/$/, '');
  return [
    'function handler(event) {',
    '  var request = event.request;',
    '  var uri = request.uri;',
    `  if (uri === ${JSON.stringify(bare)}) {`,
    `    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: ${JSON.stringify(base)} } } };`,
    '  }',
    "  var last = uri.substring(uri.lastIndexOf('/') + 1);",
    `  if (last.indexOf('.') === -1) request.uri = ${JSON.stringify(`${base}index.html`)};`,
    '  return request;',
    '}',
  ].join('\n');
}
