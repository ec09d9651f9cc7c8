/**
 * `ctx.info.selectionSetList` and `ctx.info.selectionSetGraphQL`, as AppSync computes them: the
 * list names fields by alias, nests with `/`, and holds only fields that belong to the current type
 * (fragments on other types are left out; for an interface or union, only its own fields); the
 * GraphQL text keeps fragments as written.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-info-js
 */
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
} from 'graphql';

/**
 * Field paths under the resolved field, aliases first, without duplicates. `type` is the resolved
 * field's named type: fragments whose type condition names another type are skipped.
 */
export function selectionSetList(
  fieldNodes: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  type?: GraphQLNamedType,
): string[] {
  const paths = new Set<string>();
  for (const node of fieldNodes) {
    if (node.selectionSet) {
      collect(node.selectionSet, '', type, fragments, paths, new Set());
    }
  }
  return [...paths];
}

function collect(
  selectionSet: SelectionSetNode,
  prefix: string,
  type: GraphQLNamedType | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  paths: Set<string>,
  visiting: Set<string>,
): void {
  const belongs = (condition: string | undefined) => condition === undefined || type === undefined || condition === type.name;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const name = selection.alias?.value ?? selection.name.value;
        if (selection.name.value === '__typename') {
          break;
        }
        const path = `${prefix}${name}`;
        paths.add(path);
        if (selection.selectionSet) {
          const fieldType =
            type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[selection.name.value]?.type : undefined;
          collect(selection.selectionSet, `${path}/`, fieldType ? getNamedType(fieldType) : undefined, fragments, paths, visiting);
        }
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (belongs(selection.typeCondition?.name.value)) {
          collect(selection.selectionSet, prefix, type, fragments, paths, visiting);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments[selection.name.value];
        // Validation rejects fragment cycles; `visiting` only guards against a bug elsewhere.
        if (fragment && belongs(fragment.typeCondition.name.value) && !visiting.has(fragment.name.value)) {
          visiting.add(fragment.name.value);
          collect(fragment.selectionSet, prefix, type, fragments, paths, visiting);
          visiting.delete(fragment.name.value);
        }
        break;
      }
    }
  }
}

/** The selection set of the resolved field as GraphQL text (`{ … }`), or an empty string for leaves. */
export function selectionSetGraphQL(fieldNodes: readonly FieldNode[]): string {
  const first = fieldNodes[0];
  return first?.selectionSet ? print(first.selectionSet) : '';
}
