import { beforeAll, describe, expect, it } from 'vitest';
import { projectDeclarations, type FunctionAccessSpec } from '../../../../../infra/cdk/declarations';
import { deadLetterConsumersOf } from '../../../../../infra/cdk/constructs/functions';
import { functionDeclarations } from '../../../../../infra/functions';
import { rules } from '../../../../../infra/events';
import { s3ActionsFor } from '../../../../../infra/cdk/iam/bucket-access';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../../../../infra/cdk/iam/table-access';
import { functionsByName, logicalIdOf, render, resourcesOfType, roleStatements, synthesizeStack, type Statement, type SynthesizedStack } from '../synthesized-stack';

describe('Construct: MediagraphFunctions (from infra/functions.ts)', () => {
  let synthesized: SynthesizedStack;
  let functions: ReturnType<typeof functionsByName>;
  let ids: { table: string; bucket: string; bus: string; api: string; queue: string };
  const statementsOf = (name: string): Statement[] => {
    const role = render(functions.get(name)!.properties.Role).replace(/^\$\{(.+)\.Arn\}$/, '$1');
    return roleStatements(synthesized.resources, role);
  };
  const accessOf = (name: string): FunctionAccessSpec => projectDeclarations.functions[name]!.access;

  beforeAll(async () => {
    synthesized = await synthesizeStack();
    functions = functionsByName(synthesized.resources);
    const { stack } = synthesized;
    ids = {
      table: logicalIdOf(stack.data.table),
      bucket: logicalIdOf(stack.storage.bucket),
      bus: logicalIdOf(stack.events.bus),
      api: logicalIdOf(stack.api.api),
      queue: logicalIdOf(stack.events.deadLetterQueue),
    };
  }, 120_000);

  it('builds one function per declaration, and no other', () => {
    expect([...functions.keys()].sort()).toEqual(Object.keys(functionDeclarations).sort());
  });

  it.each(Object.entries(functionDeclarations))('%s: Node 22, memory, timeout, reserved concurrency and async retries as declared', (name, declaration) => {
    // Prepare
    const { logicalId, properties } = functions.get(name)!;
    const [, invokeConfig] = resourcesOfType(synthesized.resources, 'AWS::Lambda::EventInvokeConfig').find(
      ([, config]) => render(config.FunctionName) === `\${${logicalId}}`,
    )!;

    // Assess
    expect(properties.Runtime).toBe('nodejs22.x');
    expect(properties.Handler).toBe('index.handler');
    expect(properties.MemorySize).toBe(declaration.memoryMb);
    expect(properties.Timeout).toBe(declaration.timeoutSeconds);
    expect(properties.ReservedConcurrentExecutions).toBe(declaration.concurrency);
    expect(invokeConfig.MaximumRetryAttempts).toBe(declaration.asyncRetries);
  });

  it.each(Object.keys(functionDeclarations))('%s: arm64 unless it ships native code or executables', (name) => {
    // Prepare
    const plan = synthesized.stack.functions.plans.get(name)!;
    const platformSpecific = plan.nodeModules.length > 0 || plan.executables.length > 0;

    // Assess
    expect(functions.get(name)!.properties.Architectures).toEqual([platformSpecific ? 'x86_64' : 'arm64']);
  });

  it('builds ingest for x86_64 with sharp installed beside the bundle and ffprobe shipped (it uses both)', () => {
    // Prepare
    const plan = synthesized.stack.functions.plans.get('ingest')!;

    // Assess
    expect(functions.get('ingest')!.properties.Architectures).toEqual(['x86_64']);
    expect(plan.nodeModules).toContain('sharp');
    expect(plan.executables.map((executable) => executable.name).sort()).toEqual(['ffmpeg', 'ffprobe']);
    expect(plan.stubbedModules).toEqual([]);
  });

  it('leaves the packages only local adapters load out of the analyzers (no TensorFlow, onnxruntime in Lambda)', () => {
    // Prepare
    const analyzers = Object.entries(functionDeclarations).filter(([, declaration]) => 'ai' in declaration.access);

    // Assess
    expect(analyzers.length).toBeGreaterThan(0);
    for (const [name] of analyzers) {
      const plan = synthesized.stack.functions.plans.get(name)!;
      expect(plan.nodeModules, name).not.toContain('onnxruntime-node');
      expect(plan.graph.packages.has('onnxruntime-node'), name).toBe(false);
    }
  });

  it.each(Object.keys(functionDeclarations))('%s: environment of functions/config.ts, AWS runtime', (name) => {
    // Prepare
    const environment = (functions.get(name)!.properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const consumer = deadLetterConsumersOf(projectDeclarations).includes(name);

    // Assess
    expect(environment.MEDIAGRAPH_RUNTIME).toBe('aws');
    expect(render(environment.TABLE_NAME)).toBe(`\${${ids.table}}`);
    expect(render(environment.MEDIA_BUCKET)).toBe(`\${${ids.bucket}}`);
    expect(render(environment.EVENT_BUS_NAME)).toBe(`\${${ids.bus}}`);
    expect(render(environment.APPSYNC_URL)).toBe(`\${${ids.api}.GraphQLUrl}`);
    expect(environment.SCRATCH_DIR).toBe('/tmp');
    expect(environment.AWS_REGION).toBeUndefined();
    expect(environment.DEAD_LETTER_QUEUE_URL === undefined, name).toBe(!consumer);
    if (consumer) {
      expect(render(environment.DEAD_LETTER_QUEUE_URL)).toBe(`\${${ids.queue}}`);
    }
  });

  it('gives rule targets the rules’ dead-letter queue for failed asynchronous invocations', () => {
    // Prepare
    const targets = new Set<string>(rules.flatMap((rule) => rule.targets.flatMap((target) => (target.kind === 'function' ? [target.function] : []))));

    // Assess
    for (const [name, { properties }] of functions) {
      const deadLetter = properties.DeadLetterConfig as { TargetArn: unknown } | undefined;
      expect(deadLetter === undefined, name).toBe(!targets.has(name));
      if (deadLetter) {
        expect(render(deadLetter.TargetArn)).toBe(`\${${ids.queue}.Arn}`);
      }
    }
  });

  describe('least privilege, from `access`', () => {
    it.each(Object.keys(functionDeclarations))('%s: no wildcard action, and no wildcard resource but declared prefixes and AI actions', (name) => {
      // Prepare
      const statements = statementsOf(name);

      // Assess
      for (const statement of statements) {
        expect(statement.actions.some((action) => action.includes('*')), JSON.stringify(statement)).toBe(false);
        for (const resource of statement.resources) {
          if (resource === '*') {
            expect(statement.actions.every((action) => /^(rekognition|transcribe|comprehend):/.test(action)), JSON.stringify(statement)).toBe(true);
            continue;
          }
          if (resource.startsWith(`\${${ids.bucket}.Arn}/`)) {
            const prefix = resource.slice(`\${${ids.bucket}.Arn}/`.length, -1);
            expect(resource.endsWith('/*') && accessOf(name).bucket?.some((entry) => entry.prefix === prefix), resource).toBe(true);
            continue;
          }
          expect(resource.includes('*'), resource).toBe(false);
        }
      }
    });

    it.each(Object.keys(functionDeclarations))('%s: the table (and each declared index) at the declared level only', (name) => {
      // Prepare
      const access = accessOf(name);
      const tableArn = `\${${ids.table}.Arn}`;
      const dynamo = statementsOf(name).filter((statement) => statement.actions.some((action) => action.startsWith('dynamodb:')));
      const tableActions = dynamo.filter((statement) => statement.resources.includes(tableArn)).flatMap((statement) => statement.actions);
      const indexResources = dynamo.flatMap((statement) => statement.resources.filter((resource) => resource !== tableArn));

      // Assess
      if (!access.table) {
        expect(dynamo).toEqual([]);
        return;
      }
      const expected = access.table === 'read' ? [...TABLE_READ_ACTIONS] : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
      expect(tableActions.sort()).toEqual(expected.sort());
      expect(indexResources.sort()).toEqual(projectDeclarations.table.globalSecondaryIndexes.map((index) => `${tableArn}/index/${index.indexName}`).sort());
      expect(dynamo.flatMap((statement) => statement.actions)).not.toContain('dynamodb:Scan');
    });

    it.each(Object.keys(functionDeclarations))('%s: bucket actions only on the declared prefixes', (name) => {
      // Prepare
      const declared = accessOf(name).bucket ?? [];
      const s3 = statementsOf(name).filter((statement) => statement.actions.some((action) => action.startsWith('s3:')));
      const granted = new Map<string, Set<string>>();
      for (const statement of s3) {
        for (const resource of statement.resources) {
          const actions = granted.get(resource) ?? new Set<string>();
          statement.actions.forEach((action) => actions.add(action));
          granted.set(resource, actions);
        }
      }

      // Assess
      expect([...granted.keys()].sort()).toEqual(declared.map((entry) => `\${${ids.bucket}.Arn}/${entry.prefix}*`).sort());
      for (const entry of declared) {
        expect([...granted.get(`\${${ids.bucket}.Arn}/${entry.prefix}*`)!].sort()).toEqual([...new Set(entry.actions.flatMap(s3ActionsFor))].sort());
      }
    });

    it.each(Object.keys(functionDeclarations))('%s: events:PutEvents on the Mediagraph bus only when declared', (name) => {
      // Prepare
      const events = statementsOf(name).filter((statement) => statement.actions.some((action) => action.startsWith('events:')));

      // Assess
      expect(events).toEqual(accessOf(name).events === 'put' ? [{ actions: ['events:PutEvents'], resources: [`\${${ids.bus}.Arn}`] }] : []);
    });

    it.each(Object.keys(functionDeclarations))('%s: appsync:GraphQL on exactly the declared fields', (name) => {
      // Prepare
      const fieldArn = (field: string) => {
        const [typeName, fieldName] = field.split('.');
        return `arn:\${AWS::Partition}:appsync:\${AWS::Region}:\${AWS::AccountId}:apis/\${${ids.api}.ApiId}/types/${typeName}/fields/${fieldName}`;
      };
      const appsync = statementsOf(name).filter((statement) => statement.actions.includes('appsync:GraphQL'));

      // Assess
      expect(appsync.flatMap((statement) => statement.resources).sort()).toEqual((accessOf(name).api ?? []).map(fieldArn).sort());
    });

    it.each(Object.keys(functionDeclarations))('%s: AI actions only of the declared services, each an exact action its code sends', (name) => {
      // Prepare
      const declared = accessOf(name).ai ?? [];
      const plan = synthesized.stack.functions.plans.get(name)!;
      const ai = statementsOf(name)
        .flatMap((statement) => statement.actions)
        .filter((action) => /^(rekognition|transcribe|comprehend):/.test(action));

      // Assess
      for (const action of ai) {
        const [service, operation] = action.split(':') as [string, string];
        expect(declared, action).toContain(service);
        expect(plan.graph.awsSdkCommands.get(`@aws-sdk/client-${service}`)?.has(operation), action).toBe(true);
      }
      for (const service of declared) {
        expect(ai.some((action) => action.startsWith(`${service}:`)), service).toBe(true);
      }
    });

    it('lets the dead-letter consumer receive, delete and release messages of the dead-letter queue, nobody else', () => {
      // Prepare
      const consumers = deadLetterConsumersOf(projectDeclarations);

      // Assess
      expect(consumers.length).toBeGreaterThan(0);
      for (const name of functions.keys()) {
        const sqs = statementsOf(name).filter((statement) => statement.actions.some((action) => action.startsWith('sqs:') && action !== 'sqs:SendMessage'));
        expect(sqs, name).toEqual(
          consumers.includes(name) ? [{ actions: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:ReceiveMessage'], resources: [`\${${ids.queue}.Arn}`] }] : [],
        );
      }
    });
  });
});
