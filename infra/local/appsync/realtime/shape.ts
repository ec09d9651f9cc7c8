/**
 * Shapes a published mutation result by a subscriber's own selection set, the way AppSync fills
 * subscription events: values come from the mutation result only (no resolver runs), fields the
 * mutation did not select are `null`, aliases and `__typename` are honoured, and a `null` in a
 * non-null position becomes AppSync's error with the null bubbling to the nearest nullable parent.
 * A selection is compiled once per (document, variables) and reused for every event.
 */
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
} from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import type { DataPayload, RealtimeError } from './protocol';

/** A compiled shaping of one subscription selection. */
export interface PayloadShaper {
  /** Response key of the subscription root field (its alias, or its name). */
  readonly responseKey: string;
  /** Schema name of the subscription root field. */
  readonly fieldName: string;
  /** Shapes one published value into the `payload` of a data message. */
  shape(published: unknown): DataPayload;
}

interface CompiledField {
  responseKey: string;
  fieldName: string;
  type: GraphQLOutputType;
  /** Sub-selections merged from every node with this response key (empty for leaves). */
  selectionSets: SelectionSetNode[];
}

interface Context {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Compiled selections per (object type, selection sets) — keyed by the sets array identity. */
  cache: WeakMap<SelectionSetNode[], Map<string, CompiledField[]>>;
}

/** Thrown inside shaping to null out the nearest nullable parent. */
class NullBubble {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isIncluded(node: FieldNode | { directives?: FieldNode['directives'] }, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

function typeConditionApplies(ctx: Context, conditionName: string | undefined, type: GraphQLObjectType): boolean {
  if (conditionName === undefined || conditionName === type.name) return true;
  const condition = ctx.schema.getType(conditionName);
  return condition !== undefined && isAbstractType(condition) && ctx.schema.isSubType(condition, type);
}

function collect(
  ctx: Context,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  into: Map<string, { fieldName: string; nodes: FieldNode[] }>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(selection, ctx.variables)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = selection.alias?.value ?? selection.name.value;
        const entry = into.get(key) ?? { fieldName: selection.name.value, nodes: [] };
        entry.nodes.push(selection);
        into.set(key, entry);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (typeConditionApplies(ctx, selection.typeCondition?.name.value, type)) {
          collect(ctx, type, selection.selectionSet, into, visited);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = ctx.fragments.get(name);
        if (!fragment || visited.has(name)) break;
        visited.add(name);
        if (typeConditionApplies(ctx, fragment.typeCondition.name.value, type)) {
          collect(ctx, type, fragment.selectionSet, into, visited);
        }
        break;
      }
    }
  }
}

function fieldType(type: GraphQLObjectType, fieldName: string): GraphQLOutputType | undefined {
  if (fieldName === '__typename') return undefined;
  const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[fieldName];
  return field?.type;
}

function compileSelection(ctx: Context, type: GraphQLObjectType, selectionSets: SelectionSetNode[]): CompiledField[] {
  const byType = ctx.cache.get(selectionSets) ?? new Map<string, CompiledField[]>();
  ctx.cache.set(selectionSets, byType);
  const cached = byType.get(type.name);
  if (cached) return cached;
  const grouped = new Map<string, { fieldName: string; nodes: FieldNode[] }>();
  for (const set of selectionSets) collect(ctx, type, set, grouped, new Set());
  const compiled: CompiledField[] = [];
  for (const [responseKey, { fieldName, nodes }] of grouped) {
    const outputType = fieldType(type, fieldName);
    if (fieldName !== '__typename' && outputType === undefined) continue; // left to validation
    compiled.push({
      responseKey,
      fieldName,
      type: outputType ?? type,
      selectionSets: nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
    });
  }
  byType.set(type.name, compiled);
  return compiled;
}

type Path = ReadonlyArray<string | number>;

function nullError(type: GraphQLOutputType, parentName: string, path: Path): RealtimeError {
  // AppSync's wording: "Cannot return null for non-nullable type: 'AWSDateTime' within parent
  // 'Todo' (/newTodo/created)".
  const typeName = getNamedType(type).name;
  return {
    message: `Cannot return null for non-nullable type: '${typeName}' within parent '${parentName}' (/${path.join('/')})`,
    path,
  };
}

function runtimeObjectType(ctx: Context, type: GraphQLOutputType, value: Record<string, unknown>): GraphQLObjectType | undefined {
  if (isObjectType(type)) return type;
  if (!isAbstractType(type)) return undefined;
  const candidate = typeof value.__typename === 'string' ? ctx.schema.getType(value.__typename) : undefined;
  return candidate && isObjectType(candidate) && ctx.schema.isSubType(type, candidate) ? candidate : undefined;
}

function completeValue(
  ctx: Context,
  type: GraphQLOutputType,
  field: CompiledField,
  value: unknown,
  parentName: string,
  path: Path,
  errors: RealtimeError[],
): unknown {
  if (isNonNullType(type)) {
    const completed = completeValue(ctx, type.ofType, field, value, parentName, path, errors);
    if (completed === null) {
      errors.push(nullError(type.ofType, parentName, path));
      throw new NullBubble();
    }
    return completed;
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) return null;
    return value.map((item, index) => completeNullable(ctx, type.ofType, field, item, parentName, [...path, index], errors));
  }
  if (isLeafType(type)) return value; // already serialized by the mutation's own execution
  if (!isRecord(value)) return null;
  const objectType = runtimeObjectType(ctx, type, value);
  if (!objectType) return null;
  return shapeObject(ctx, objectType, compileSelection(ctx, objectType, field.selectionSets), value, path, errors);
}

function completeNullable(
  ctx: Context,
  type: GraphQLOutputType,
  field: CompiledField,
  value: unknown,
  parentName: string,
  path: Path,
  errors: RealtimeError[],
): unknown {
  if (isNonNullType(type)) return completeValue(ctx, type, field, value, parentName, path, errors);
  try {
    return completeValue(ctx, type, field, value, parentName, path, errors);
  } catch (bubble) {
    if (bubble instanceof NullBubble) return null;
    throw bubble;
  }
}

function shapeObject(
  ctx: Context,
  type: GraphQLObjectType,
  fields: CompiledField[],
  value: Record<string, unknown>,
  path: Path,
  errors: RealtimeError[],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const fieldPath = [...path, field.responseKey];
    if (field.fieldName === '__typename') {
      result[field.responseKey] = type.name;
      continue;
    }
    result[field.responseKey] = completeNullable(ctx, field.type, field, value[field.fieldName], type.name, fieldPath, errors);
  }
  return result;
}

/** A subscription operation with no root field, or one the schema does not know. */
export class InvalidSubscriptionSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSubscriptionSelectionError';
  }
}

/**
 * Finds the subscription's root field node (after `@skip`/`@include` and fragments). AppSync, like
 * GraphQL, allows exactly one root field in a subscription; validation elsewhere enforces that.
 */
export function findRootField(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): FieldNode | undefined {
  const visit = (set: SelectionSetNode, seen: Set<string>): FieldNode | undefined => {
    for (const selection of set.selections) {
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) return selection;
      const nested =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : seen.has(selection.name.value)
            ? undefined
            : fragments.get(selection.name.value)?.selectionSet;
      if (selection.kind === Kind.FRAGMENT_SPREAD) seen.add(selection.name.value);
      const found = nested ? visit(nested, seen) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return visit(operation.selectionSet, new Set());
}

/**
 * Compiles the shaping of one subscription operation. Throws
 * {@link InvalidSubscriptionSelectionError} when the operation has no root field the schema's
 * Subscription type defines.
 */
export function compilePayloadShaper(args: {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}): PayloadShaper {
  const { schema, operation, fragments, variables } = args;
  const subscriptionType = schema.getSubscriptionType();
  if (!subscriptionType) throw new InvalidSubscriptionSelectionError('The schema has no Subscription type.');
  const root = findRootField(operation, fragments, variables);
  if (!root) throw new InvalidSubscriptionSelectionError('The subscription selects no field.');
  const fieldName = root.name.value;
  const definition = subscriptionType.getFields()[fieldName];
  if (!definition) {
    throw new InvalidSubscriptionSelectionError(`Field '${fieldName}' is not defined on type 'Subscription'.`);
  }
  const ctx: Context = { schema, fragments, variables, cache: new WeakMap() };
  const responseKey = root.alias?.value ?? fieldName;
  const rootField: CompiledField = {
    responseKey,
    fieldName,
    type: definition.type,
    selectionSets: root.selectionSet ? [root.selectionSet] : [],
  };
  return {
    responseKey,
    fieldName,
    shape(published: unknown): DataPayload {
      const errors: RealtimeError[] = [];
      let data: Record<string, unknown> | null;
      try {
        data = {
          [responseKey]: completeNullable(ctx, rootField.type, rootField, published, subscriptionType.name, [responseKey], errors),
        };
      } catch (bubble) {
        if (!(bubble instanceof NullBubble)) throw bubble;
        data = null;
      }
      return errors.length > 0 ? { data, errors } : { data };
    },
  };
}
