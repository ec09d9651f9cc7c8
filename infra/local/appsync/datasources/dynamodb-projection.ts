/**
 * Projection helpers for BatchGetItem: DynamoDB returns batch items unordered, so the key
 * attributes are projected too (to match items to the requested keys) and removed again from the
 * result when the resolver's projection did not ask for them.
 */
import type { ProjectionParts } from './dynamodb-request-types';

/** Placeholder prefix for the added key attributes; unlikely to clash with a resolver's names. */
const KEY_PLACEHOLDER = '#mgKey';

/**
 * Adds the key attributes to a projection.
 * @returns a projection that also returns `keyNames`
 */
export function projectionWithKeys(projection: ProjectionParts, keyNames: readonly string[]): ProjectionParts {
  const names: Record<string, string> = { ...projection.expressionNames };
  const extra = keyNames.map((name, index) => {
    names[`${KEY_PLACEHOLDER}${index}`] = name;
    return `${KEY_PLACEHOLDER}${index}`;
  });
  return { expression: [projection.expression, ...extra].join(', '), expressionNames: names };
}

/**
 * The top-level attribute names a projection asks for (`a.b, #c[0]` → `a`, and what `#c` names).
 * @returns the set of names
 */
export function projectedTopLevelNames(projection: ProjectionParts): Set<string> {
  const names = new Set<string>();
  for (const path of projection.expression.split(',')) {
    const first = path.trim().split(/[.[]/)[0]?.trim() ?? '';
    if (first === '') continue;
    names.add(first.startsWith('#') ? (projection.expressionNames?.[first] ?? first) : first);
  }
  return names;
}
