/**
 * Executes GraphQL operations like AppSync: parse and validate against the schema, authorize every
 * field from the schema's directives, run declared fields through their APPSYNC_JS resolvers and
 * the rest as property reads, then hand mutation results to the real-time side.
 */
import {
  execute,
  getLocation,
  getNamedType,
  getOperationAST,
  GraphQLError,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { allows, buildAccessTable, isAuthorized, unauthorizedMessage, type AccessTable } from './authorization';
import { AppSyncFieldError, toAppSyncError } from './errors';
import { executeResolver, type ExecutableResolver, type ResolverInfo } from './resolver-executor';
import type { ResolverRuntime } from './runtime';
import { selectionSetGraphQL, selectionSetList } from './selection-set';
import type { AppSyncGraphQLError, AuthMode, Principal } from './types';

/** Where mutation results go: the real-time server's fan-out. */
export interface MutationPublisher {
  publish(event: { mutationField: string; result: unknown }): void;
  invalidate(event: { subscriptionField: string; payload: Record<string, unknown> }): void;
}

export interface GraphQLEngineOptions {
  schema: GraphQLSchema;
  /** `Type.field` → its resolver. */
  resolvers: ReadonlyMap<string, ExecutableResolver>;
  runtime: ResolverRuntime;
  /** `ctx.env` for every resolver. */
  env: Readonly<Record<string, string>>;
  defaultMode: AuthMode;
  /** Parsed and validated documents kept for reuse. @default 500 */
  documentCacheSize?: number;
}

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  principal: Principal;
  headers: Record<string, string | undefined>;
  requestId: string;
  domainName?: string | null;
}

/** The body AppSync sends back for an operation. */
export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: AppSyncGraphQLError[];
}

/** What happens when a client subscribes (run before the subscription is acknowledged). */
export interface SubscribeOutcome {
  errors?: AppSyncGraphQLError[];
  filter?: unknown;
  invalidationFilter?: unknown;
}

export interface GraphQLEngine {
  readonly schema: GraphQLSchema;
  execute(request: OperationRequest): Promise<GraphQLResponseBody>;
  /** True when the operation to run is a subscription (which belongs on the real-time endpoint). */
  isSubscription(query: string, operationName: string | null): boolean;
  /** Validates a subscription document (cached like queries). */
  prepare(query: string): { document: DocumentNode } | { errors: AppSyncGraphQLError[] };
  /** Authorizes a subscription field and runs its resolver, yielding AppSync's filters. */
  subscribe(request: {
    document: DocumentNode;
    variables: Record<string, unknown>;
    principal: Principal;
    fieldName: string;
    arguments: Record<string, unknown>;
    headers: Record<string, string | undefined>;
    requestId: string;
  }): Promise<SubscribeOutcome>;
  /** Connects the real-time side (created after the engine). */
  setPublisher(publisher: MutationPublisher): void;
}

interface ExecutionContext {
  principal: Principal;
  headers: Record<string, string | undefined>;
  requestId: string;
  domainName: string | null;
  variables: Record<string, unknown>;
  appendedErrors: AppSyncGraphQLError[];
  invalidations: { subscriptionField: string; payload: Record<string, unknown> }[];
}

/** Builds the engine; installs one resolve function per field of the (engine-owned) schema. */
export function createGraphQLEngine(options: GraphQLEngineOptions): GraphQLEngine {
  const { schema, runtime, env } = options;
  const access = buildAccessTable(schema, options.defaultMode);
  const documents = new DocumentCache(options.documentCacheSize ?? 500, schema);
  let publisher: MutationPublisher | null = null;

  installResolvers(schema, access, options.resolvers, runtime, env);

  return {
    schema,
    setPublisher(next) {
      publisher = next;
    },
    prepare(query) {
      return documents.get(query);
    },
    isSubscription(query, operationName) {
      const prepared = documents.get(query);
      return 'document' in prepared && getOperationAST(prepared.document, operationName ?? undefined)?.operation === 'subscription';
    },
    async execute(request) {
      const prepared = documents.get(request.query);
      if ('errors' in prepared) {
        // AppSync answers a document that does not validate with `"data": null` beside the errors.
        return { data: null, errors: prepared.errors };
      }
      const operation = getOperationAST(prepared.document, request.operationName ?? undefined);
      if (!operation) {
        return { errors: [requestError(request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.')] };
      }
      if (operation.operation === 'subscription') {
        // Subscriptions are served by the real-time endpoint, as on AppSync.
        return { errors: [requestError('Subscriptions are not supported over HTTP; connect to the real-time endpoint /graphql/realtime.', 'UnsupportedOperation')] };
      }
      const context: ExecutionContext = {
        principal: request.principal,
        headers: withoutCookies(request.headers),
        requestId: request.requestId,
        domainName: request.domainName ?? null,
        variables: request.variables ?? {},
        appendedErrors: [],
        invalidations: [],
      };
      const result = await execute({
        schema,
        document: prepared.document,
        variableValues: request.variables ?? undefined,
        operationName: request.operationName ?? undefined,
        contextValue: context,
      });
      const errors = [...(result.errors ?? []).map(toAppSyncError), ...context.appendedErrors];
      if (operation.operation === 'mutation' && result.data && publisher) {
        publishMutation(publisher, operation.selectionSet.selections, result.data, result.errors ?? []);
        for (const invalidation of context.invalidations) {
          publisher.invalidate(invalidation);
        }
      }
      const body: GraphQLResponseBody = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
      if (errors.length > 0) {
        body.errors = errors;
      }
      return body;
    },
    async subscribe(request) {
      const subscriptionType = schema.getSubscriptionType();
      const field = subscriptionType?.getFields()[request.fieldName];
      if (!subscriptionType || !field) {
        return { errors: [requestError(`Unknown subscription field ${request.fieldName}`)] };
      }
      if (!isAuthorized(access, subscriptionType.name, field.name, request.principal)) {
        return { errors: [{ message: unauthorizedMessage(subscriptionType.name, field.name), errorType: 'Unauthorized' }] };
      }
      const resolver = options.resolvers.get(`${subscriptionType.name}.${field.name}`);
      if (!resolver) {
        return {};
      }
      const fieldNode = findRootField(request.document, request.fieldName);
      const outcome = await executeResolver(
        resolver,
        {
          arguments: request.arguments,
          source: null,
          principal: request.principal,
          info: lazyInfo(field.name, subscriptionType.name, request.variables, fieldNode ? [fieldNode] : [], fragmentsOf(request.document), getNamedType(field.type)),
          headers: withoutCookies(request.headers),
          domainName: null,
          env,
          requestId: request.requestId,
        },
        runtime,
      );
      if (outcome.error) {
        return { errors: [outcome.error] };
      }
      return { filter: outcome.subscriptionFilter, invalidationFilter: outcome.subscriptionInvalidationFilter };
    },
  };
}

/** Publishes each successfully resolved top-level mutation field to its subscribers. */
function publishMutation(
  publisher: MutationPublisher,
  selections: readonly SelectionNode[],
  data: Record<string, unknown>,
  errors: readonly GraphQLError[],
): void {
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD) {
      continue;
    }
    const responseKey = selection.alias?.value ?? selection.name.value;
    const value = data[responseKey];
    const failed = errors.some((e) => e.path?.[0] === responseKey && e.path.length === 1);
    if (value !== null && value !== undefined && !failed) {
      publisher.publish({ mutationField: selection.name.value, result: value });
    }
  }
}

function installResolvers(
  schema: GraphQLSchema,
  access: AccessTable,
  resolvers: ReadonlyMap<string, ExecutableResolver>,
  runtime: ResolverRuntime,
  env: Readonly<Record<string, string>>,
): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const guard = fieldGuard(access, type.name, field.name, getNamedType(field.type).name);
      const resolver = resolvers.get(`${type.name}.${field.name}`);
      field.resolve = resolver ? resolverField(guard, resolver, runtime, env) : propertyField(guard, field.name);
    }
  }
}

/** Checks one field for a caller; decided from directives read once, at start-up. */
type FieldGuard = (principal: Principal) => void;

/** The field's own (or its type's) directives, then the directives of the type it returns. */
function fieldGuard(access: AccessTable, typeName: string, fieldName: string, returnTypeName: string): FieldGuard {
  const ownAccess = access.get(`${typeName}.${fieldName}`);
  const returnAccess = access.get(returnTypeName);
  return (principal) => {
    if (!allows(ownAccess, principal)) {
      throw new AppSyncFieldError({ message: unauthorizedMessage(typeName, fieldName), errorType: 'Unauthorized' });
    }
    if (returnAccess !== undefined && !allows(returnAccess, principal)) {
      // AppSync names the returned type when that type's directives refuse the caller.
      throw new AppSyncFieldError({ message: unauthorizedMessage(returnTypeName, fieldName), errorType: 'Unauthorized' });
    }
  };
}

/** A field without a resolver: AppSync returns the parent's property of the same name. */
function propertyField(guard: FieldGuard, name: string): GraphQLFieldResolver<unknown, ExecutionContext> {
  return (source, _args, context) => {
    guard(context.principal);
    return source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined;
  };
}

function resolverField(
  guard: FieldGuard,
  resolver: ExecutableResolver,
  runtime: ResolverRuntime,
  env: Readonly<Record<string, string>>,
): GraphQLFieldResolver<unknown, ExecutionContext> {
  return async (source, args, context, info) => {
    guard(context.principal);
    const outcome = await executeResolver(
      resolver,
      {
        arguments: { ...args },
        source,
        principal: context.principal,
        info: lazyInfo(info.fieldName, info.parentType.name, context.variables, info.fieldNodes, info.fragments, getNamedType(info.returnType)),
        headers: context.headers,
        domainName: context.domainName,
        env,
        requestId: context.requestId,
      },
      runtime,
    );
    if (outcome.appendedErrors.length > 0) {
      const path = pathOf(info);
      for (const appended of outcome.appendedErrors) {
        context.appendedErrors.push({ path, data: null, errorInfo: null, locations: locationsOf(info), ...appended });
      }
    }
    if (outcome.invalidations.length > 0) {
      context.invalidations.push(...outcome.invalidations);
    }
    if (outcome.error) {
      throw new AppSyncFieldError(outcome.error);
    }
    return outcome.value;
  };
}

/**
 * `ctx.info` whose selection-set views are computed only if a resolver reads them. They are not
 * enumerable: AWS documents that JSON.stringify(ctx.info) leaves them out.
 */
function lazyInfo(
  fieldName: string,
  parentTypeName: string,
  variables: Record<string, unknown>,
  fieldNodes: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  returnType?: GraphQLNamedType,
): ResolverInfo {
  let list: string[] | undefined;
  let text: string | undefined;
  const info = { fieldName, parentTypeName, variables } as ResolverInfo;
  Object.defineProperties(info, {
    selectionSetList: { enumerable: false, get: () => (list ??= selectionSetList(fieldNodes, fragments, returnType)) },
    selectionSetGraphQL: { enumerable: false, get: () => (text ??= selectionSetGraphQL(fieldNodes)) },
  });
  return info;
}

function pathOf(info: GraphQLResolveInfo): (string | number)[] {
  const path: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) {
    path.unshift(p.key);
  }
  return path;
}

function locationsOf(info: GraphQLResolveInfo) {
  return info.fieldNodes.flatMap((node) =>
    node.loc ? [{ ...getLocation(node.loc.source, node.loc.start), sourceName: null }] : [],
  );
}

function findRootField(document: DocumentNode, fieldName: string): FieldNode | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind === Kind.FIELD && selection.name.value === fieldName) {
          return selection;
        }
      }
    }
  }
  return undefined;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    }
  }
  return fragments;
}

/** AppSync does not expose the cookie header to resolvers. */
function withoutCookies(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!('cookie' in headers)) {
    return headers;
  }
  const { cookie: _cookie, ...rest } = headers;
  return rest;
}

function requestError(message: string, errorType: string | null = null): AppSyncGraphQLError {
  return { path: null, data: null, errorType, errorInfo: null, locations: [], message };
}

/** Coerced arguments of a root field, as resolvers receive them (exported for the real-time side). */
export function rootFieldArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  fieldName: string,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const field = schema.getSubscriptionType()?.getFields()[fieldName];
  const node = findRootField(document, fieldName);
  if (!field || !node) {
    return {};
  }
  return { ...getArgumentValues(field, node, variables) };
}

/** Parsed + validated documents by query text, least recently used evicted first. */
class DocumentCache {
  private readonly entries = new Map<string, { document: DocumentNode } | { errors: AppSyncGraphQLError[] }>();
  constructor(
    private readonly capacity: number,
    private readonly schema: GraphQLSchema,
  ) {}

  get(query: string): { document: DocumentNode } | { errors: AppSyncGraphQLError[] } {
    const cached = this.entries.get(query);
    if (cached) {
      this.entries.delete(query);
      this.entries.set(query, cached);
      return cached;
    }
    const prepared = this.prepare(query);
    this.entries.set(query, prepared);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
    return prepared;
  }

  private prepare(query: string): { document: DocumentNode } | { errors: AppSyncGraphQLError[] } {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      if (error instanceof GraphQLError) {
        return { errors: [toAppSyncError(error)] };
      }
      throw error;
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) {
      return { errors: errors.map(toAppSyncError) };
    }
    return { document };
  }
}
