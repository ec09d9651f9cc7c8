/**
 * The AppSync API from infra/api.ts: schema/schema.graphql; Cognito user pools as the default
 * mode and IAM for workers; every data source, pipeline function and resolver as declared, running
 * the very modules the local runtime executes (APPSYNC_JS, from infra/resolver-bundles.ts); the
 * resolver environment (`ctx.env`); request logging to CloudWatch (errors only, no verbose content).
 *
 * Data source roles hold exactly what their kind needs (the table and its declared indexes by ARN,
 * the one function); CDK's own grants, which add `index/*` and `function:*`, are not used.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-overview-js.html
 */
import {
  AppsyncFunction,
  AuthorizationType,
  Code,
  Definition,
  DynamoDbDataSource,
  EventBridgeDataSource,
  FieldLogLevel,
  FunctionRuntime,
  FunctionRuntimeFamily,
  GraphqlApi,
  LambdaDataSource,
  NoneDataSource,
  Resolver,
  UserPoolDefaultAction,
  type AuthorizationMode,
  type BaseDataSource,
  type CfnGraphQLApi,
} from 'aws-cdk-lib/aws-appsync';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DataSourceSpec, MediagraphDeclarations, ResolverCode, ResolverEnvironmentSource } from '../declarations';
import { tableAccessStatements } from '../iam/table-access';
import { acknowledge } from '../nag-suppressions';
import { deploymentSettings } from '../settings';

export interface MediagraphApiProps {
  readonly declarations: MediagraphDeclarations;
  readonly resolverCode: ResolverCode;
  readonly userPool: IUserPool;
  readonly table: ITable;
  readonly indexNames: readonly string[];
  readonly bus: IEventBus;
  readonly functions: ReadonlyMap<string, IFunction>;
}

/** The GraphQL API with its data sources, pipeline functions and resolvers, by declared name. */
export class MediagraphApi extends Construct {
  readonly api: GraphqlApi;
  readonly dataSources: ReadonlyMap<string, BaseDataSource>;
  readonly pipelineFunctions: ReadonlyMap<string, AppsyncFunction>;
  /** By `Type.field`. */
  readonly resolvers: ReadonlyMap<string, Resolver>;

  constructor(scope: Construct, id: string, props: MediagraphApiProps) {
    super(scope, id);
    const { declarations } = props;
    const logsRole = new Role(this, 'LogsRole', { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
    this.api = new GraphqlApi(this, 'Api', {
      name: 'mediagraph',
      definition: Definition.fromFile(declarations.schemaFile),
      authorizationConfig: {
        defaultAuthorization: authorizationMode(declarations.api.auth.defaultMode, props.userPool),
        additionalAuthorizationModes: declarations.api.auth.additionalModes.map((mode) => authorizationMode(mode, props.userPool)),
      },
      environmentVariables: resolverEnvironment(declarations.api.resolverEnvironment, props.table),
      xrayEnabled: false,
    });
    // Set on the resource itself: the L2's logConfig adds a LogRetention custom resource (a Lambda
    // function) that would manage the same log group as the one created here.
    (this.api.node.defaultChild as CfnGraphQLApi).logConfig = {
      cloudWatchLogsRoleArn: logsRole.roleArn,
      fieldLogLevel: FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };
    acknowledge(
      this.api,
      'AwsSolutions-ASC3',
      'Request logging is on (field level ERROR, to CloudWatch through its role). Verbose content is excluded on purpose: it would write request headers (tokens) and resolved requests (presigned URLs) to the logs, which STYLE.md rule 12 forbids.',
    );
    // AppSync writes to /aws/appsync/apis/<api id>; created here so it has a retention.
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: deploymentSettings.logRetention,
    });
    logsRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    const dataSources = new Map<string, BaseDataSource>();
    for (const [name, spec] of Object.entries(declarations.api.dataSources)) {
      dataSources.set(name, this.dataSource(name, spec, props));
    }
    this.dataSources = dataSources;

    const runtime = new FunctionRuntime(runtimeFamily(declarations.api.runtime.name), declarations.api.runtime.runtimeVersion);
    const codeOf = (file: string) => {
      const bundle = props.resolverCode.get(file);
      if (!bundle) {
        throw new Error(`No compiled bundle for ${file}: bundleResolvers() must include every declared file`);
      }
      return Code.fromInline(bundle.code);
    };
    const dataSourceOf = (name: string) => {
      const dataSource = dataSources.get(name);
      if (!dataSource) {
        throw new Error(`Data source ${name} is used but not declared in infra/api.ts`);
      }
      return dataSource;
    };

    const pipelineFunctions = new Map<string, AppsyncFunction>();
    for (const [name, spec] of Object.entries(declarations.api.functions)) {
      pipelineFunctions.set(
        name,
        new AppsyncFunction(this, `Function-${name}`, { api: this.api, name, dataSource: dataSourceOf(spec.dataSource), runtime, code: codeOf(spec.file) }),
      );
    }
    this.pipelineFunctions = pipelineFunctions;

    const resolvers = new Map<string, Resolver>();
    for (const spec of declarations.api.resolvers) {
      const key = `${spec.typeName}.${spec.fieldName}`;
      const common = { api: this.api, typeName: spec.typeName, fieldName: spec.fieldName, runtime, code: codeOf(spec.file) };
      const resolver =
        spec.kind === 'UNIT'
          ? new Resolver(this, `Resolver-${key}`, { ...common, dataSource: dataSourceOf(spec.dataSource) })
          : new Resolver(this, `Resolver-${key}`, {
              ...common,
              pipelineConfig: spec.functions.map((name) => {
                const fn = pipelineFunctions.get(name);
                if (!fn) {
                  throw new Error(`Resolver ${key} runs pipeline function ${name}, which infra/api.ts does not declare`);
                }
                return fn;
              }),
            });
      resolvers.set(key, resolver);
    }
    this.resolvers = resolvers;
  }

  private dataSource(name: string, spec: DataSourceSpec, props: MediagraphApiProps): BaseDataSource {
    const description = `infra/api.ts dataSources.${name}`;
    switch (spec.kind) {
      case 'NONE':
        return new NoneDataSource(this, `DataSource-${name}`, { api: this.api, name, description });
      case 'DYNAMODB':
        return new DynamoDbDataSource(this, `DataSource-${name}`, {
          api: this.api,
          name,
          description,
          table: props.table,
          serviceRole: this.dataSourceRole(name, tableAccessStatements(props.table, props.indexNames, 'readWrite')),
        });
      case 'LAMBDA': {
        const fn = props.functions.get(spec.functionName);
        if (!fn) {
          throw new Error(`Data source ${name} invokes function ${spec.functionName}, which infra/functions.ts does not declare`);
        }
        return new LambdaDataSource(this, `DataSource-${name}`, {
          api: this.api,
          name,
          description,
          lambdaFunction: fn,
          // AppSync invokes the unqualified function: no version or alias (`function:*`) is needed.
          serviceRole: this.dataSourceRole(name, [new PolicyStatement({ effect: Effect.ALLOW, actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] })]),
        });
      }
      case 'EVENTBRIDGE':
        return new EventBridgeDataSource(this, `DataSource-${name}`, {
          api: this.api,
          name,
          description,
          eventBus: props.bus,
          serviceRole: this.dataSourceRole(name, [new PolicyStatement({ effect: Effect.ALLOW, actions: ['events:PutEvents'], resources: [props.bus.eventBusArn] })]),
        });
      default: {
        const unexpected: never = spec;
        throw new Error(`Unknown data source kind ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /**
   * A role with exactly `statements`, handed to the data source as an immutable reference so the
   * data source's own (broader) grants are not added to it.
   */
  private dataSourceRole(name: string, statements: PolicyStatement[]): IRole {
    const role = new Role(this, `DataSourceRole-${name}`, {
      assumedBy: new ServicePrincipal('appsync.amazonaws.com'),
      description: `AppSync data source ${name}`,
      inlinePolicies: { access: new PolicyDocument({ statements }) },
    });
    return Role.fromRoleArn(this, `DataSourceRoleRef-${name}`, role.roleArn, { mutable: false });
  }
}

function authorizationMode(mode: string, userPool: IUserPool): AuthorizationMode {
  switch (mode) {
    case 'AMAZON_COGNITO_USER_POOLS':
      // ALLOW: a signed-in user may call what the schema's directives allow; group rules live there.
      return { authorizationType: AuthorizationType.USER_POOL, userPoolConfig: { userPool, defaultAction: UserPoolDefaultAction.ALLOW } };
    case 'AWS_IAM':
      return { authorizationType: AuthorizationType.IAM };
    default:
      throw new Error(`Auth mode ${mode} is declared in infra/api.ts but the stack does not configure it`);
  }
}

function runtimeFamily(name: string): FunctionRuntimeFamily {
  if (name !== 'APPSYNC_JS') {
    throw new Error(`Resolver runtime ${name} is not supported (APPSYNC_JS only)`);
  }
  return FunctionRuntimeFamily.JS;
}

function resolverEnvironment(environment: Readonly<Record<string, ResolverEnvironmentSource>>, table: ITable): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, source] of Object.entries(environment)) {
    switch (source.from) {
      case 'table':
        values[name] = table.tableName;
        break;
      case 'value':
        values[name] = source.value;
        break;
      default: {
        const unexpected: never = source;
        throw new Error(`Unknown resolver environment source ${JSON.stringify(unexpected)}`);
      }
    }
  }
  return values;
}
