/**
 * Shapes shared by the pieces of the local AppSync-compatible runtime: identities, auth, errors,
 * data sources. Each mirrors what AppSync documents, so resolvers see the same values locally and
 * in the cloud.
 */

/** AppSync's authorization modes that Mediagraph uses. */
export type AuthMode = 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM';

/**
 * `ctx.identity` for Cognito user pools, as AppSync fills it.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-identity-js
 */
export interface CognitoIdentity {
  sub: string;
  issuer: string;
  username: string;
  claims: Record<string, unknown>;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW' | 'DENY';
  groups: string[] | null;
}

/** `ctx.identity` for AWS_IAM (SigV4-signed requests). */
export interface IamIdentity {
  accountId: string;
  cognitoIdentityPoolId: string | null;
  cognitoIdentityId: string | null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: string | null;
  cognitoIdentityAuthProvider: string | null;
}

export type Identity = CognitoIdentity | IamIdentity;

export interface Principal {
  mode: AuthMode;
  identity: Identity;
}

/** An HTTP request as the authenticator needs to see it (also built for WebSocket messages). */
export interface AuthRequest {
  method: string;
  /** Path and query, e.g. `/graphql`. */
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  body: string;
  sourceIp: string;
}

/** Decides who is calling; throws {@link AuthenticationError} when nobody valid is. */
export interface Authenticator {
  authenticate(request: AuthRequest): Promise<Principal>;
}

/**
 * A request AppSync refuses before GraphQL runs (missing, forged or expired credentials).
 * AppSync answers HTTP 401 with `{"errors":[{"errorType":"UnauthorizedException","message":...}]}`.
 */
export class AuthenticationError extends Error {
  readonly errorType: string;
  readonly statusCode: number;
  constructor(message: string, options?: { errorType?: string; statusCode?: number; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'AuthenticationError';
    this.errorType = options?.errorType ?? 'UnauthorizedException';
    this.statusCode = options?.statusCode ?? 401;
  }
}

/** One entry of a GraphQL response's `errors`, in AppSync's shape. */
export interface AppSyncGraphQLError {
  message: string;
  errorType?: string | null;
  data?: unknown;
  errorInfo?: unknown;
  path?: ReadonlyArray<string | number> | null;
  locations?: ReadonlyArray<{ line: number; column: number; sourceName?: string | null }>;
}

/** `ctx.error` after a data source call failed. */
export interface DataSourceError {
  message: string;
  type: string;
}

/**
 * What a data source hands back to the response handler: `ctx.result`, or `ctx.error` — with a
 * result too where AppSync gives one (a cancelled transaction's `cancellationReasons`, the current
 * item when a condition check rejects).
 */
export type DataSourceOutcome = { result: unknown; error?: undefined } | { result?: unknown; error: DataSourceError };

/** A data source as the resolver executor sees it: the request handler's object in, an outcome out. */
export interface DataSource {
  readonly name: string;
  invoke(request: unknown, context: { identity: Identity | null; requestId: string }): Promise<DataSourceOutcome>;
}
