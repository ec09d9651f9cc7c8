/**
 * What the stack is built from: the project's declarations (infra/api.ts, infra/table.ts,
 * infra/storage.ts, infra/events.ts, infra/functions.ts, schema/schema.graphql), gathered in one
 * value so the stack reads them — never restates them. The types are structural (names are plain
 * strings) so tests can hand the stack a variant, e.g. a function with an access the real
 * declarations do not have yet.
 */
import path from 'node:path';
import * as api from '../api';
import { eventBusName, rules } from '../events';
import { functionDeclarations } from '../functions';
import { projectRoot } from '../resolver-bundles';
import { bucket, ORIGINALS_PREFIX, PREVIEWS_PREFIX } from '../storage';
import { table, type TableDeclaration } from '../table';

/** An AppSync data source as declared in infra/api.ts. */
export type DataSourceSpec =
  | { readonly kind: 'DYNAMODB'; readonly table: string }
  | { readonly kind: 'NONE' }
  | { readonly kind: 'LAMBDA'; readonly functionName: string }
  | { readonly kind: 'EVENTBRIDGE'; readonly eventBus: string };

export interface PipelineFunctionSpec {
  readonly file: string;
  readonly dataSource: string;
}

export type ResolverSpec =
  | { readonly kind: 'UNIT'; readonly typeName: string; readonly fieldName: string; readonly file: string; readonly dataSource: string }
  | { readonly kind: 'PIPELINE'; readonly typeName: string; readonly fieldName: string; readonly file: string; readonly functions: readonly string[] };

/** Where a resolver environment variable's value comes from. */
export type ResolverEnvironmentSource = { readonly from: 'table'; readonly table: string } | { readonly from: 'value'; readonly value: string };

/** What a function may touch (infra/functions.ts `access`), read generically. */
export interface FunctionAccessSpec {
  readonly table?: 'read' | 'readWrite';
  readonly bucket?: readonly { readonly prefix: string; readonly actions: readonly ('get' | 'put' | 'delete' | 'multipart')[] }[];
  readonly events?: 'put';
  /** `Type.field` of the operations the function calls with IAM credentials. */
  readonly api?: readonly string[];
  /**
   * AI services the function calls: a service (`rekognition`) grants the exact actions the
   * function's code sends to it; `service:Action` grants that one action.
   */
  readonly ai?: readonly string[];
  /**
   * Proposed: `consume` for the function that lists and redrives the rules' dead letters (it gets
   * the queue's URL and may receive and delete its messages). Until infra/functions.ts has it, the
   * function behind the API's `deadLetters` Lambda data source is the consumer.
   */
  readonly deadLetters?: 'consume';
}

export interface FunctionSpec {
  readonly handler: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly concurrency: number;
  readonly asyncRetries: number;
  readonly access: FunctionAccessSpec;
}

export interface BucketSpec {
  readonly logicalName: string;
  readonly versioned: boolean;
  readonly cors: {
    readonly allowedMethods: readonly string[];
    readonly allowedOrigins: readonly string[];
    readonly allowedHeaders: readonly string[];
    readonly exposedHeaders: readonly string[];
    readonly maxAgeSeconds: number;
  };
  readonly lifecycle: {
    readonly abortIncompleteMultipartUploadAfterDays: number;
    readonly noncurrentVersionTransitionDays: number;
    readonly noncurrentVersionExpirationDays: number;
  };
  readonly originalsPrefix: string;
  readonly previewsPrefix: string;
}

/** A rule target as declared in infra/events.ts. */
export type RuleTargetSpec =
  | { readonly kind: 'function'; readonly function: string }
  | { readonly kind: 'appsync'; readonly operation: string; readonly variables: Readonly<Record<string, string>> };

/** An EventBridge rule as declared in infra/events.ts. */
export interface RuleSpec {
  readonly name: string;
  readonly description: string;
  readonly pattern: Readonly<Record<string, unknown>>;
  readonly targets: readonly RuleTargetSpec[];
  readonly retry: { readonly maximumRetryAttempts: number; readonly maximumEventAgeSeconds: number };
}

/** Everything the stack is built from. */
export interface MediagraphDeclarations {
  /** Absolute path of the repository (handlers and the schema are relative to it). */
  readonly projectRoot: string;
  /** Absolute path of the schema AppSync receives. */
  readonly schemaFile: string;
  readonly api: {
    readonly dataSources: Readonly<Record<string, DataSourceSpec>>;
    readonly functions: Readonly<Record<string, PipelineFunctionSpec>>;
    readonly resolvers: readonly ResolverSpec[];
    readonly resolverEnvironment: Readonly<Record<string, ResolverEnvironmentSource>>;
    readonly auth: { readonly defaultMode: string; readonly additionalModes: readonly string[]; readonly groups: readonly string[] };
    readonly runtime: { readonly name: string; readonly runtimeVersion: string };
  };
  readonly table: TableDeclaration;
  readonly bucket: BucketSpec;
  readonly events: { readonly busName: string; readonly rules: readonly RuleSpec[] };
  readonly functions: Readonly<Record<string, FunctionSpec>>;
}

/** The compiled resolver and pipeline-function modules, by source path (infra/resolver-bundles.ts). */
export type ResolverCode = ReadonlyMap<string, { readonly code: string }>;

/** The project's own declarations, as the local runtime reads them. */
export const projectDeclarations: MediagraphDeclarations = {
  projectRoot,
  schemaFile: path.join(projectRoot, 'schema', 'schema.graphql'),
  api: {
    dataSources: api.dataSources,
    functions: api.functions,
    resolvers: api.resolvers,
    resolverEnvironment: api.resolverEnvironment,
    auth: api.auth,
    runtime: api.resolverBundle.runtime,
  },
  table,
  bucket: { ...bucket, originalsPrefix: ORIGINALS_PREFIX, previewsPrefix: PREVIEWS_PREFIX },
  events: { busName: eventBusName, rules },
  functions: functionDeclarations,
};
