/**
 * Which schema fields a GraphQL operation calls — what an EventBridge AppSync target's IAM role
 * must be allowed (`appsync:GraphQL` on `types/Mutation/fields/<field>`), read from the declared
 * operation text rather than restated.
 */
import { Kind, parse, type OperationTypeNode } from 'graphql';

/** The root fields of the document's single operation, as `Type.field`. */
export function operationRootFields(operation: string, rootTypes: Readonly<Record<OperationTypeNode, string>>): string[] {
  const document = parse(operation);
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || !operations[0]) {
    throw new Error(`An AppSync target runs exactly one operation, found ${operations.length}`);
  }
  const [definition] = operations;
  const typeName = rootTypes[definition.operation];
  return definition.selectionSet.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD) {
      throw new Error('An AppSync target operation selects its root fields directly (no fragments)');
    }
    return `${typeName}.${selection.name.value}`;
  });
}

/** The schema's root type names (`schema { query: … }`), AppSync's defaults where not given. */
export function schemaRootTypes(schemaSource: string): Record<OperationTypeNode, string> {
  const roots = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as Record<OperationTypeNode, string>;
  for (const definition of parse(schemaSource).definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      for (const operationType of definition.operationTypes) {
        roots[operationType.operation] = operationType.type.name.value;
      }
    }
  }
  return roots;
}
