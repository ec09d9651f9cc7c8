/**
 * The two ways a resolver handler stops early, as values the executor can tell apart:
 * `util.error`/`util.unauthorized` throw {@link ResolverThrownError}, `runtime.earlyReturn` throws
 * {@link EarlyReturnSignal}.
 */

/** Options of {@link ResolverThrownError}, mirroring `util.error(message, errorType, data, errorInfo)`. */
export interface ResolverThrownErrorOptions {
  errorType?: string | null;
  data?: unknown;
  errorInfo?: unknown;
}

/**
 * Thrown by `util.error` and `util.unauthorized`. The executor turns it into one GraphQL error
 * (`message`, `errorType`, `data`, `errorInfo`) and resolves the field to null, as AppSync does.
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (Error utils)
 */
export class ResolverThrownError extends Error {
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;

  constructor(message: string, options: ResolverThrownErrorOptions = {}) {
    super(message);
    this.name = 'ResolverThrownError';
    this.errorType = options.errorType ?? null;
    this.data = options.data ?? null;
    this.errorInfo = options.errorInfo ?? null;
  }
}

/** Where `runtime.earlyReturn` asks the pipeline to continue; null when no options were given. */
export type EarlyReturnTarget = 'END' | 'NEXT';

/**
 * Thrown by `runtime.earlyReturn(value, { skipTo })`. Not an Error: it is control flow, not a
 * failure. https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html
 */
export class EarlyReturnSignal {
  readonly value: unknown;
  readonly skipTo: EarlyReturnTarget | null;

  constructor(value: unknown, skipTo: EarlyReturnTarget | null) {
    this.value = value;
    this.skipTo = skipTo;
  }
}
