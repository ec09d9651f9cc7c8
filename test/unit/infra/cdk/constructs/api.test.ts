import { Match } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, dataSources, functions, resolverEnvironment, resolvers } from '../../../../../infra/api';
import { projectDeclarations } from '../../../../../infra/cdk/declarations';
import { deploymentSettings } from '../../../../../infra/cdk/settings';
import { logicalIdOf, render, resourcesOfType, roleStatements, synthesizeStack, type SynthesizedStack } from '../synthesized-stack';

describe('Construct: MediagraphApi (from infra/api.ts)', () => {
  let synthesized: SynthesizedStack;
  let apiId: string;
  beforeAll(async () => {
    synthesized = await synthesizeStack();
    apiId = logicalIdOf(synthesized.stack.api.api);
  }, 120_000);

  it('deploys schema/schema.graphql as the API definition', () => {
    // Prepare
    const schema = readFileSync(projectDeclarations.schemaFile, 'utf8');

    // Assess
    synthesized.template.hasResourceProperties('AWS::AppSync::GraphQLSchema', { Definition: schema });
  });

  it('uses Cognito user pools by default and IAM as the additional mode, as declared', () => {
    // Prepare
    const [[, api]] = resourcesOfType(synthesized.resources, 'AWS::AppSync::GraphQLApi') as [[string, Record<string, unknown>]];
    const userPoolId = logicalIdOf(synthesized.stack.users.userPool);

    // Assess
    expect(auth.defaultMode).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(api.AuthenticationType).toBe(auth.defaultMode);
    expect(render((api.UserPoolConfig as Record<string, unknown>).UserPoolId)).toBe(`\${${userPoolId}}`);
    expect((api.UserPoolConfig as Record<string, unknown>).DefaultAction).toBe('ALLOW');
    expect((api.AdditionalAuthenticationProviders as { AuthenticationType: string }[]).map((mode) => mode.AuthenticationType)).toEqual([...auth.additionalModes]);
  });

  it('creates one data source per declaration, of the declared kind, with the declared function or table', () => {
    // Prepare
    const byName = new Map(resourcesOfType(synthesized.resources, 'AWS::AppSync::DataSource').map(([, properties]) => [properties.Name as string, properties]));
    const kinds = { DYNAMODB: 'AMAZON_DYNAMODB', NONE: 'NONE', LAMBDA: 'AWS_LAMBDA', EVENTBRIDGE: 'AMAZON_EVENTBRIDGE' } as const;

    // Assess
    expect([...byName.keys()].sort()).toEqual(Object.keys(dataSources).sort());
    for (const [name, declaration] of Object.entries(dataSources)) {
      const properties = byName.get(name)!;
      expect(properties.Type, name).toBe(kinds[declaration.kind]);
      if (declaration.kind === 'LAMBDA') {
        const fn = synthesized.stack.functions.functions.get(declaration.functionName)!;
        expect(render((properties.LambdaConfig as Record<string, unknown>).LambdaFunctionArn), name).toBe(`\${${logicalIdOf(fn)}.Arn}`);
      }
      if (declaration.kind === 'DYNAMODB') {
        expect(render((properties.DynamoDBConfig as Record<string, unknown>).TableName), name).toBe(`\${${logicalIdOf(synthesized.stack.data.table)}}`);
      }
    }
  });

  it('gives each data source a role with exactly its table (and declared indexes) or its one function', () => {
    // Prepare
    const tableArn = `\${${logicalIdOf(synthesized.stack.data.table)}.Arn}`;
    const indexArns = projectDeclarations.table.globalSecondaryIndexes.map((index) => `${tableArn}/index/${index.indexName}`).sort();

    // Act
    const dataSourceRoles = resourcesOfType(synthesized.resources, 'AWS::AppSync::DataSource')
      .filter(([, properties]) => properties.ServiceRoleArn)
      .map(([, properties]) => ({ name: properties.Name as string, role: render(properties.ServiceRoleArn).replace(/^\$\{(.+)\.Arn\}$/, '$1') }));

    // Assess
    expect(dataSourceRoles.length).toBe(Object.values(dataSources).filter((source) => source.kind !== 'NONE').length);
    for (const { name, role } of dataSourceRoles) {
      const statements = roleStatements(synthesized.resources, role);
      const resources = statements.flatMap((statement) => statement.resources);
      const declaration = dataSources[name as keyof typeof dataSources];
      expect(resources.every((resource) => !resource.endsWith('*')), `${name}: ${resources.join(', ')}`).toBe(true);
      if (declaration.kind === 'DYNAMODB') {
        expect(resources.sort()).toEqual([tableArn, ...indexArns].sort());
        expect(statements.flatMap((statement) => statement.actions)).not.toContain('dynamodb:Scan');
      }
      if (declaration.kind === 'LAMBDA') {
        const fn = synthesized.stack.functions.functions.get(declaration.functionName)!;
        expect(statements).toEqual([{ actions: ['lambda:InvokeFunction'], resources: [`\${${logicalIdOf(fn)}.Arn}`] }]);
      }
    }
  });

  it('creates every declared pipeline function with its data source, APPSYNC_JS 1.0.0 and the compiled bundle', () => {
    // Prepare
    const byName = new Map(resourcesOfType(synthesized.resources, 'AWS::AppSync::FunctionConfiguration').map(([, properties]) => [properties.Name as string, properties]));

    // Assess
    expect([...byName.keys()].sort()).toEqual(Object.keys(functions).sort());
    for (const [name, declaration] of Object.entries(functions)) {
      const properties = byName.get(name)!;
      expect(properties.DataSourceName, name).toBe(declaration.dataSource);
      expect(properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(properties.Code, name).toBe(synthesized.resolverCode.get(declaration.file)!.code);
    }
  });

  it('creates every declared resolver with its kind, data source or pipeline, and the compiled bundle', () => {
    // Prepare
    const byField = new Map(
      resourcesOfType(synthesized.resources, 'AWS::AppSync::Resolver').map(([, properties]) => [`${properties.TypeName as string}.${properties.FieldName as string}`, properties]),
    );
    const functionIds = new Map([...synthesized.stack.api.pipelineFunctions].map(([name, fn]) => [name, `\${${logicalIdOf(fn)}.FunctionId}`]));

    // Assess
    expect([...byField.keys()].sort()).toEqual(resolvers.map((resolver) => `${resolver.typeName}.${resolver.fieldName}`).sort());
    for (const declaration of resolvers) {
      const key = `${declaration.typeName}.${declaration.fieldName}`;
      const properties = byField.get(key)!;
      expect(properties.Kind, key).toBe(declaration.kind);
      expect(properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(properties.Code, key).toBe(synthesized.resolverCode.get(declaration.file)!.code);
      expect(render(properties.ApiId)).toBe(`\${${apiId}.ApiId}`);
      if (declaration.kind === 'UNIT') {
        expect(properties.DataSourceName, key).toBe(declaration.dataSource);
      } else {
        const steps = ((properties.PipelineConfig as { Functions: unknown[] }).Functions ?? []).map(render);
        expect(steps, key).toEqual(declaration.functions.map((name) => functionIds.get(name)));
      }
    }
  });

  it('sets the resolver environment from infra/api.ts (TABLE_NAME → the table, values as declared)', () => {
    // Prepare
    const [[, api]] = resourcesOfType(synthesized.resources, 'AWS::AppSync::GraphQLApi') as [[string, Record<string, unknown>]];
    const environment = api.EnvironmentVariables as Record<string, unknown>;

    // Assess
    expect(Object.keys(environment).sort()).toEqual(Object.keys(resolverEnvironment).sort());
    expect(render(environment.TABLE_NAME)).toBe(`\${${logicalIdOf(synthesized.stack.data.table)}}`);
    expect(environment.ADMIN_GROUP).toBe(resolverEnvironment.ADMIN_GROUP.value);
  });

  it('logs requests to CloudWatch at ERROR without verbose content, into a log group with a retention', () => {
    // Prepare
    const [[, api]] = resourcesOfType(synthesized.resources, 'AWS::AppSync::GraphQLApi') as [[string, Record<string, unknown>]];
    const logConfig = api.LogConfig as Record<string, unknown>;
    const roleId = render(logConfig.CloudWatchLogsRoleArn).replace(/^\$\{(.+)\.Arn\}$/, '$1');

    // Assess
    expect(logConfig.FieldLogLevel).toBe('ERROR');
    expect(logConfig.ExcludeVerboseContent).toBe(true);
    synthesized.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [apiId, 'ApiId'] }]] },
      RetentionInDays: 30,
    });
    const [logGroupId] = resourcesOfType(synthesized.resources, 'AWS::Logs::LogGroup').find(([, properties]) => render(properties.LogGroupName).startsWith('/aws/appsync/apis/'))!;
    expect(roleStatements(synthesized.resources, roleId)).toEqual([
      { actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`\${${logGroupId}.Arn}`] },
    ]);
    synthesized.template.resourceCountIs('Custom::LogRetention', 0);
  });

  it('puts a WAF web ACL with a per-client rate-based rule in front of the API', () => {
    // Prepare
    const [[aclId, acl]] = resourcesOfType(synthesized.resources, 'AWS::WAFv2::WebACL') as [[string, Record<string, unknown>]];

    // Assess
    expect(acl.Scope).toBe('REGIONAL');
    expect(acl.Rules).toEqual([
      expect.objectContaining({
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: deploymentSettings.requestsPerClientPerFiveMinutes, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
      }),
    ]);
    synthesized.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [apiId, 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
    });
  });

  it('outputs what a client needs: endpoints, pool ids, region, bucket and previews domain', () => {
    // Assess
    const outputs = synthesized.template.findOutputs('*');
    for (const name of ['GraphQLUrl', 'RealtimeUrl', 'Region', 'UserPoolId', 'UserPoolClientId', 'MediaBucketName', 'PreviewsDomainName']) {
      expect(outputs[name], name).toBeDefined();
    }
    synthesized.template.hasOutput('RealtimeUrl', { Value: { 'Fn::GetAtt': [apiId, 'RealtimeUrl'] } });
    synthesized.template.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
    synthesized.template.hasOutput('GraphQLUrl', { Value: Match.objectLike({ 'Fn::GetAtt': [apiId, 'GraphQLUrl'] }) });
  });
});
