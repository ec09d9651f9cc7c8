/**
 * Turns one `start` message into a subscription ready to register, or into the errors AppSync
 * answers with: parse the `data` string, require a subscription operation, authenticate the
 * start's own authorization, coerce variables and arguments, run the hook (validation, auth,
 * resolver), and validate the filters the resolver set.
 */
import { getArgumentValues, getVariableValues, Kind, parse } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { AuthenticationError } from '../types';
import type { Principal } from '../types';
import { parseSubscriptionFilter } from './filters';
import type { SubscriptionFilter } from './filters';
import { startAuthRequest } from './handshake';
import type { Handshake } from './handshake';
import type { RealtimeHooks } from './hooks';
import type { RealtimeError, StartMessage } from './protocol';
import { findRootField } from './shape';

/** Everything needed to register and serve a subscription. */
export interface PreparedSubscription {
  fieldName: string;
  arguments: Record<string, unknown>;
  principal: Principal;
  filter: SubscriptionFilter | undefined;
  invalidationFilter: SubscriptionFilter | undefined;
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Same key ⇒ same shaped payload for every event (document, operation and variables). */
  shapeKey: string;
}

export type PrepareResult = { ok: true; subscription: PreparedSubscription } | { ok: false; errors: RealtimeError[] };

const refuse = (errorType: string, message: string): PrepareResult => ({ ok: false, errors: [{ errorType, message }] });

// What AppSync answers for operations it cannot run over WebSocket; "unknown" when none could be read.
const unsupported = (operation: string): PrepareResult =>
  refuse('UnsupportedOperation', `${operation} not supported through the realtime channel`);

interface RequestData {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

function readData(data: string): RequestData | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { query, variables, operationName } = value as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  const vars = typeof variables === 'object' && variables !== null && !Array.isArray(variables) ? variables : {};
  return {
    query,
    variables: vars as Record<string, unknown>,
    operationName: typeof operationName === 'string' ? operationName : undefined,
  };
}

function selectOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (name !== undefined) return operations.find((operation) => operation.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

async function authenticate(
  hooks: RealtimeHooks,
  message: StartMessage,
  handshake: Handshake,
): Promise<{ principal: Principal } | { errors: RealtimeError[] }> {
  const authorization = message.payload.extensions?.authorization;
  if (!authorization || Object.keys(authorization).length === 0) {
    return { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] };
  }
  try {
    const request = startAuthRequest({ authorization, data: message.payload.data, sourceIp: handshake.sourceIp });
    return { principal: await hooks.authenticator.authenticate(request) };
  } catch (error) {
    if (error instanceof AuthenticationError) return { errors: [{ errorType: error.errorType, message: error.message }] };
    throw error;
  }
}

function mergedHeaders(handshake: Handshake, authorization: Record<string, string> | undefined): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = { ...handshake.requestHeaders };
  for (const [name, value] of Object.entries(authorization ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

interface Coerced {
  variables: Record<string, unknown>;
  arguments: Record<string, unknown>;
  fieldName: string;
  errors: RealtimeError[];
}

function coerce(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, raw: Record<string, unknown>): Coerced {
  const coercedVariables = getVariableValues(schema, operation.variableDefinitions ?? [], raw, { maxErrors: 10 });
  if (coercedVariables.errors) {
    return {
      variables: raw,
      arguments: {},
      fieldName: '',
      errors: coercedVariables.errors.map((error) => ({ errorType: 'BadRequestException', message: error.message })),
    };
  }
  const variables = coercedVariables.coerced;
  const root = findRootField(operation, fragments, variables);
  const fieldName = root?.name.value ?? '';
  const definition = schema.getSubscriptionType()?.getFields()[fieldName];
  if (!root || !definition) {
    return {
      variables,
      arguments: {},
      fieldName,
      errors: [{ errorType: 'BadRequestException', message: `Field '${fieldName}' is not defined on type 'Subscription'.` }],
    };
  }
  try {
    return { variables, arguments: getArgumentValues(definition, root, variables), fieldName, errors: [] };
  } catch (error) {
    return { variables, arguments: {}, fieldName, errors: [{ errorType: 'BadRequestException', message: (error as Error).message }] };
  }
}

/**
 * Prepares the subscription a `start` asks for. Resolves to the errors to send in an `error`
 * message when AppSync would refuse it; rejects only on unexpected failures (hook crash).
 */
export async function prepareSubscription(hooks: RealtimeHooks, message: StartMessage, handshake: Handshake): Promise<PrepareResult> {
  const data = readData(message.payload.data);
  if (!data) return unsupported('unknown');
  let document: DocumentNode;
  try {
    document = parse(data.query);
  } catch {
    return refuse('MalformedHttpRequestException', 'Unable to parse GraphQL query.');
  }
  const operation = selectOperation(document, data.operationName);
  if (!operation) return unsupported('unknown');
  if (operation.operation !== 'subscription') return unsupported(operation.operation);

  const auth = await authenticate(hooks, message, handshake);
  if ('errors' in auth) return { ok: false, errors: auth.errors };

  const { schema } = hooks;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const coerced = coerce(schema, operation, fragments, data.variables);
  const hookResult = await hooks.onSubscribe({
    document,
    variables: data.variables,
    principal: auth.principal,
    fieldName: coerced.fieldName,
    arguments: coerced.arguments,
    headers: mergedHeaders(handshake, message.payload.extensions?.authorization),
  });
  if (hookResult.errors && hookResult.errors.length > 0) return { ok: false, errors: hookResult.errors };
  if (coerced.errors.length > 0) return { ok: false, errors: coerced.errors };

  const filters: Array<SubscriptionFilter | undefined> = [];
  for (const raw of [hookResult.filter, hookResult.invalidationFilter]) {
    if (raw === undefined || raw === null) {
      filters.push(undefined);
      continue;
    }
    const parsed = parseSubscriptionFilter(raw);
    if (!parsed.ok) return refuse('BadRequestException', parsed.error.message);
    filters.push(parsed.filter);
  }
  return {
    ok: true,
    subscription: {
      fieldName: coerced.fieldName,
      arguments: coerced.arguments,
      principal: auth.principal,
      filter: filters[0],
      invalidationFilter: filters[1],
      schema,
      operation,
      fragments,
      variables: coerced.variables,
      shapeKey: `${data.query}\u0000${operation.name?.value ?? ''}\u0000${JSON.stringify(coerced.variables)}`,
    },
  };
}
