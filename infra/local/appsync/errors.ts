/**
 * GraphQL errors in AppSync's shape: `path`, `data`, `errorType`, `errorInfo`, `locations` (with
 * `sourceName`), `message`.
 * https://docs.aws.amazon.com/appsync/latest/devguide/troubleshooting-and-common-mistakes.html
 */
import { GraphQLError } from 'graphql';
import type { AppSyncGraphQLError } from './types';

/** A field error raised by a resolver or an auth check, carrying AppSync's fields. */
export class AppSyncFieldError extends Error {
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;
  constructor(error: AppSyncGraphQLError) {
    super(error.message);
    this.name = 'AppSyncFieldError';
    this.errorType = error.errorType ?? null;
    this.data = error.data ?? null;
    this.errorInfo = error.errorInfo ?? null;
  }
}

/** Converts a graphql-js error (from execution, validation or parsing) to AppSync's shape. */
export function toAppSyncError(error: GraphQLError): AppSyncGraphQLError {
  const original = error.originalError;
  const locations = (error.locations ?? []).map((l) => ({ line: l.line, column: l.column, sourceName: null }));
  if (original instanceof AppSyncFieldError) {
    return {
      path: error.path ?? [],
      data: original.data,
      errorType: original.errorType,
      errorInfo: original.errorInfo,
      locations,
      message: original.message,
    };
  }
  if (original && !(original instanceof GraphQLError)) {
    // An unexpected fault in the runtime itself: say so without leaking internals.
    return { path: error.path ?? [], data: null, errorType: 'InternalFailure', errorInfo: null, locations, message: 'Internal failure' };
  }
  // Parse and validation errors: AppSync sends path, locations and message only (no errorType).
  return { path: error.path ?? null, locations, message: error.message };
}
