/**
 * Readers for the fields of a resolver's request object. Each names the field by AppSync's path
 * notation (`$[condition][expression]`) in its error, as AppSync's mapping errors do:
 * "Value for field '$[operation]' not found." and "Unsupported element '$[x][y]'.".
 * `undefined` and `null` both count as absent (a JS resolver's `undefined` disappears in JSON).
 */
import { MappingTemplateError } from './dynamodb-errors';
import type { ExpressionParts, ProjectionParts } from './dynamodb-request-types';
import { describeValue, isPlainObject, toSdkItem, type TypedItem } from './dynamodb-typed-values';

export type JsonObject = Record<string, unknown>;

/** `$[a]` + `b` → `$[a][b]`. */
export function child(path: string, name: string | number): string {
  return `${path}[${name}]`;
}

/**
 * Rejects fields AppSync would not accept here.
 * @throws MappingTemplateError "Unsupported element '…'."
 */
export function onlyKnownFields(object: JsonObject, allowed: readonly string[], path: string): void {
  for (const [name, value] of Object.entries(object)) {
    if (value !== undefined && !allowed.includes(name)) {
      throw new MappingTemplateError(`Unsupported element '${child(path, name)}'.`);
    }
  }
}

function missing(path: string): MappingTemplateError {
  return new MappingTemplateError(`Value for field '${path}' not found.`);
}

function wrongType(path: string, expected: string, value: unknown): MappingTemplateError {
  return new MappingTemplateError(`Expected ${expected} for field '${path}' but got ${describeValue(value)}.`);
}

function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** @returns the object at `path` @throws MappingTemplateError when absent or not an object */
export function expectObject(value: unknown, path: string): JsonObject {
  if (isAbsent(value)) throw missing(path);
  if (!isPlainObject(value)) throw wrongType(path, 'an object', value);
  return value;
}

/** @returns the field as an object, or undefined when absent */
export function optionalObject(object: JsonObject, name: string, path: string): JsonObject | undefined {
  const value = object[name];
  return isAbsent(value) ? undefined : expectObject(value, child(path, name));
}

/** @returns the field as a list @throws MappingTemplateError when absent or not a list */
export function requireArray(object: JsonObject, name: string, path: string): unknown[] {
  const value = object[name];
  if (isAbsent(value)) throw missing(child(path, name));
  if (!Array.isArray(value)) throw wrongType(child(path, name), 'a list', value);
  return value;
}

/** @returns the field as a string @throws MappingTemplateError when absent */
export function requireString(object: JsonObject, name: string, path: string): string {
  const value = optionalString(object, name, path);
  if (value === undefined) throw missing(child(path, name));
  return value;
}

/** @returns the field as a string, or undefined when absent */
export function optionalString(object: JsonObject, name: string, path: string): string | undefined {
  const value = object[name];
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'string') throw wrongType(child(path, name), 'a string', value);
  return value;
}

/** @returns the field as a boolean, or `fallback` when absent */
export function booleanOr(object: JsonObject, name: string, path: string, fallback: boolean): boolean {
  const value = object[name];
  if (isAbsent(value)) return fallback;
  if (typeof value !== 'boolean') throw wrongType(child(path, name), 'a boolean', value);
  return value;
}

/** @returns the field as an integer ≥ `minimum`, or undefined when absent */
export function optionalInteger(object: JsonObject, name: string, path: string, minimum: number): number | undefined {
  const value = object[name];
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw wrongType(child(path, name), `an integer ≥ ${minimum}`, value);
  }
  return value;
}

/** @returns the field as a map of typed values @throws MappingTemplateError when absent or invalid */
export function requireItem(object: JsonObject, name: string, path: string): TypedItem {
  const value = object[name];
  if (isAbsent(value)) throw missing(child(path, name));
  return toSdkItem(value, child(path, name));
}

/** @returns the field as a map of typed values, or undefined when absent */
export function optionalItem(object: JsonObject, name: string, path: string): TypedItem | undefined {
  const value = object[name];
  return isAbsent(value) ? undefined : toSdkItem(value, child(path, name));
}

/** @returns the field as a list of strings, or an empty list when absent */
export function stringList(object: JsonObject, name: string, path: string): string[] {
  const value = object[name];
  if (isAbsent(value)) return [];
  if (!Array.isArray(value) || !value.every((element) => typeof element === 'string')) {
    throw wrongType(child(path, name), 'a list of strings', value);
  }
  return value;
}

function optionalNames(object: JsonObject, name: string, path: string): Record<string, string> | undefined {
  const value = optionalObject(object, name, path);
  if (!value) return undefined;
  for (const [placeholder, attribute] of Object.entries(value)) {
    if (typeof attribute !== 'string') throw wrongType(child(child(path, name), placeholder), 'a string', attribute);
  }
  return value as Record<string, string>;
}

/**
 * Reads `{ expression, expressionNames?, expressionValues? }` plus any `extraFields` the caller
 * reads itself.
 * @returns the expression parts
 */
export function readExpression(value: unknown, path: string, extraFields: readonly string[] = []): ExpressionParts {
  const object = expectObject(value, path);
  onlyKnownFields(object, ['expression', 'expressionNames', 'expressionValues', ...extraFields], path);
  return {
    expression: requireString(object, 'expression', path),
    expressionNames: optionalNames(object, 'expressionNames', path),
    expressionValues: optionalItem(object, 'expressionValues', path),
  };
}

/** @returns the optional expression field `name` of `object` */
export function optionalExpression(object: JsonObject, name: string, path: string): ExpressionParts | undefined {
  return isAbsent(object[name]) ? undefined : readExpression(object[name], child(path, name));
}

/** @returns the optional `projection` field (`{ expression, expressionNames? }`) */
export function optionalProjection(object: JsonObject, path: string): ProjectionParts | undefined {
  const value = object.projection;
  if (isAbsent(value)) return undefined;
  const projectionPath = child(path, 'projection');
  const projection = expectObject(value, projectionPath);
  onlyKnownFields(projection, ['expression', 'expressionNames'], projectionPath);
  return {
    expression: requireString(projection, 'expression', projectionPath),
    expressionNames: optionalNames(projection, 'expressionNames', projectionPath),
  };
}
