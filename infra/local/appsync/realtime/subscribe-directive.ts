/**
 * Reads `@aws_subscribe(mutations: [...])` from the schema: which Subscription fields a mutation
 * field publishes to. Read from each field's AST node, so it works whether or not the schema
 * declares the directive (AppSync supplies it; `schema/appsync.graphql` declares it locally).
 * https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html
 */
import { valueFromASTUntyped } from 'graphql';
import type { GraphQLSchema } from 'graphql';

/** Mutation field name → the Subscription field names it triggers. */
export type SubscriptionIndex = ReadonlyMap<string, readonly string[]>;

/** Builds the mutation → subscriptions index of a schema (empty when it has no Subscription type). */
export function buildSubscriptionIndex(schema: GraphQLSchema): SubscriptionIndex {
  const index = new Map<string, string[]>();
  const subscriptionType = schema.getSubscriptionType();
  if (!subscriptionType) return index;
  for (const field of Object.values(subscriptionType.getFields())) {
    for (const directive of field.astNode?.directives ?? []) {
      if (directive.name.value !== 'aws_subscribe') continue;
      const argument = directive.arguments?.find((arg) => arg.name.value === 'mutations');
      if (!argument) continue;
      const value: unknown = valueFromASTUntyped(argument.value);
      const mutations = Array.isArray(value) ? value : [value];
      for (const mutation of mutations) {
        if (typeof mutation !== 'string') continue;
        const targets = index.get(mutation) ?? [];
        if (!targets.includes(field.name)) targets.push(field.name);
        index.set(mutation, targets);
      }
    }
  }
  return index;
}
