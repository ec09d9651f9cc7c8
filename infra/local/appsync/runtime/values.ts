/**
 * Guards and copies for values handed over by resolver code. Resolvers run in a `vm` context, so
 * their objects belong to another realm: `instanceof Object`/`instanceof Array` are false for them.
 * Everything here uses `typeof` and `Array.isArray`, which work across realms.
 */

/** A JSON-like object (not null, not an array). Works for objects from any realm. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entries of a resolver object, skipping `undefined` values: AppSync's runtime exchanges
 * JSON-like data, where an undefined property does not exist.
 */
export function definedEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, entry]) => entry !== undefined);
}

/**
 * A deep copy made of this realm's plain objects, arrays and primitives (JSON semantics), so a
 * value recorded from a resolver cannot change afterwards and never leaks the resolver's realm.
 * Returns null for undefined.
 */
export function copyJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/** Describes a value for error messages: `"x"`, `42`, `null`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'object':
      return 'an object';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
  }
  return 'a value';
}
