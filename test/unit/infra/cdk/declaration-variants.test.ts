import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectDeclarations, type MediagraphDeclarations } from '../../../../infra/cdk/declarations';
import { functionsByName, logicalIdOf, render, resourcesOfType, roleStatements, synthesizeStack, type SynthesizedStack } from './synthesized-stack';

/**
 * The stack is built generically: a function, rule, data source or access that the declarations
 * gain appears in the template with no change to infra/cdk. Here the declarations gain some that
 * the project does not have (yet).
 */
const variant: MediagraphDeclarations = {
  ...projectDeclarations,
  api: {
    ...projectDeclarations.api,
    dataSources: { ...projectDeclarations.api.dataSources, announcements: { kind: 'EVENTBRIDGE', eventBus: projectDeclarations.events.busName } },
  },
  functions: {
    ...projectDeclarations.functions,
    // A second module on an existing handler: its code sends no Rekognition or Comprehend command.
    'label-sampler': {
      handler: 'functions/library/handler.ts',
      description: 'variant: one exact AI action, a declared service the code does not call, a bucket prefix of its own',
      timeoutSeconds: 45,
      memoryMb: 640,
      concurrency: 3,
      asyncRetries: 1,
      access: { ai: ['rekognition:DetectLabels', 'comprehend'], bucket: [{ prefix: 'samples/', actions: ['delete'] }], deadLetters: 'consume' },
    },
  },
  events: {
    ...projectDeclarations.events,
    rules: [
      ...projectDeclarations.events.rules,
      {
        name: 'SampleLabels',
        description: 'variant: a function target and an AppSync target on one rule',
        pattern: { source: ['mediagraph.samples'], 'detail-type': ['Sample Requested'], detail: { mediaType: [{ prefix: 'IMA' }] } },
        targets: [
          { kind: 'function', function: 'label-sampler' },
          {
            kind: 'appsync',
            operation: 'mutation Analysed($input: ReportAnalysisInput!) { reportAnalysis(input: $input) { mediaId } }',
            variables: { input: '$.detail.analysis' },
          },
        ],
        retry: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 120 },
      },
    ],
  },
};

describe('Stack: built generically from the declarations', () => {
  let synthesized: SynthesizedStack;
  beforeAll(async () => {
    synthesized = await synthesizeStack({ declarations: variant });
  }, 120_000);

  it('builds a newly declared function with its limits', () => {
    // Prepare
    const fn = functionsByName(synthesized.resources).get('label-sampler');

    // Assess
    expect(fn).toBeDefined();
    expect(fn!.properties).toMatchObject({ MemorySize: 640, Timeout: 45, ReservedConcurrentExecutions: 3, Architectures: ['arm64'] });
  });

  it('grants a declared `service:Action` exactly, and nothing for a declared service the code never calls (with a warning)', () => {
    // Prepare
    const fn = functionsByName(synthesized.resources).get('label-sampler')!;
    const statements = roleStatements(synthesized.resources, render(fn.properties.Role).replace(/^\$\{(.+)\.Arn\}$/, '$1'));
    const actions = statements.flatMap((statement) => statement.actions);

    // Assess
    expect(actions).toContain('rekognition:DetectLabels');
    expect(actions.filter((action) => action.startsWith('rekognition:') || action.startsWith('comprehend:'))).toEqual(['rekognition:DetectLabels']);
    synthesized.annotations.hasWarning('/Mediagraph/Functions', Match.stringLikeRegexp('label-sampler declares ai service comprehend'));
  });

  it('scopes a new bucket prefix to that prefix', () => {
    // Prepare
    const fn = functionsByName(synthesized.resources).get('label-sampler')!;
    const statements = roleStatements(synthesized.resources, render(fn.properties.Role).replace(/^\$\{(.+)\.Arn\}$/, '$1'));

    // Assess
    expect(statements).toContainEqual({ actions: ['s3:DeleteObject'], resources: [`\${${logicalIdOf(synthesized.stack.storage.bucket)}.Arn}/samples/*`] });
  });

  it('makes the function declaring `deadLetters: consume` the dead-letter consumer (URL and receive/delete), and only it', () => {
    // Prepare
    const functions = functionsByName(synthesized.resources);
    const environment = (name: string) => (functions.get(name)!.properties.Environment as { Variables: Record<string, unknown> }).Variables;

    // Assess
    expect(environment('label-sampler').DEAD_LETTER_QUEUE_URL).toBeDefined();
    expect(environment('dead-letters').DEAD_LETTER_QUEUE_URL).toBeUndefined();
  });

  it('creates a new rule with both target kinds, its retry policy and the dead-letter queue', () => {
    // Prepare
    const [[, rule]] = resourcesOfType(synthesized.resources, 'AWS::Events::Rule').filter(([, properties]) => properties.Description === 'variant: a function target and an AppSync target on one rule') as [
      [string, Record<string, unknown>],
    ];
    const targets = rule.Targets as Record<string, unknown>[];
    const apiId = logicalIdOf(synthesized.stack.api.api);

    // Assess
    expect(rule.EventPattern).toEqual(variant.events.rules.at(-1)!.pattern);
    expect(render(rule.EventBusName)).toBe(`\${${logicalIdOf(synthesized.stack.events.bus)}}`);
    expect(targets.map((target) => target.RetryPolicy)).toEqual([
      { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 120 },
      { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 120 },
    ]);
    expect(render(targets[0]!.Arn)).toBe(`\${${functionsByName(synthesized.resources).get('label-sampler')!.logicalId}.Arn}`);
    expect((targets[1]!.InputTransformer as { InputPathsMap: Record<string, string> }).InputPathsMap).toEqual({ 'detail-analysis': '$.detail.analysis' });
    const role = render(targets[1]!.RoleArn).replace(/^\$\{(.+)\.Arn\}$/, '$1');
    expect(roleStatements(synthesized.resources, role)).toEqual([
      {
        actions: ['appsync:GraphQL'],
        resources: [`arn:\${AWS::Partition}:appsync:\${AWS::Region}:\${AWS::AccountId}:apis/\${${apiId}.ApiId}/types/Mutation/fields/reportAnalysis`],
      },
    ]);
  });

  it('creates a declared EventBridge data source whose role may put events on the bus only', () => {
    // Prepare
    const [[, source]] = resourcesOfType(synthesized.resources, 'AWS::AppSync::DataSource').filter(([, properties]) => properties.Name === 'announcements') as [
      [string, Record<string, unknown>],
    ];
    const busId = logicalIdOf(synthesized.stack.events.bus);

    // Assess
    expect(source.Type).toBe('AMAZON_EVENTBRIDGE');
    expect(render((source.EventBridgeConfig as { EventBusArn: unknown }).EventBusArn)).toBe(`\${${busId}.Arn}`);
    expect(roleStatements(synthesized.resources, render(source.ServiceRoleArn).replace(/^\$\{(.+)\.Arn\}$/, '$1'))).toEqual([
      { actions: ['events:PutEvents'], resources: [`\${${busId}.Arn}`] },
    ]);
  });
});
