/**
 * The JSONPath subset EventBridge's input paths use to pick values out of an event (`$`,
 * `$.detail`, `$.detail.x`, `$.detail['a b']`, `$.resources[0]`) — how an AppSync target gets its
 * GraphQL variables. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */

/** A path that is not in the supported subset. */
export class JsonPathError extends Error {
  constructor(path: string, reason: string) {
    super(`Invalid JSONPath ${JSON.stringify(path)}: ${reason}`);
    this.name = 'JsonPathError';
  }
}

/**
 * Parses a path into its steps (checked once, when the rules are loaded).
 * @throws {JsonPathError} for anything outside the subset
 * @returns property names and array indexes, in order
 */
export function parseJsonPath(path: string): readonly (string | number)[] {
  if (!path.startsWith('$')) throw new JsonPathError(path, 'must start with $');
  const steps: (string | number)[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const dotted = /^\.([A-Za-z0-9_$-]+)/.exec(rest);
    const quoted = /^\[(?:'([^']*)'|"([^"]*)")\]/.exec(rest);
    const indexed = /^\[(\d+)\]/.exec(rest);
    const match = dotted ?? quoted ?? indexed;
    if (!match) throw new JsonPathError(path, `unexpected ${JSON.stringify(rest)}`);
    steps.push(indexed ? Number(indexed[1]) : ((match[1] ?? match[2]) as string));
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/**
 * Reads the value at a parsed path.
 * @returns the value, or undefined when the event has nothing there
 */
export function readJsonPath(value: unknown, steps: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      current = Array.isArray(current) ? current[step] : undefined;
    } else {
      current = typeof current === 'object' && current !== null && !Array.isArray(current) && Object.hasOwn(current, step) ? (current as Record<string, unknown>)[step] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}
