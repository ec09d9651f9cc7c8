/**
 * Auth settings the local runtime and the token CLI share, so a token the CLI prints is one the
 * server accepts: the user pool id, the app client id, the region, and where the issuer lives.
 *
 * Which user pool verifies tokens is chosen here, once, from the environment: the embedded local
 * issuer by default, or a real Cognito user pool when `COGNITO_USER_POOL_ID` and
 * `COGNITO_CLIENT_ID` are set. Both go through the same verifier (`cognito-verifier.ts`).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The local user pool's id. Cognito's ids read `<region>_<suffix>`; this one says it is local. */
export const LOCAL_USER_POOL_ID = 'local_mediagraph';

/** The local app client id: 26 lower-case alphanumerics, the shape Cognito gives app client ids. */
export const LOCAL_CLIENT_ID = 'mediagraphlocalwebclient01';

/** The region the local runtime pretends to be in (SigV4 credential scopes name it). */
export const LOCAL_REGION = 'us-east-1';

/** Default host and port of the local runtime's HTTP server. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4000;

/** The user pool whose tokens the API accepts. */
export type UserPoolConfig = LocalUserPoolConfig | CognitoUserPoolConfig;

/** The embedded issuer, served by the runtime at `<baseUrl>/cognito/<userPoolId>`. */
export interface LocalUserPoolConfig {
  readonly kind: 'local';
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
  /** `iss` of the tokens, e.g. `http://127.0.0.1:4000/cognito/local_mediagraph`. */
  readonly issuerUrl: string;
}

/** A real Amazon Cognito user pool (needs internet to fetch its JWKS). */
export interface CognitoUserPoolConfig {
  readonly kind: 'cognito';
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
}

/** A configuration value that cannot work (fail fast at start-up, not at the first request). */
export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

/**
 * The local issuer's URL for a server base URL.
 *
 * Why: Cognito's issuer is `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`; locally the
 * runtime serves the same documents under `<baseUrl>/cognito/<userPoolId>`.
 * @returns e.g. `http://127.0.0.1:4000/cognito/local_mediagraph`
 */
export function localIssuerUrl(baseUrl: string, userPoolId: string = LOCAL_USER_POOL_ID): string {
  return `${baseUrl.replace(/\/+$/, '')}/cognito/${encodeURIComponent(userPoolId)}`;
}

/**
 * Where an issuer publishes its keys.
 * Why: Cognito's JWKS lives at `<issuer>/.well-known/jwks.json`; the local issuer mirrors it.
 * @returns the JWKS URL
 */
export function jwksUrl(issuerUrl: string): string {
  return `${issuerUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
}

/**
 * The HTTP base URL the runtime listens on, from `HOST` and `PORT`.
 * @default http://127.0.0.1:4000
 * @returns a base URL without a trailing slash
 */
export function baseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.HOST?.trim() || DEFAULT_HOST;
  const port = parsePort(env.PORT);
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${hostPart}:${port}`;
}

/**
 * The data directory the runtime persists under (`DATA_DIR`, else `.data` in the repo root).
 * @returns an absolute path
 */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env, repoRoot: string = defaultRepoRoot()): string {
  const configured = env.DATA_DIR?.trim();
  return configured ? resolve(configured) : join(repoRoot, '.data');
}

/**
 * Reads which user pool the API trusts, once, from the environment.
 *
 * - `COGNITO_USER_POOL_ID` + `COGNITO_CLIENT_ID` (+ `AWS_REGION`): a real Cognito user pool.
 * - otherwise the local issuer at `baseUrl` with {@link LOCAL_USER_POOL_ID} / {@link LOCAL_CLIENT_ID}.
 * @throws {AuthConfigError} when only one of the Cognito variables is set, or the region disagrees
 *   with the pool id.
 * @returns the user pool configuration
 */
export function userPoolConfigFromEnv(env: NodeJS.ProcessEnv = process.env, baseUrl: string = baseUrlFromEnv(env)): UserPoolConfig {
  const userPoolId = env.COGNITO_USER_POOL_ID?.trim();
  const clientId = env.COGNITO_CLIENT_ID?.trim();
  if (!userPoolId && !clientId) {
    return {
      kind: 'local',
      userPoolId: LOCAL_USER_POOL_ID,
      clientId: LOCAL_CLIENT_ID,
      region: LOCAL_REGION,
      issuerUrl: localIssuerUrl(baseUrl, LOCAL_USER_POOL_ID),
    };
  }
  if (!userPoolId || !clientId) {
    throw new AuthConfigError('Set both COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID to use a Cognito user pool, or neither to use the local issuer.');
  }
  const poolRegion = userPoolId.split('_')[0] ?? '';
  const region = env.AWS_REGION?.trim() || poolRegion;
  if (region !== poolRegion) {
    throw new AuthConfigError(`COGNITO_USER_POOL_ID ${userPoolId} is in ${poolRegion}, but AWS_REGION is ${region}.`);
  }
  return { kind: 'cognito', userPoolId, clientId, region };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AuthConfigError(`PORT must be an integer between 1 and 65535, got "${raw}".`);
  }
  return port;
}

function defaultRepoRoot(): string {
  // infra/local/auth/config.ts → the repo root is three levels up.
  return fileURLToPath(new URL('../../../', import.meta.url));
}
