/**
 * Handing one event to one rule target, once. Function targets go to the function runner as an
 * asynchronous (Event) invocation, as EventBridge invokes Lambda: once the runner accepts it,
 * Lambda's own retries apply; a refusal (throttled, unknown function) is the bus's to retry.
 * AppSync targets run the rule's GraphQL operation with variables read from the event by JSONPath
 * (EventBridge's native AppSync target, https://docs.aws.amazon.com/eventbridge/latest/userguide/target-appsync.html);
 * a GraphQL error counts as a failed delivery.
 */
import type { RuleTarget } from '../../events';
import type { FunctionInvoker } from '../functions/types';
import { parseJsonPath, readJsonPath } from './json-path';

/** What the AppSync target sends: one operation and its variables. */
export interface AppSyncExecution {
  readonly operation: string;
  readonly variables: Record<string, unknown>;
}

/** A GraphQL response as AppSync returns it. */
export interface AppSyncExecutionResult {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message: string; readonly errorType?: string | null }[] | null;
}

/** Runs an operation against the API with the rule's IAM identity (wired by the runtime). */
export type AppSyncExecutor = (request: AppSyncExecution) => Promise<AppSyncExecutionResult>;

export type DeliveryOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly errorCode: string; readonly errorMessage: string; readonly retriable: boolean };

/** A target ready to receive events. */
export interface CompiledTarget {
  readonly declaration: RuleTarget;
  /** A short name for logs and dead letters, e.g. `function:ingest`, `appsync:ReportProgress`. */
  readonly label: string;
  deliver(event: unknown): Promise<DeliveryOutcome>;
}

/**
 * Errors no retry can fix; EventBridge sends these to the DLQ at once ("missing permissions to a
 * target, or a target resource that no longer exists", eb-rule-dlq.html).
 */
const NOT_RETRIABLE = new Set(['ResourceNotFoundException', 'AccessDeniedException', 'AccessDeniedError', 'UnauthorizedException']);

/**
 * Prepares a target (checks its variable paths once).
 * @throws {JsonPathError} for a variable path outside the supported subset
 * @returns the target
 */
export function compileTarget(target: RuleTarget, dependencies: { readonly invoker: Pick<FunctionInvoker, 'invokeAsync'>; readonly executeAppSync: AppSyncExecutor }): CompiledTarget {
  switch (target.kind) {
    case 'function':
      return {
        declaration: target,
        label: targetLabel(target),
        async deliver(event) {
          try {
            dependencies.invoker.invokeAsync(target.function, event);
            return { ok: true };
          } catch (error) {
            return failure(error);
          }
        },
      };
    case 'appsync': {
      const paths = Object.entries(target.variables).map(([name, path]) => [name, parseJsonPath(path)] as const);
      return {
        declaration: target,
        label: targetLabel(target),
        async deliver(event) {
          const variables: Record<string, unknown> = {};
          for (const [name, steps] of paths) {
            const value = readJsonPath(event, steps);
            if (value !== undefined) variables[name] = value;
          }
          try {
            const result = await dependencies.executeAppSync({ operation: target.operation, variables });
            const error = result.errors?.[0];
            if (error) {
              const errorCode = error.errorType ?? 'GraphQLError';
              return { ok: false, errorCode, errorMessage: error.message, retriable: !NOT_RETRIABLE.has(errorCode) };
            }
            return { ok: true };
          } catch (thrown) {
            return failure(thrown);
          }
        },
      };
    }
  }
}

/**
 * A short name for a target, for logs and dead letters.
 * @returns `function:<name>` or `appsync:<operation name>`
 */
export function targetLabel(target: RuleTarget): string {
  switch (target.kind) {
    case 'function':
      return `function:${target.function}`;
    case 'appsync':
      return `appsync:${operationName(target.operation)}`;
  }
}

function failure(error: unknown): DeliveryOutcome {
  const errorCode = errorCodeOf(error);
  return { ok: false, errorCode, errorMessage: error instanceof Error ? error.message : String(error), retriable: !NOT_RETRIABLE.has(errorCode) };
}

function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { errorType, code, name } = error as { errorType?: unknown; code?: unknown; name?: unknown };
    for (const candidate of [errorType, code, name]) if (typeof candidate === 'string' && candidate) return candidate;
  }
  return 'Error';
}

function operationName(operation: string): string {
  return /\b(?:mutation|query)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(operation)?.[1] ?? 'operation';
}
