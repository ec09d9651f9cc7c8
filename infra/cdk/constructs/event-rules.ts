/**
 * One EventBridge rule per rule in infra/events.ts, with the declared pattern, targets and retry
 * policy, each target dead-lettering into the shared queue. S3 sends its events to the account's
 * default bus, so rules matching only `aws.*` sources live there; the others on the Mediagraph bus.
 * AppSync targets use EventBridge's native AppSync target: the declared operation, variables taken
 * from the event by JSONPath (an input transformer), signed with a role allowed exactly the
 * operation's fields.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/target-appsync.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 */
import { Duration } from 'aws-cdk-lib';
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { EventField, Rule, RuleTargetInput, type EventPattern, type IEventBus, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { AppSync, LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { OperationTypeNode } from 'graphql';
import type { RuleSpec, RuleTargetSpec } from '../declarations';
import { apiFieldStatement } from '../iam/api-access';
import { operationRootFields } from '../operation-fields';

export interface EventRulesProps {
  readonly rules: readonly RuleSpec[];
  readonly bus: IEventBus;
  readonly deadLetterQueue: IQueue;
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly api: IGraphqlApi;
  readonly rootTypes: Readonly<Record<OperationTypeNode, string>>;
}

/** The rules, by declared name. */
export class EventRules extends Construct {
  readonly rules: ReadonlyMap<string, Rule>;

  constructor(scope: Construct, id: string, props: EventRulesProps) {
    super(scope, id);
    const rules = new Map<string, Rule>();
    for (const declaration of props.rules) {
      const rule = new Rule(this, declaration.name, {
        description: declaration.description,
        eventPattern: eventPatternOf(declaration.pattern),
        // Undefined = the account's default bus, where AWS services (S3) put their events.
        ...(onDefaultBus(declaration.pattern) ? {} : { eventBus: props.bus }),
      });
      declaration.targets.forEach((target, index) => rule.addTarget(this.targetFor(declaration, target, index, props)));
      rules.set(declaration.name, rule);
    }
    this.rules = rules;
  }

  private targetFor(declaration: RuleSpec, target: RuleTargetSpec, index: number, props: EventRulesProps): IRuleTarget {
    const delivery = {
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: declaration.retry.maximumRetryAttempts,
      maxEventAge: Duration.seconds(declaration.retry.maximumEventAgeSeconds),
    };
    switch (target.kind) {
      case 'function': {
        const fn = props.functions.get(target.function);
        if (!fn) {
          throw new Error(`Rule ${declaration.name} targets function ${target.function}, which infra/functions.ts does not declare`);
        }
        return new LambdaFunction(fn, delivery);
      }
      case 'appsync': {
        const role = new Role(this, `${declaration.name}Target${index}Role`, {
          assumedBy: new ServicePrincipal('events.amazonaws.com'),
          description: `EventBridge rule ${declaration.name} to AppSync`,
        });
        role.addToPrincipalPolicy(apiFieldStatement(props.api, operationRootFields(target.operation, props.rootTypes)));
        return new AppSync(props.api, {
          ...delivery,
          graphQLOperation: target.operation,
          variables: RuleTargetInput.fromObject(variablesFromEvent(declaration.name, target.variables)),
          eventRole: role,
        });
      }
      default: {
        const unexpected: never = target;
        throw new Error(`Unknown rule target ${JSON.stringify(unexpected)}`);
      }
    }
  }
}

/** True when every source the pattern matches is an AWS service's (`aws.s3`): those events reach only the default bus. */
export function onDefaultBus(pattern: RuleSpec['pattern']): boolean {
  const sources = pattern.source;
  return Array.isArray(sources) && sources.length > 0 && sources.every((source) => typeof source === 'string' && source.startsWith('aws.'));
}

const PATTERN_KEYS: Readonly<Record<string, keyof EventPattern>> = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
  detail: 'detail',
};

/** The declared JSON pattern in CDK's shape (CDK writes it back as the same JSON). */
export function eventPatternOf(pattern: RuleSpec['pattern']): EventPattern {
  const translated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pattern)) {
    const cdkKey = PATTERN_KEYS[key];
    if (!cdkKey) {
      throw new Error(`Event pattern field "${key}" is not an EventBridge envelope field`);
    }
    translated[cdkKey] = value;
  }
  return translated as EventPattern;
}

/** `{ input: '$.detail' }` → the same object with each path read from the event. */
function variablesFromEvent(rule: string, variables: Readonly<Record<string, string>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, jsonPath] of Object.entries(variables)) {
    if (!jsonPath.startsWith('$')) {
      throw new Error(`Rule ${rule}: variable ${name} must be a JSONPath into the event, got "${jsonPath}"`);
    }
    fields[name] = EventField.fromPath(jsonPath);
  }
  return fields;
}
