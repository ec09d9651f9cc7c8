/**
 * The local runtime and the CDK stack are built from the same declarations; this proves they
 * agree, by comparing what each actually holds: the fields the running local engine resolves with
 * a resolver against the template's resolvers; where the local bus delivers an event against the
 * targets of the template's rules that match it (on the bus the event reaches on AWS); the
 * functions the local runner can run against the template's functions. A field, rule or function
 * on one side only fails here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { isObjectType, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediagraphApp } from '../../../infra/cdk/mediagraph-app';
import { rules as declaredRules } from '../../../infra/events';
import { functionDeclarations, type FunctionName } from '../../../infra/functions';
import { createLocalBus, type LocalBus } from '../../../infra/local/events/bus';
import type { EventBridgeEvent } from '../../../infra/local/events/envelope';
import { testEventPattern } from '../../../infra/local/events/pattern';
import { bundleResolvers } from '../../../infra/resolver-bundles';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** `function:<name>` or `appsync:<operation>` with its variables. */
type Delivery = string;

describe('Parity: the local runtime and the AWS stack share their declarations', () => {
  let resources: Record<string, TemplateResource>;
  let local: TestRuntime;
  let bus: LocalBus;
  let busDirectory: string;
  const localDeliveries: Delivery[] = [];

  beforeAll(async () => {
    const outdir = await mkdtemp(path.join(tmpdir(), 'mediagraph-cdk-parity-'));
    const { stack } = createMediagraphApp({ resolverCode: await bundleResolvers(), nag: false, outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    Validations.of(stack).acknowledge({ id: 'Annotation::mediagraph:executable-missing', reason: 'Bundling is skipped: nothing is shipped.' });
    resources = (Template.fromStack(stack).toJSON() as { Resources: Record<string, TemplateResource> }).Resources;
    await rm(outdir, { recursive: true, force: true });
    local = await startTestRuntime();
    // The local bus as infra/local/platform-services.ts builds it (the declared rules), with its
    // targets recorded instead of run: delivering to a function would run the real handler.
    busDirectory = await mkdtemp(path.join(tmpdir(), 'mediagraph-parity-'));
    bus = await createLocalBus({
      rules: declaredRules,
      invoker: { invokeAsync: (name) => void localDeliveries.push(`function:${name}`) },
      executeAppSync: async ({ operation, variables }) => {
        localDeliveries.push(`appsync:${operation} ${JSON.stringify(variables)}`);
        return { data: {} };
      },
      deadLetterDir: path.join(busDirectory, 'dead-letters'),
      region: 'us-east-1',
    });
  }, 120_000);

  afterAll(async () => {
    await bus?.close();
    await local?.close();
    if (busDirectory) await rm(busDirectory, { recursive: true, force: true });
  });

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  describe('fields and resolvers', () => {
    it('resolves with a resolver, locally, exactly the fields the stack deploys resolvers for', async () => {
      // Prepare
      const deployed = ofType('AWS::AppSync::Resolver').map(([, resource]) => `${resource.Properties!.TypeName as string}.${resource.Properties!.FieldName as string}`);

      // Act
      const resolvedLocally: string[] = [];
      for (const type of Object.values(local.runtime.engine.schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          if (await runsAResolver(field)) resolvedLocally.push(`${type.name}.${field.name}`);
        }
      }

      // Assess
      expect(resolvedLocally.length).toBeGreaterThan(0);
      expect(resolvedLocally.sort()).toEqual(deployed.sort());
    });

    it('has a resolver for every Query and Mutation field, on both sides', async () => {
      // Prepare
      const schema = local.runtime.engine.schema;
      const deployed = new Set(ofType('AWS::AppSync::Resolver').map(([, resource]) => `${resource.Properties!.TypeName as string}.${resource.Properties!.FieldName as string}`));

      // Assess
      for (const root of [schema.getQueryType(), schema.getMutationType()]) {
        for (const field of Object.values(root!.getFields())) {
          const key = `${root!.name}.${field.name}`;
          expect(deployed.has(key), `stack: ${key}`).toBe(true);
          expect(await runsAResolver(field), `local: ${key}`).toBe(true);
        }
      }
    });
  });

  describe('rules', () => {
    const templatePatterns = () => ofType('AWS::Events::Rule').map(([, resource]) => resource.Properties!.EventPattern as Record<string, unknown>);
    const distinctPatterns = () => {
      const seen = new Map<string, Record<string, unknown>>();
      for (const pattern of [...templatePatterns(), ...declaredRules.map((rule) => rule.pattern)]) seen.set(JSON.stringify(pattern), pattern);
      return [...seen.values()];
    };

    it('has as many rules on each side', () => {
      expect(ofType('AWS::Events::Rule')).toHaveLength(declaredRules.length);
    });

    it('routes an event matching any rule’s pattern to the same targets locally as on AWS', async () => {
      for (const pattern of distinctPatterns()) {
        // Prepare
        const sample = sampleEvent(pattern);
        localDeliveries.length = 0;

        // Act
        const event = bus.publishServiceEvent({ source: sample.source, detailType: sample['detail-type'], detail: sample.detail });
        await bus.idle();

        // Assess
        const label = JSON.stringify(pattern);
        expect(localDeliveries.length, label).toBeGreaterThan(0);
        expect([...localDeliveries].sort(), label).toEqual(deliveriesOnAws(event).sort());
      }
    });
  });

  describe('functions', () => {
    it('runs locally exactly the functions the stack deploys', async () => {
      // Prepare
      const deployed = [...templateFunctions().keys()].sort();

      // Act: the runner bundles each handler it has; a name it lacks is refused.
      await local.runtime.services.runner.prepare(deployed as FunctionName[]);

      // Assess
      expect(deployed).toEqual(Object.keys(functionDeclarations).sort());
      await expect(local.runtime.services.runner.prepare(['not-a-declared-function' as FunctionName])).rejects.toThrow();
    }, 60_000);
  });

  /** Functions in the template, by their `mediagraph:function` tag. */
  function templateFunctions(): Map<string, string> {
    const found = new Map<string, string>();
    for (const [logicalId, resource] of ofType('AWS::Lambda::Function')) {
      const tag = ((resource.Properties!.Tags as { Key: string; Value: string }[] | undefined) ?? []).find((entry) => entry.Key === 'mediagraph:function');
      if (tag) found.set(tag.Value, logicalId);
    }
    return found;
  }

  /**
   * What EventBridge would deliver: the targets of the template's rules on the bus the event
   * reaches (S3's `aws.*` events: the default bus; Mediagraph's: its own bus) whose pattern matches.
   */
  function deliveriesOnAws(event: EventBridgeEvent): Delivery[] {
    const functionByLogicalId = new Map([...templateFunctions()].map(([name, logicalId]) => [logicalId, name]));
    const deliveries: Delivery[] = [];
    for (const [, resource] of ofType('AWS::Events::Rule')) {
      const properties = resource.Properties!;
      const onDefaultBus = properties.EventBusName === undefined;
      if (onDefaultBus !== event.source.startsWith('aws.')) continue;
      if (!testEventPattern(properties.EventPattern, event)) continue;
      for (const target of properties.Targets as Record<string, unknown>[]) {
        const appsync = target.AppSyncParameters as { GraphQLOperation: string } | undefined;
        if (appsync) {
          deliveries.push(`appsync:${appsync.GraphQLOperation} ${JSON.stringify(transformInput(target.InputTransformer as InputTransformer, event))}`);
          continue;
        }
        const arn = target.Arn as { 'Fn::GetAtt'?: [string, string] };
        deliveries.push(`function:${functionByLogicalId.get(arn['Fn::GetAtt']?.[0] ?? '') ?? JSON.stringify(target.Arn)}`);
      }
    }
    return deliveries;
  }
});

/**
 * Whether the running engine resolves `field` with a resolver (rather than the parent's property):
 * both check the caller first; a resolver does so asynchronously, a property read synchronously.
 * The probe's caller throws on access, so no resolver ever runs.
 */
async function runsAResolver(field: GraphQLField<unknown, unknown>): Promise<boolean> {
  const probe = new Error('probe');
  const context = {
    get principal(): never {
      throw probe;
    },
  };
  let outcome: unknown;
  try {
    outcome = field.resolve!({}, {}, context, {} as never);
  } catch (error) {
    expect(error).toBe(probe);
    return false;
  }
  await expect(outcome).rejects.toBe(probe);
  return true;
}

interface InputTransformer {
  readonly InputPathsMap: Record<string, string>;
  readonly InputTemplate: string;
}

/** EventBridge's input transformer: each `<name>` in the template becomes the JSON at its path. */
function transformInput(transformer: InputTransformer, event: EventBridgeEvent): unknown {
  let text = transformer.InputTemplate;
  for (const [name, jsonPath] of Object.entries(transformer.InputPathsMap)) {
    const value = jsonPath
      .replace(/^\$\.?/, '')
      .split('.')
      .filter(Boolean)
      .reduce<unknown>((current, step) => (current as Record<string, unknown> | undefined)?.[step], event);
    text = text.split(`<${name}>`).join(JSON.stringify(value));
  }
  return JSON.parse(text);
}

/** An event the pattern matches, built from the first alternative of each field. */
function sampleEvent(pattern: Record<string, unknown>): { source: string; 'detail-type': string; detail: Record<string, unknown> } {
  const sample = sampleObject(pattern);
  return {
    source: String(sample.source ?? 'mediagraph.sample'),
    'detail-type': String(sample['detail-type'] ?? 'Sample'),
    detail: (sample.detail as Record<string, unknown> | undefined) ?? {},
  };
}

function sampleObject(pattern: Record<string, unknown>): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pattern)) {
    sample[key] = Array.isArray(value) ? sampleValue(value[0]) : sampleObject(value as Record<string, unknown>);
  }
  return sample;
}

function sampleValue(matcher: unknown): unknown {
  if (typeof matcher === 'string' || typeof matcher === 'number' || typeof matcher === 'boolean' || matcher === null) return matcher;
  const [operator, operand] = Object.entries(matcher as Record<string, unknown>)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return `${String(operand)}sample`;
    case 'suffix':
      return `sample${String(operand)}`;
    case 'equals-ignore-case':
      return operand;
    case 'wildcard':
      return String(operand).replace(/\*/g, 'sample');
    case 'anything-but':
      return 'sample-anything-but';
    case 'exists':
      return 'sample';
    default:
      throw new Error(`sampleValue: extend the sampler for the "${String(operator)}" matcher`);
  }
}
