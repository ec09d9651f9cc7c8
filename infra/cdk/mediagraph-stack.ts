/**
 * The whole platform on AWS, built from the declarations the local runtime reads (declarations.ts):
 * data, storage, delivery, users, events, functions, the API and its firewall, the dashboard and
 * audit, plus the outputs a client needs. Each part is a construct of its own under constructs/.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import type { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import type { DashboardConfig } from '../local/web/dashboard-config';
import { packageKinds } from './bundling/package-kinds';
import { ApiFirewall } from './constructs/api-firewall';
import { MediagraphApi } from './constructs/api';
import { MediaAudit } from './constructs/audit';
import { UserDirectory } from './constructs/auth';
import { MediaDashboard } from './constructs/dashboard';
import { MediaTable } from './constructs/data';
import { MediaDelivery } from './constructs/delivery';
import { EventRules } from './constructs/event-rules';
import { MediagraphEventBus } from './constructs/events';
import { MediagraphFunctions } from './constructs/functions';
import { MediaStorage } from './constructs/storage';
import { dashboardDirectory } from './dashboard-directory';
import { projectDeclarations, type MediagraphDeclarations, type ResolverCode } from './declarations';
import { suppressAcceptedFindings } from './nag-suppressions';
import { schemaRootTypes } from './operation-fields';
import { deploymentSettings } from './settings';

export interface MediagraphStackProps extends StackProps {
  /** The compiled resolver modules (infra/resolver-bundles.ts `bundleResolvers()`). */
  readonly resolverCode: ResolverCode;
  /** @default the project's declarations */
  readonly declarations?: MediagraphDeclarations;
  /** The built dashboard to deploy. @default web/dist, built when missing (dashboard-directory.ts) */
  readonly dashboardDirectory?: string;
}

/** The Mediagraph stack. */
export class MediagraphStack extends Stack {
  readonly data: MediaTable;
  readonly storage: MediaStorage;
  readonly users: UserDirectory;
  readonly events: MediagraphEventBus;
  readonly functions: MediagraphFunctions;
  readonly api: MediagraphApi;
  readonly rules: EventRules;
  readonly firewall: ApiFirewall;
  readonly delivery: MediaDelivery;
  readonly dashboard: MediaDashboard;
  readonly audit: MediaAudit;

  constructor(scope: Construct, id: string, props: MediagraphStackProps) {
    super(scope, id, { description: 'Mediagraph: media library with AI auto-tagging (AppSync, DynamoDB, S3, EventBridge, Lambda)', ...props });
    const declarations = props.declarations ?? projectDeclarations;

    this.data = new MediaTable(this, declarations.table.logicalName, { declaration: declarations.table });
    this.storage = new MediaStorage(this, declarations.bucket.logicalName, { declaration: declarations.bucket });
    this.delivery = new MediaDelivery(this, 'Delivery', {
      bucket: this.storage.bucket,
      logsBucket: this.storage.accessLogsBucket,
      servedPrefixes: [declarations.bucket.previewsPrefix],
    });
    // The hosted UI returns people to the dashboard, so its URL is known before the app client.
    this.users = new UserDirectory(this, 'Users', {
      groups: declarations.api.auth.groups,
      redirectUrls: [MediaDashboard.urlOn(this.delivery.distribution)],
    });
    this.events = new MediagraphEventBus(this, 'Events', { busName: declarations.events.busName });
    this.functions = new MediagraphFunctions(this, 'Functions', {
      declarations,
      table: this.data.table,
      indexNames: this.data.indexNames,
      bucket: this.storage.bucket,
      bus: this.events.bus,
      deadLetterQueue: this.events.deadLetterQueue,
      executableOverrides: this.executableOverrides(),
    });
    this.api = new MediagraphApi(this, 'Api', {
      declarations,
      resolverCode: props.resolverCode,
      userPool: this.users.userPool,
      table: this.data.table,
      indexNames: this.data.indexNames,
      bus: this.events.bus,
      functions: this.functions.functions,
    });
    this.functions.connectApi(this.api.api);
    this.rules = new EventRules(this, 'Rules', {
      rules: declarations.events.rules,
      bus: this.events.bus,
      deadLetterQueue: this.events.deadLetterQueue,
      functions: this.functions.functions,
      api: this.api.api,
      rootTypes: schemaRootTypes(readFileSync(declarations.schemaFile, 'utf8')),
    });
    this.firewall = new ApiFirewall(this, 'Firewall', {
      api: this.api.api,
      requestsPerClientPerFiveMinutes: deploymentSettings.requestsPerClientPerFiveMinutes,
    });
    this.dashboard = new MediaDashboard(this, 'Dashboard', {
      distribution: this.delivery.distribution,
      logsBucket: this.storage.accessLogsBucket,
      directory: dashboardDirectory({ directory: props.dashboardDirectory }),
      config: this.dashboardConfig(),
    });
    this.audit = new MediaAudit(this, 'Audit', { mediaBucket: this.storage.bucket, logsBucket: this.storage.accessLogsBucket });
    this.addOutputs();
    suppressAcceptedFindings(this);
  }

  /** `-c ffmpegBinary=<path>` and the like: a static executable to ship instead of the default. */
  private executableOverrides(): Record<string, string | undefined> {
    const overrides: Record<string, string | undefined> = {};
    for (const kind of Object.values(packageKinds)) {
      if (kind.kind === 'executable') {
        const value: unknown = this.node.tryGetContext(`${kind.name}Binary`);
        overrides[kind.name] = typeof value === 'string' && value !== '' ? value : undefined;
      }
    }
    return overrides;
  }

  /** The deployed dashboard's config.json: this stack's endpoints and user pool (resolved at deploy time). */
  private dashboardConfig(): DashboardConfig {
    const region = this.region;
    return {
      graphqlUrl: this.api.api.graphqlUrl,
      realtimeUrl: (this.api.api.node.defaultChild as CfnGraphQLApi).attrRealtimeUrl,
      region,
      auth: {
        kind: 'cognito',
        region,
        userPoolId: this.users.userPool.userPoolId,
        clientId: this.users.client.userPoolClientId,
        hostedUiDomain: this.users.domain.baseUrl(),
      },
    };
  }

  /** What a client (the dashboard, the CLI, a mobile app) is configured with. */
  private addOutputs(): void {
    const api = this.api.api;
    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('GraphQLUrl', api.graphqlUrl, 'AppSync GraphQL endpoint (POST)');
    output('RealtimeUrl', (api.node.defaultChild as CfnGraphQLApi).attrRealtimeUrl, 'AppSync real-time endpoint (WebSocket subscriptions)');
    output('Region', this.region, 'AWS region of every endpoint (SigV4 signing region)');
    output('UserPoolId', this.users.userPool.userPoolId, 'Cognito user pool id (COGNITO_USER_POOL_ID)');
    output('UserPoolClientId', this.users.client.userPoolClientId, 'Cognito app client id for web and mobile (COGNITO_CLIENT_ID)');
    output('HostedUiDomain', this.users.domain.baseUrl(), 'Cognito hosted UI (OAuth authorization-code flow)');
    output('MediaBucketName', this.storage.bucket.bucketName, 'Media bucket (originals/ and previews/)');
    output('PreviewsDomainName', this.delivery.distribution.distributionDomainName, 'CloudFront domain serving previews/');
    output('DashboardUrl', this.dashboard.url, 'The dashboard (CloudFront, /app/), signed in through the hosted UI');
    output('EventBusName', this.events.bus.eventBusName, 'EventBridge bus for Mediagraph events');
    output('DeadLetterQueueUrl', this.events.deadLetterQueue.queueUrl, 'Events the rules and functions could not deliver');
  }
}
