/**
 * One NodejsFunction per entry of infra/functions.ts: the declared handler, memory, timeout,
 * reserved concurrency and async retries; Node 22; built locally by esbuild (no Docker) as an ES
 * module, with what the code reaches deciding architecture and what ships beside the bundle
 * (bundling/function-bundle-plan.ts); and a role holding only what `access` declares.
 */
import path from 'node:path';
import { Annotations, Duration, RemovalPolicy, Size, Tags } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bundlingOptions } from '../bundling/bundling-options';
import { planFunctionBundle, type FunctionBundlePlan, type PlannedExecutable } from '../bundling/function-bundle-plan';
import type { FunctionSpec, MediagraphDeclarations } from '../declarations';
import { aiActions, aiStatement } from '../iam/ai-access';
import { apiFieldStatement } from '../iam/api-access';
import { bucketAccessStatements } from '../iam/bucket-access';
import { tableAccessStatements } from '../iam/table-access';
import { acknowledge, wildcardResourceFinding } from '../nag-suppressions';
import { deploymentSettings } from '../settings';

export interface MediagraphFunctionsProps {
  readonly declarations: MediagraphDeclarations;
  readonly table: ITable;
  readonly indexNames: readonly string[];
  readonly bucket: IBucket;
  readonly bus: IEventBus;
  readonly deadLetterQueue: IQueue;
  /** `<name>Binary` context values (a static Linux x86_64 executable per name). */
  readonly executableOverrides: Readonly<Record<string, string | undefined>>;
}

/** Where Lambda unpacks the asset (LAMBDA_TASK_ROOT). */
const TASK_ROOT = '/var/task';
/** Tag naming the declaration a function was built from (also how tests and the parity check find it). */
export const FUNCTION_TAG = 'mediagraph:function';

/** The functions, by declared name, with how each was built. */
export class MediagraphFunctions extends Construct {
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  readonly plans: ReadonlyMap<string, FunctionBundlePlan>;
  private readonly roles = new Map<string, Role>();
  private readonly declarations: MediagraphDeclarations;

  constructor(scope: Construct, id: string, props: MediagraphFunctionsProps) {
    super(scope, id);
    this.declarations = props.declarations;
    const { projectRoot } = props.declarations;
    const asyncTargets = new Set(
      props.declarations.events.rules.flatMap((rule) => rule.targets.flatMap((target) => (target.kind === 'function' ? [target.function] : []))),
    );
    const deadLetterConsumers = new Set(deadLetterConsumersOf(props.declarations));
    const functions = new Map<string, NodejsFunction>();
    const plans = new Map<string, FunctionBundlePlan>();

    for (const [name, declaration] of Object.entries(props.declarations.functions)) {
      const plan = planFunctionBundle(projectRoot, declaration.handler, {
        localOnlyDirectories: deploymentSettings.localOnlyDirectories,
        executableOverrides: props.executableOverrides,
      });
      const constructId = pascalCase(name);
      const logGroup = new LogGroup(this, `${constructId}Logs`, {
        retention: deploymentSettings.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const role = new Role(this, `${constructId}Role`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `Mediagraph function ${name}: only what infra/functions.ts declares`,
      });
      logGroup.grantWrite(role);
      const fn = new NodejsFunction(this, constructId, {
        entry: path.join(projectRoot, declaration.handler),
        handler: 'handler',
        projectRoot,
        depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
        // Node 22: the AWS SDK's releases after early 2027 need it, and nodejs20.x is deprecated (NOTES.md).
        runtime: Runtime.NODEJS_22_X,
        architecture: plan.architecture,
        description: declaration.description.slice(0, 256),
        memorySize: declaration.memoryMb,
        timeout: Duration.seconds(declaration.timeoutSeconds),
        reservedConcurrentExecutions: declaration.concurrency,
        retryAttempts: declaration.asyncRetries,
        // Functions invoked by rules (asynchronously) give up into the rules' dead-letter queue, as
        // the local runner records failed invocations in the bus's dead-letter store.
        ...(asyncTargets.has(name) ? { deadLetterQueue: props.deadLetterQueue } : {}),
        ...(plan.executables.length > 0 ? { ephemeralStorageSize: Size.mebibytes(deploymentSettings.mediaScratchMb) } : {}),
        role,
        logGroup,
        environment: {
          MEDIAGRAPH_RUNTIME: 'aws',
          TABLE_NAME: props.table.tableName,
          MEDIA_BUCKET: props.bucket.bucketName,
          EVENT_BUS_NAME: props.bus.eventBusName,
          SCRATCH_DIR: '/tmp',
          NODE_OPTIONS: '--enable-source-maps',
          ...executableEnvironment(plan.executables),
          ...(deadLetterConsumers.has(name) ? { DEAD_LETTER_QUEUE_URL: props.deadLetterQueue.queueUrl } : {}),
        },
        bundling: bundlingOptions(plan),
      });
      Tags.of(fn).add(FUNCTION_TAG, name);
      acknowledge(
        fn,
        'AwsSolutions-L1',
        'Pinned to Node 22 (nodejs22.x, supported by Lambda until 2027): the version the project targets and tests (NOTES.md); nodejs24.x is the newer choice once the project moves.',
      );
      this.grantDeclaredAccess(name, declaration, role, plan, props);
      if (deadLetterConsumers.has(name)) {
        role.addToPrincipalPolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            // ChangeMessageVisibilityBatch and DeleteMessageBatch are authorised as their single forms.
            actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
            resources: [props.deadLetterQueue.queueArn],
          }),
        );
      }
      for (const executable of plan.executables) {
        if (!executable.source.found) {
          Annotations.of(fn).addWarningV2(
            'mediagraph:executable-missing',
            `${name}: no ${executable.name} for Lambda (${executable.source.reason}); media that needs it will fail. ` +
              `Install ffmpeg-static with internet access, or pass -c ${executable.name}Binary=<static linux x86_64 executable>.`,
          );
        }
      }
      functions.set(name, fn);
      plans.set(name, plan);
      this.roles.set(name, role);
    }
    this.functions = functions;
    this.plans = plans;
  }

  /**
   * Gives every function the API's URL, and those declaring `api` fields permission to call exactly those.
   * Called once the API exists (it needs the functions for its Lambda data sources).
   */
  connectApi(api: IGraphqlApi & { readonly graphqlUrl: string }): void {
    for (const [name, fn] of this.functions) {
      fn.addEnvironment('APPSYNC_URL', api.graphqlUrl);
      const fields = this.declarations.functions[name]?.access.api ?? [];
      if (fields.length > 0) {
        this.roles.get(name)?.addToPrincipalPolicy(apiFieldStatement(api, fields));
      }
    }
  }

  private grantDeclaredAccess(name: string, declaration: FunctionSpec, role: Role, plan: FunctionBundlePlan, props: MediagraphFunctionsProps): void {
    const { access } = declaration;
    const statements: PolicyStatement[] = [];
    if (access.table) {
      statements.push(...tableAccessStatements(props.table, props.indexNames, access.table));
    }
    if (access.bucket && access.bucket.length > 0) {
      statements.push(...bucketAccessStatements(props.bucket, access.bucket));
      for (const { prefix } of access.bucket) {
        acknowledge(
          role,
          wildcardResourceFinding(props.bucket, `/${prefix}*`),
          `Object keys under ${prefix} carry owner, media id and version, so access is granted by declared prefix (infra/functions.ts), never the whole bucket.`,
        );
      }
    }
    if (access.events === 'put') {
      statements.push(new PolicyStatement({ effect: Effect.ALLOW, actions: ['events:PutEvents'], resources: [props.bus.eventBusArn] }));
    }
    if (access.ai && access.ai.length > 0) {
      const resolved = aiActions(access.ai, plan.graph.awsSdkCommands);
      const statement = aiStatement(resolved.actions);
      if (statement) {
        statements.push(statement);
        acknowledge(
          role,
          'AwsSolutions-IAM5[Resource::*]',
          `Only the exact actions ${resolved.actions.join(', ')}: Rekognition's image operations, Transcribe's job operations and Comprehend's real-time Detect operations support no resource-level permissions (Service Authorization Reference).`,
        );
      }
      for (const service of resolved.unusedServices) {
        Annotations.of(this).addWarningV2(
          'mediagraph:ai-service-unused',
          `${name} declares ai service ${service}, but its code sends no @aws-sdk/client-${service} command: nothing granted`,
        );
      }
    }
    statements.forEach((statement) => role.addToPrincipalPolicy(statement));
  }
}

/**
 * Functions that read and redrive the dead-letter queue: those declaring `access.deadLetters`
 * (proposed field), else the one behind the API's `deadLetters` Lambda data source.
 */
export function deadLetterConsumersOf(declarations: MediagraphDeclarations): string[] {
  const declared = Object.entries(declarations.functions)
    .filter(([, declaration]) => declaration.access.deadLetters === 'consume')
    .map(([name]) => name);
  if (declared.length > 0) {
    return declared;
  }
  const source = declarations.api.dataSources.deadLetters;
  return source?.kind === 'LAMBDA' ? [source.functionName] : [];
}

function executableEnvironment(executables: readonly PlannedExecutable[]): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const executable of executables) {
    if (executable.source.found) {
      environment[executable.environmentVariable] = `${TASK_ROOT}/bin/${executable.name}`;
    }
  }
  return environment;
}

function pascalCase(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
