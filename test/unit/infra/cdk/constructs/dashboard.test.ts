import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { AssetStaging } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutingCode, DASHBOARD_CONFIG_FILE } from '../../../../../infra/cdk/constructs/dashboard';
import { deploymentSettings } from '../../../../../infra/cdk/settings';
import { parseConfig } from '../../../../../web/src/api/config';
import { dashboardFixture, logicalIdOf, render, resourcesOfType, synthesizeStack, type SynthesizedStack } from '../synthesized-stack';

type Json = Record<string, unknown>;

/** The viewer-request function as CloudFront runs it: `handler(event)` in a fresh context. */
function runRouting(code: string, uri: string): Json {
  const handler = runInNewContext(`${code}\nhandler;`) as (event: Json) => Json;
  return handler({
    version: '1.0',
    request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} },
  });
}

describe('Construct: MediaDashboard (web/dist on S3 behind CloudFront under /app/)', () => {
  let synthesized: SynthesizedStack;
  let bucketId: string;
  let distributionId: string;
  let deployments: Map<string, Json>;
  beforeAll(async () => {
    synthesized = await synthesizeStack({ keepAssembly: true });
    bucketId = logicalIdOf(synthesized.stack.dashboard.bucket);
    distributionId = logicalIdOf(synthesized.stack.delivery.distribution);
    deployments = new Map(
      resourcesOfType(synthesized.resources, 'Custom::CDKBucketDeployment').map(([logicalId, properties]) => [logicalId, properties] as [string, Json]),
    );
  }, 120_000);
  afterAll(() => {
    rmSync(synthesized.outdir, { recursive: true, force: true });
  });

  const deployment = (name: 'Assets' | 'Shell'): Json => {
    const found = [...deployments].find(([logicalId]) => logicalId.startsWith(`Dashboard${name}`));
    if (!found) throw new Error(`no ${name} deployment among ${[...deployments.keys()].join(', ')}`);
    return found[1];
  };

  it('keeps the build in its own private bucket: encrypted, public access blocked, TLS only, access logged', () => {
    // Prepare
    const bucket = synthesized.resources[bucketId]!.Properties!;
    const [, policy] = resourcesOfType(synthesized.resources, 'AWS::S3::BucketPolicy').find(([, p]) => render(p.Bucket) === `\${${bucketId}}`)!;
    const statements = (policy.PolicyDocument as { Statement: Json[] }).Statement;

    // Assess
    expect(bucketId).not.toBe(logicalIdOf(synthesized.stack.storage.bucket));
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(render((bucket.LoggingConfiguration as Json).DestinationBucketName)).toBe(`\${${logicalIdOf(synthesized.stack.storage.accessLogsBucket)}}`);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // Only this distribution reads it, and only objects (the other grant is CDK's emptying of the bucket on destroy).
    const reads = statements.filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal).includes('cloudfront'));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(JSON.stringify(reads[0]!.Condition)).toContain(`"Ref":"${distributionId}"`);
  });

  it('deploys the fingerprinted bundles with a year of immutable caching, keeping older ones', () => {
    // Prepare
    const assets = deployment('Assets');

    // Assess
    expect(render(assets.DestinationBucketName)).toBe(`\${${bucketId}}`);
    expect(assets.DestinationBucketKeyPrefix).toBe('app/');
    expect(assets.Exclude).toEqual(['*']);
    expect(assets.Include).toEqual(['assets/*']);
    expect(assets.Prune).toBe(false);
    expect(assets.SystemMetadata).toEqual({
      'cache-control': `public, max-age=${deploymentSettings.dashboardAssetsMaxAgeDays * 86_400}, immutable`,
    });
  });

  it('deploys the shell and config.json uncached after the bundles, pruning the rest, and invalidates /app/*', () => {
    // Prepare
    const shell = deployment('Shell');
    const [shellId] = [...deployments].find(([logicalId]) => logicalId.startsWith('DashboardShell'))!;
    const [assetsId] = [...deployments].find(([logicalId]) => logicalId.startsWith('DashboardAssets'))!;

    // Assess
    expect(render(shell.DestinationBucketName)).toBe(`\${${bucketId}}`);
    expect(shell.DestinationBucketKeyPrefix).toBe('app/');
    expect(shell.Exclude).toEqual(['assets/*']);
    expect(shell.Prune).toBe(true);
    expect(shell.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(render(shell.DistributionId)).toBe(`\${${distributionId}}`);
    expect(shell.DistributionPaths).toEqual(['/app/*']);
    expect(synthesized.template.toJSON().Resources[shellId].DependsOn).toEqual(expect.arrayContaining([assetsId]));
    // The same build in both: one asset zip, plus config.json.
    expect((shell.SourceObjectKeys as string[])[0]).toBe((deployment('Assets').SourceObjectKeys as string[])[0]);
    expect(shell.SourceObjectKeys).toHaveLength(2);
  });

  it('writes config.json at deploy time from the stack: the shape the dashboard reads, with its endpoints and user pool', () => {
    // Prepare: the staged file (markers stand for deploy-time values), and values a deployment gives them.
    const staged = synthesized.stack.dashboard.shellDeployment.node
      .findAll()
      .filter((construct): construct is AssetStaging => construct instanceof AssetStaging)
      .map((staging) => path.join(staging.absoluteStagedPath, DASHBOARD_CONFIG_FILE))
      .filter((file) => existsSync(file));
    expect(staged).toHaveLength(1);
    const text = readFileSync(staged[0]!, 'utf8');
    const markers = (deployment('Shell').SourceMarkers as Json[])[1]!;
    const { api, users } = synthesized.stack;
    const deployedValues: Record<string, string> = {
      [`\${${logicalIdOf(api.api)}.GraphQLUrl}`]: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
      [`\${${logicalIdOf(api.api)}.RealtimeUrl}`]: 'wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
      '${AWS::Region}': 'eu-west-1',
      [`\${${logicalIdOf(users.userPool)}}`]: 'eu-west-1_AbCdEf123',
      [`\${${logicalIdOf(users.client)}}`]: '4example5client6id',
      [`\${${logicalIdOf(users.domain)}}`]: 'mediagraph-123456789012',
    };
    const deployed = text.replace(/<<marker:0xbaba:\d+>>/g, (marker) => {
      const value = deployedValues[render(markers[marker])];
      if (value === undefined) throw new Error(`config.json holds an unexpected deploy-time value: ${render(markers[marker])}`);
      return value;
    });

    // Act
    const config = parseConfig(JSON.parse(deployed), 'https://d111111abcdef8.cloudfront.net');

    // Assess
    expect(config).toEqual({
      graphqlUrl: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
      realtimeUrl: 'wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
      region: 'eu-west-1',
      auth: {
        kind: 'cognito',
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_AbCdEf123',
        clientId: '4example5client6id',
        hostedUiDomain: 'https://mediagraph-123456789012.auth.eu-west-1.amazoncognito.com',
      },
    });
  });

  it('serves /app/* and /app from the dashboard bucket through origin access control, HTTPS only, with its routing and headers', () => {
    // Prepare
    const [[, distribution]] = resourcesOfType(synthesized.resources, 'AWS::CloudFront::Distribution') as [[string, Json]];
    const config = distribution.DistributionConfig as {
      CacheBehaviors: Json[];
      Origins: Json[];
    };
    const routingId = logicalIdOf(synthesized.stack.dashboard.routing);

    // Assess
    for (const pattern of ['/app/*', '/app']) {
      const behavior = config.CacheBehaviors.find((entry) => entry.PathPattern === pattern)!;
      const origin = config.Origins.find((entry) => entry.Id === behavior.TargetOriginId)!;
      expect(render(origin.DomainName), pattern).toBe(`\${${bucketId}.RegionalDomainName}`);
      expect(origin.OriginAccessControlId).toBeDefined();
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        Compress: true,
      });
      expect(render(behavior.ResponseHeadersPolicyId)).toBe(`\${${logicalIdOf(synthesized.stack.dashboard.headers)}}`);
      expect(render(behavior.CachePolicyId)).toBe(`\${${logicalIdOf(synthesized.stack.dashboard.cachePolicy)}}`);
      expect(behavior.FunctionAssociations).toEqual([
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [routingId, 'FunctionARN'] },
        },
      ]);
    }
    // Previews keep the default behaviour.
    expect(render((config as unknown as { DefaultCacheBehavior: Json }).DefaultCacheBehavior.TargetOriginId)).not.toBe(
      config.CacheBehaviors.find((entry) => entry.PathPattern === '/app/*')!.TargetOriginId,
    );
  });

  it('lets the objects decide caching at the edge (minimum TTL 0 honours no-cache)', () => {
    // Prepare
    const policy = synthesized.resources[logicalIdOf(synthesized.stack.dashboard.cachePolicy)]!.Properties!.CachePolicyConfig as Json;

    // Assess
    expect(policy).toMatchObject({
      MinTTL: 0,
      MaxTTL: deploymentSettings.dashboardAssetsMaxAgeDays * 86_400,
    });
  });

  it('sends security headers: CSP without inline scripts, no framing, nosniff, no referrer, HSTS', () => {
    // Prepare
    const config = synthesized.resources[logicalIdOf(synthesized.stack.dashboard.headers)]!.Properties!.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Json>;
    };
    const headers = config.SecurityHeadersConfig;

    // Assess
    const csp = headers.ContentSecurityPolicy!.ContentSecurityPolicy as string;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src [^;]*wss:\/\/\*\.amazonaws\.com/);
    expect(headers.FrameOptions).toEqual({
      FrameOption: 'DENY',
      Override: true,
    });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.ReferrerPolicy).toEqual({
      ReferrerPolicy: 'no-referrer',
      Override: true,
    });
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: deploymentSettings.dashboardStrictTransportSecurityDays * 86_400,
      IncludeSubdomains: true,
    });
  });

  it('routes client-side paths to index.html, redirects /app, and leaves files alone', () => {
    // Prepare
    const [[, fn]] = resourcesOfType(synthesized.resources, 'AWS::CloudFront::Function') as [[string, Json]];
    const code = fn.FunctionCode as string;

    // Assess
    expect(code).toBe(dashboardRoutingCode('/app/'));
    expect((fn.FunctionConfig as Json).Runtime).toBe('cloudfront-js-2.0');
    expect(runRouting(code, '/app')).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: '/app/' } },
    });
    expect(runRouting(code, '/app/')).toMatchObject({ uri: '/app/index.html' });
    expect(runRouting(code, '/app/media/6f1c2a')).toMatchObject({
      uri: '/app/index.html',
    });
    expect(runRouting(code, '/app/search')).toMatchObject({
      uri: '/app/index.html',
    });
    for (const file of ['/app/assets/index-BI3SSRx4.js', '/app/config.json', '/app/sw.js', '/app/manifest.webmanifest', '/app/assets/missing-old.js']) {
      expect(runRouting(code, file), file).toMatchObject({ uri: file });
    }
  });

  it('outputs the dashboard URL on the distribution, which the app client accepts for sign-in and sign-out', () => {
    // Prepare
    const output = synthesized.template.findOutputs('DashboardUrl').DashboardUrl!;
    const [[, client]] = resourcesOfType(synthesized.resources, 'AWS::Cognito::UserPoolClient') as [[string, Json]];
    const dashboardUrl = `https://\${${distributionId}.DomainName}/app/`;

    // Assess
    expect(render(output.Value)).toBe(dashboardUrl);
    for (const urls of [client.CallbackURLs, client.LogoutURLs]) {
      // The parameter's list joined, then the dashboard, split into a list again.
      const [separator, joined] = (
        urls as {
          'Fn::Split': [string, { 'Fn::Join': [string, [unknown, unknown]] }];
        }
      )['Fn::Split'];
      const [joinSeparator, [parameterList, dashboard]] = joined['Fn::Join'];
      expect([separator, joinSeparator]).toEqual([',', ',']);
      expect(parameterList).toEqual({
        'Fn::Join': [',', { Ref: 'OAuthCallbackUrls' }],
      });
      expect(render(dashboard)).toBe(dashboardUrl);
    }
  });

  it('ships the build it was given', () => {
    // Prepare
    const stagings = synthesized.stack.dashboard.assetsDeployment.node
      .findAll()
      .filter((construct): construct is AssetStaging => construct instanceof AssetStaging);

    // Assess
    // (The other asset is the AWS CLI layer the deployment function runs.)
    expect(stagings.map((staging) => staging.sourcePath)).toContain(dashboardFixture);
  });
});
