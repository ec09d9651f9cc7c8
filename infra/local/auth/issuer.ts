/**
 * The local stand-in for a Cognito user pool's token endpoint: signs RS256 ID and access tokens
 * whose claims have the shape Cognito gives them, with keys persisted under `<dataDir>/auth/`.
 * The runtime serves its JWKS (see `issuer-routes.ts`); the API verifies the tokens exactly as it
 * would verify Cognito's (`cognito-verifier.ts`).
 *
 * Claim lists follow the Cognito developer guide's sample payloads:
 * - ID token: sub, cognito:groups, email_verified, iss, cognito:username, origin_jti, aud,
 *   event_id, token_use "id", auth_time, exp, iat, jti, email
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html)
 * - access token: sub, cognito:groups, iss, client_id, origin_jti, event_id, token_use "access",
 *   scope, auth_time, exp, iat, jti, username
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html)
 */
import { randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { jwksUrl } from './config';
import { ensurePrivateDir } from './private-file';
import { loadOrCreateSigningKeys } from './signing-keys';
import type { PublicJwk } from './signing-keys';
import { InvalidParameterError, assertValidGroupName, assertValidUsername } from './user-names';
import { openUserRegistry } from './user-registry';

/** Where the issuer keeps its files and what it puts in `iss` / `aud`. */
export interface LocalIssuerOptions {
  /** The runtime's data directory; keys and users go to `<dataDir>/auth/`. */
  readonly dataDir: string;
  /** The `iss` claim, e.g. `http://127.0.0.1:4000/cognito/local_mediagraph`. */
  readonly issuerUrl: string;
  readonly userPoolId: string;
  /** The app client id: `aud` of ID tokens, `client_id` of access tokens. */
  readonly clientId: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Token lifetime when a request gives none. @default 3600 (Cognito's default: 1 hour) */
  readonly defaultTtlSeconds?: number;
  /** Current time in milliseconds (tests pass a fixed clock). @default Date.now */
  readonly clock?: () => number;
}

/** Who the tokens are for. */
export interface IssueTokenOptions {
  readonly username: string;
  /** Cognito groups (roles); `cognito:groups` is left out when there are none, as Cognito does. */
  readonly groups?: readonly string[];
  readonly email?: string;
  /** Lifetime in seconds, 1 to 86400. @default the issuer's `defaultTtlSeconds` */
  readonly ttlSeconds?: number;
}

/** What a sign-in returns (the fields Cognito's `AuthenticationResult` has, minus the refresh token). */
export interface IssuedTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
  readonly sub: string;
}

/** A local user pool's token issuer. */
export interface LocalIssuer {
  readonly issuerUrl: string;
  readonly jwksUri: string;
  readonly clientId: string;
  readonly userPoolId: string;
  readonly region: string;
  /** The public keys, as `<issuer>/.well-known/jwks.json` serves them. */
  jwks(): { keys: PublicJwk[] };
  /** Signs an ID token and an access token for the user, registering the user on first sight. */
  issueTokens(options: IssueTokenOptions): Promise<IssuedTokens>;
}

const DEFAULT_TTL_SECONDS = 3600;
const MAX_TTL_SECONDS = 86_400;
const MAX_ATTRIBUTE_LENGTH = 2048;
/** The scope Cognito puts in access tokens from its user-pool API sign-in. */
const USER_POOL_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * Opens (creating on first use) the local issuer for a data directory.
 * @throws {SigningKeyFileError} or {UserRegistryFileError} when its files are unusable
 * @returns the issuer
 * @example
 * const issuer = await openLocalIssuer({ dataDir, issuerUrl, userPoolId, clientId });
 * const { idToken } = await issuer.issueTokens({ username: 'alice', groups: ['admin'] });
 */
export async function openLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const authDir = await ensurePrivateDir(join(options.dataDir, 'auth'));
  const keys = await loadOrCreateSigningKeys(authDir);
  const registry = openUserRegistry(authDir, keys.subSecret);
  const clock = options.clock ?? (() => Date.now());
  const defaultTtl = assertValidTtl(options.defaultTtlSeconds ?? DEFAULT_TTL_SECONDS);
  const issuerUrl = options.issuerUrl.replace(/\/+$/, '');
  const jwks = { keys: [keys.id.publicJwk, keys.access.publicJwk] };

  return {
    issuerUrl,
    jwksUri: jwksUrl(issuerUrl),
    clientId: options.clientId,
    userPoolId: options.userPoolId,
    region: options.region ?? 'us-east-1',
    jwks: () => ({ keys: jwks.keys.map((key) => ({ ...key })) }),
    async issueTokens(request) {
      const username = assertValidUsername(request.username);
      const groups = uniqueGroups(request.groups ?? []);
      const email = request.email === undefined ? undefined : assertValidEmail(request.email);
      const ttl = assertValidTtl(request.ttlSeconds ?? defaultTtl);
      const { sub } = await registry.ensureUser(username);
      const iat = Math.floor(clock() / 1000);
      const session = { sub, groups, iat, exp: iat + ttl, originJti: randomUUID(), eventId: randomUUID() };
      const idToken = signJwt(keys.id.kid, keys.id.privateKey, {
        sub,
        ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
        ...(email !== undefined ? { email_verified: true } : {}),
        iss: issuerUrl,
        'cognito:username': username,
        origin_jti: session.originJti,
        aud: options.clientId,
        event_id: session.eventId,
        token_use: 'id',
        auth_time: iat,
        exp: session.exp,
        iat,
        jti: randomUUID(),
        ...(email !== undefined ? { email } : {}),
      });
      const accessToken = signJwt(keys.access.kid, keys.access.privateKey, {
        sub,
        ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
        iss: issuerUrl,
        client_id: options.clientId,
        origin_jti: session.originJti,
        event_id: session.eventId,
        token_use: 'access',
        scope: USER_POOL_SCOPE,
        auth_time: iat,
        exp: session.exp,
        iat,
        jti: randomUUID(),
        username,
      });
      return { idToken, accessToken, expiresIn: ttl, tokenType: 'Bearer', sub };
    },
  };
}

/**
 * Signs a JWT with RS256. The header carries only `kid` and `alg`, as Cognito's do.
 * @returns the compact serialisation `header.payload.signature`
 */
export function signJwt(kid: string, privateKey: KeyObject, payload: Record<string, unknown>): string {
  const signingInput = `${base64Url(JSON.stringify({ kid, alg: 'RS256' }))}.${base64Url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function uniqueGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.map(assertValidGroupName))];
}

function assertValidTtl(ttl: number): number {
  // Cognito lets an app client set 5 minutes to 1 day; shorter lives are allowed here so tests and
  // developers can watch a token expire.
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
    throw new InvalidParameterError(`The token lifetime must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got ${ttl}.`);
  }
  return ttl;
}

function assertValidEmail(email: string): string {
  if (email.length > MAX_ATTRIBUTE_LENGTH || !/^[^\s@]+@[^\s@]+$/u.test(email)) {
    throw new InvalidParameterError(`Invalid email address format: ${JSON.stringify(email)}.`);
  }
  return email;
}
