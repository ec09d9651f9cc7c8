/**
 * The contract between the real-time server and the rest of the local runtime. The server knows
 * the WebSocket protocol, filtering and fan-out; everything GraphQL-execution-specific (validation,
 * `@aws_*` auth checks, the subscription resolver) is behind {@link RealtimeHooks.onSubscribe}.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { AppSyncGraphQLError, Authenticator, Principal } from '../types';
import type { RealtimeLogger } from './logger';

/** What subscribing produced: errors refuse the subscription; filters come from its resolver. */
export interface SubscribeHookResult {
  errors?: AppSyncGraphQLError[];
  /** Set by the resolver with `extensions.setSubscriptionFilter` (object or JSON text). */
  filter?: unknown;
  /** Set by the resolver with `extensions.setSubscriptionInvalidationFilter`. */
  invalidationFilter?: unknown;
}

export interface RealtimeHooks {
  /** The API schema, including `@aws_subscribe` directives on Subscription fields. */
  schema: GraphQLSchema;
  authenticator: Authenticator;
  /**
   * Runs validation + auth checks + the subscription field's resolver (if any) at subscribe time.
   * `principal` is the start message's own authorization, already authenticated. `arguments` are
   * the root field's coerced arguments (`{}` when the variables do not coerce — the server then
   * refuses the start whatever the hook returns). `headers` are the upgrade request's headers
   * overlaid with the start's `extensions.authorization`, names lower-cased (`ctx.request.headers`).
   * Returned errors are sent as they are in the `error` message.
   */
  onSubscribe(args: {
    document: DocumentNode;
    variables: Record<string, unknown>;
    principal: Principal;
    fieldName: string;
    arguments: Record<string, unknown>;
    headers: Record<string, string | undefined>;
  }): Promise<SubscribeHookResult>;
}

/** Tuning of the real-time server; defaults follow AppSync. */
export interface RealtimeOptions {
  /** Sent in `connection_ack`: how long a client waits for a `ka` before giving up. @default 300000 */
  connectionTimeoutMs?: number;
  /** Interval between `ka` messages. @default 60000 */
  keepAliveMs?: number;
  /** Live + pending subscriptions one connection may hold. @default 100 */
  maxSubscriptionsPerConnection?: number;
  /** How long a socket may stay open without `connection_init` or `start`. @default 30000 */
  initTimeoutMs?: number;
  /** Where structured logs go. @default silentLogger */
  logger?: RealtimeLogger;
}

/** A mutation field resolved: `result` is keyed by schema field names, shaped by the mutation's selection. */
export interface PublishEvent {
  mutationField: string;
  result: unknown;
}

/** A mutation resolver called `extensions.invalidateSubscriptions`. */
export interface InvalidateEvent {
  subscriptionField: string;
  payload: Record<string, unknown>;
}

/** Counts for health checks and tests. */
export interface RealtimeStats {
  connections: number;
  subscriptions: number;
}
