/**
 * A small isomorphic client for AppSync's GraphQL HTTP endpoint (queries and mutations) over
 * `fetch`, authorised like AWS clients: `Authorization: <token>` for user pools, SigV4 headers
 * from a signing hook for IAM. Against AWS AppSync or the local runtime alike.
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html
 */
import type { DocumentNode } from 'graphql';
import type { AppSyncGraphQLError } from '../local/appsync/types';
import { authorizationHeaders } from './auth';
import type { ClientAuth } from './auth';
import { queryText } from './query-text';

export interface GraphQLRequest {
  query: string | DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** AppSync's response body: partial data and errors may come together. */
export interface GraphQLResponse<TData> {
  data: TData | null;
  errors?: AppSyncGraphQLError[];
}

/** The endpoint refused the request before GraphQL ran (e.g. HTTP 401), or did not answer JSON. */
export class AppSyncHttpError extends Error {
  readonly status: number;
  readonly errors: AppSyncGraphQLError[];
  constructor(status: number, message: string, errors: AppSyncGraphQLError[] = []) {
    super(message);
    this.name = 'AppSyncHttpError';
    this.status = status;
    this.errors = errors;
  }
}

export interface AppSyncHttpClientOptions {
  /** e.g. `http://127.0.0.1:4000/graphql` */
  graphqlEndpoint: string;
  auth: ClientAuth;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

export interface AppSyncHttpClient {
  /** Sends one operation; resolves to AppSync's `{data, errors}` for HTTP 200, rejects with {@link AppSyncHttpError} otherwise. */
  request<TData = Record<string, unknown>>(request: GraphQLRequest): Promise<GraphQLResponse<TData>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Creates a client for one endpoint and one way of authorising. */
export function createAppSyncHttpClient(options: AppSyncHttpClientOptions): AppSyncHttpClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return {
    async request<TData>(request: GraphQLRequest): Promise<GraphQLResponse<TData>> {
      const body = JSON.stringify({
        query: queryText(request.query),
        variables: request.variables ?? {},
        ...(request.operationName ? { operationName: request.operationName } : {}),
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const [name, value] of Object.entries(await authorizationHeaders(options.auth, options.graphqlEndpoint, body))) {
        // fetch sets Host itself (browsers forbid setting it); the signature already covers it.
        if (name.toLowerCase() !== 'host') headers[name] = value;
      }
      const response = await fetchImpl(options.graphqlEndpoint, { method: 'POST', headers, body });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        throw new AppSyncHttpError(response.status, `Non-JSON response (HTTP ${response.status}).`);
      }
      const errors = isRecord(parsed) && Array.isArray(parsed.errors) ? (parsed.errors as AppSyncGraphQLError[]) : undefined;
      if (!response.ok) {
        throw new AppSyncHttpError(response.status, errors?.[0]?.message ?? `HTTP ${response.status}`, errors ?? []);
      }
      const data = isRecord(parsed) && 'data' in parsed ? (parsed.data as TData | null) : null;
      return errors ? { data, errors } : { data };
    },
  };
}
