import { beforeAll, describe, expect, it } from 'vitest';
import { eventBusName, rules } from '../../../../../infra/events';
import { functionsByName, logicalIdOf, render, resourcesOfType, roleStatements, synthesizeStack, type SynthesizedStack } from '../synthesized-stack';

interface RuleJson {
  readonly logicalId: string;
  readonly properties: Record<string, unknown>;
  readonly targets: Record<string, unknown>[];
}

describe('Construct: EventRules (from infra/events.ts)', () => {
  let synthesized: SynthesizedStack;
  let byDescription: Map<string, RuleJson>;
  let ids: { bus: string; queue: string; api: string };
  beforeAll(async () => {
    synthesized = await synthesizeStack();
    byDescription = new Map(
      resourcesOfType(synthesized.resources, 'AWS::Events::Rule').map(([logicalId, properties]) => [
        properties.Description as string,
        { logicalId, properties, targets: properties.Targets as Record<string, unknown>[] },
      ]),
    );
    ids = {
      bus: logicalIdOf(synthesized.stack.events.bus),
      queue: logicalIdOf(synthesized.stack.events.deadLetterQueue),
      api: logicalIdOf(synthesized.stack.api.api),
    };
  }, 120_000);

  it('creates the bus named in infra/events.ts', () => {
    synthesized.template.hasResourceProperties('AWS::Events::EventBus', { Name: eventBusName });
  });

  it('creates one rule per declaration, and no other', () => {
    expect(byDescription.size).toBe(rules.length);
    expect([...byDescription.keys()].sort()).toEqual(rules.map((rule) => rule.description).sort());
  });

  it.each(rules.map((rule) => [rule.name, rule] as const))('%s: the declared pattern, on the bus its events reach', (_name, rule) => {
    // Prepare
    const json = byDescription.get(rule.description)!;
    const awsOnly = (rule.pattern.source as string[]).every((source) => source.startsWith('aws.'));

    // Assess
    expect(json.properties.EventPattern).toEqual(rule.pattern);
    expect(json.properties.State).toBe('ENABLED');
    // S3's Object Created events reach only the account's default bus.
    expect(json.properties.EventBusName === undefined ? 'default' : render(json.properties.EventBusName)).toBe(awsOnly ? 'default' : `\${${ids.bus}}`);
  });

  it.each(rules.map((rule) => [rule.name, rule] as const))('%s: each declared target, with the retry policy and the dead-letter queue', (_name, rule) => {
    // Prepare
    const json = byDescription.get(rule.description)!;
    const functions = functionsByName(synthesized.resources);

    // Assess
    expect(json.targets).toHaveLength(rule.targets.length);
    rule.targets.forEach((declared, index) => {
      const target = json.targets[index]!;
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: rule.retry.maximumRetryAttempts, MaximumEventAgeInSeconds: rule.retry.maximumEventAgeSeconds });
      expect(render((target.DeadLetterConfig as { Arn: unknown }).Arn)).toBe(`\${${ids.queue}.Arn}`);
      switch (declared.kind) {
        case 'function':
          expect(render(target.Arn)).toBe(`\${${functions.get(declared.function)!.logicalId}.Arn}`);
          break;
        case 'appsync':
          expect(render(target.Arn)).toBe(`\${${ids.api}.GraphQLEndpointArn}`);
          expect(target.AppSyncParameters).toEqual({ GraphQLOperation: declared.operation });
          break;
      }
    });
  });

  it('lets EventBridge invoke each target function, from its rule only', () => {
    // Prepare
    const functions = functionsByName(synthesized.resources);
    const permissions = resourcesOfType(synthesized.resources, 'AWS::Lambda::Permission').filter(([, properties]) => properties.Principal === 'events.amazonaws.com');

    // Assess
    for (const rule of rules) {
      const { logicalId } = byDescription.get(rule.description)!;
      for (const target of rule.targets) {
        if (target.kind !== 'function') continue;
        expect(
          permissions.some(
            ([, properties]) =>
              render(properties.FunctionName) === `\${${functions.get(target.function)!.logicalId}.Arn}` && render(properties.SourceArn) === `\${${logicalId}.Arn}`,
          ),
          `${rule.name} → ${target.function}`,
        ).toBe(true);
      }
    }
  });

  it('lets each rule send to the dead-letter queue, scoped to that rule', () => {
    // Prepare
    const [[, policy]] = resourcesOfType(synthesized.resources, 'AWS::SQS::QueuePolicy') as [[string, Record<string, unknown>]];
    const statements = (policy.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    const fromEvents = statements.filter((statement) => JSON.stringify(statement.Principal).includes('events.amazonaws.com'));

    // Assess
    const sources = fromEvents.map((statement) => render((statement.Condition as { ArnEquals: Record<string, unknown> }).ArnEquals['aws:SourceArn']));
    expect(sources.sort()).toEqual(rules.map((rule) => `\${${byDescription.get(rule.description)!.logicalId}.Arn}`).sort());
  });

  it('delivers AppSync targets with variables read from the event by the declared JSONPath', () => {
    for (const rule of rules) {
      rule.targets.forEach((declared, index) => {
        if (declared.kind !== 'appsync') return;
        const target = byDescription.get(rule.description)!.targets[index]!;
        const transformer = target.InputTransformer as { InputPathsMap: Record<string, string>; InputTemplate: string };
        const paths = Object.values(transformer.InputPathsMap).sort();
        expect(paths).toEqual(Object.values(declared.variables).sort());
        for (const [variable, jsonPath] of Object.entries(declared.variables)) {
          const placeholder = Object.entries(transformer.InputPathsMap).find(([, path]) => path === jsonPath)![0];
          expect(transformer.InputTemplate).toContain(`"${variable}":<${placeholder}>`);
        }
      });
    }
  });

  it('signs AppSync targets with a role allowed exactly the operation’s mutation fields', () => {
    for (const rule of rules) {
      rule.targets.forEach((declared, index) => {
        if (declared.kind !== 'appsync') return;
        // Prepare
        const target = byDescription.get(rule.description)!.targets[index]!;
        const role = render(target.RoleArn).replace(/^\$\{(.+)\.Arn\}$/, '$1');
        const fields = [...declared.operation.matchAll(/\{\s*(\w+)\s*\(/g)].map((match) => match[1]);

        // Assess
        expect(synthesized.resources[role]!.Properties!.AssumeRolePolicyDocument).toMatchObject({
          Statement: [{ Principal: { Service: 'events.amazonaws.com' } }],
        });
        expect(roleStatements(synthesized.resources, role)).toEqual([
          {
            actions: ['appsync:GraphQL'],
            resources: fields.map((field) => `arn:\${AWS::Partition}:appsync:\${AWS::Region}:\${AWS::AccountId}:apis/\${${ids.api}.ApiId}/types/Mutation/fields/${field}`),
          },
        ]);
      });
    }
  });

  it('keeps undeliverable events encrypted, TLS-only, for 14 days', () => {
    // Prepare
    const [[, policy]] = resourcesOfType(synthesized.resources, 'AWS::SQS::QueuePolicy') as [[string, Record<string, unknown>]];

    // Assess
    synthesized.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    expect((policy.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});
