/**
 * `ctx.info.selectionSetList` and `ctx.info.selectionSetGraphQL`, as AppSync computes them: the
 * list names fields by alias, nests with `/`, and includes fields from fragments; the GraphQL text
 * keeps fragments as written.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-info-js
 */
import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** Field paths under the resolved field, aliases first, without duplicates. */
export function selectionSetList(
  fieldNodes: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): string[] {
  const paths = new Set<string>();
  for (const node of fieldNodes) {
    if (node.selectionSet) {
      collect(node.selectionSet, '', fragments, paths, new Set());
    }
  }
  return [...paths];
}

function collect(
  selectionSet: SelectionSetNode,
  prefix: string,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  paths: Set<string>,
  visiting: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const name = selection.alias?.value ?? selection.name.value;
        if (name === '__typename') {
          break;
        }
        const path = `${prefix}${name}`;
        paths.add(path);
        if (selection.selectionSet) {
          collect(selection.selectionSet, `${path}/`, fragments, paths, visiting);
        }
        break;
      }
      case Kind.INLINE_FRAGMENT:
        collect(selection.selectionSet, prefix, fragments, paths, visiting);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments[selection.name.value];
        // Validation rejects fragment cycles; `visiting` only guards against a bug elsewhere.
        if (fragment && !visiting.has(fragment.name.value)) {
          visiting.add(fragment.name.value);
          collect(fragment.selectionSet, prefix, fragments, paths, visiting);
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
