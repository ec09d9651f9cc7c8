/**
 * The dashboard's GraphQL client: the project's isomorphic AppSync clients (HTTP for queries and
 * mutations, AppSync's real-time protocol for subscriptions), typed by the documents in
 * documents.ts, with errors turned into one error class the pages can show.
 */
import { AppSyncHttpError, createAppSyncHttpClient } from '../../../infra/client/appsync-http';
import { createAppSyncRealtimeClient, type AppSyncRealtimeClient } from '../../../infra/client/appsync-realtime';
import type { AppConfig } from './config';
import type { Document } from './documents';

/** A request that failed: the API's error type (e.g. `UnsupportedMediaType`) and message, or a network failure. */
export class ApiError extends Error {
  readonly errorType: string;
  readonly status: number | null;
  constructor(message: string, errorType: string, status: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.errorType = errorType;
    this.status = status;
  }
}

export interface SubscriptionHandlers<TData> {
  next(data: TData): void;
  /** The subscription is live (events from now on arrive). */
  started?(): void;
  error?(error: Error): void;
}

export interface Api {
  request<TData, TVariables>(document: Document<TData, TVariables>, variables: TVariables): Promise<TData>;
  subscribe<TData, TVariables>(document: Document<TData, TVariables>, variables: TVariables, handlers: SubscriptionHandlers<TData>): () => void;
  close(): void;
}

export interface ApiOptions {
  config: AppConfig;
  token: () => string;
  /** Called when the API says the token is no longer good (HTTP 401). */
  onUnauthorized: () => void;
}

export function createApi(options: ApiOptions): Api {
  const auth = { mode: 'userPool' as const, token: options.token };
  const http = createAppSyncHttpClient({ graphqlEndpoint: options.config.graphqlUrl, auth });
  let realtime: AppSyncRealtimeClient | null = null;
  const realtimeClient = () =>
    (realtime ??= createAppSyncRealtimeClient({
      graphqlEndpoint: options.config.graphqlUrl,
      ...(options.config.realtimeUrl ? { realtimeEndpoint: options.config.realtimeUrl } : {}),
      auth,
    }));

  return {
    async request(document, variables) {
      let response;
      try {
        response = await http.request({ query: document.text, variables: (variables ?? {}) as Record<string, unknown>, operationName: document.operationName });
      } catch (error) {
        if (error instanceof AppSyncHttpError) {
          if (error.status === 401) options.onUnauthorized();
          throw new ApiError(error.message, error.errors[0]?.errorType ?? 'HttpError', error.status);
        }
        throw new ApiError('The API cannot be reached. Check your connection and try again.', 'NetworkError');
      }
      const first = response.errors?.[0];
      if (first) throw new ApiError(first.message, first.errorType ?? 'GraphQLError');
      if (response.data === null) throw new ApiError('The API returned no data.', 'EmptyResponse');
      return response.data as never;
    },
    subscribe(document, variables, handlers) {
      return realtimeClient().subscribe(
        { query: document.text, variables: (variables ?? {}) as Record<string, unknown> },
        {
          started: () => handlers.started?.(),
          next: (payload) => {
            if (payload.data) handlers.next(payload.data as never);
          },
          error: (error) => handlers.error?.(new ApiError(error.errors[0]?.message ?? error.message, error.errors[0]?.errorType ?? 'SubscriptionError')),
          complete: () => undefined,
        },
      );
    },
    close() {
      realtime?.close();
      realtime = null;
    },
  };
}
