/**
 * Verifies user-pool JWTs the way AppSync's AMAZON_COGNITO_USER_POOLS mode does, for the local
 * issuer and for a real Cognito user pool alike (chosen by `UserPoolConfig`), and turns a verified
 * token into AppSync's `ctx.identity`.
 *
 * - Signature: RS256 against the issuer's JWKS, fetched from `<issuer>/.well-known/jwks.json`.
 * - Claims: `iss` must be the pool's issuer, `exp` in the future, `token_use` "id" or "access";
 *   an ID token's `aud` or an access token's `client_id` must be the app client id — the checks
 *   Cognito's "Verifying a JSON web token" page lists
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
 *   AppSync accepts both token kinds from the pool.
 * - `CognitoJwtVerifier` only knows Cognito's own issuer URLs, so the local issuer goes through
 *   `JwtVerifier` with the same Cognito claim checks (`validateCognitoJwtFields`) as a custom check.
 *
 * Verified tokens are cached (bounded LRU, until `exp`) so repeat requests skip the RSA check.
 */
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { JwtBaseError, JwtExpiredError, JwtParseError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { CognitoIdentity } from '../appsync/types';
import { AuthConfigError, jwksUrl } from './config';
import type { UserPoolConfig } from './config';
import { createJwksFetcher } from './jwks-fetcher';
import type { JwksFetcherOptions } from './jwks-fetcher';
import { createTokenCache } from './token-cache';

/** Why a token was refused: unreadable, expired, or not from this pool / not genuine. */
export type TokenRejectionReason = 'malformed' | 'expired' | 'invalid';

/** A user-pool token the verifier refused; `cause` holds the library's error. */
export class TokenRejectedError extends Error {
  readonly reason: TokenRejectionReason;
  constructor(reason: TokenRejectionReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenRejectedError';
    this.reason = reason;
  }
}

/** A verified token, reduced to what `ctx.identity` needs. Frozen: shared by cache hits. */
export interface VerifiedUserPoolToken {
  readonly tokenUse: 'id' | 'access';
  readonly sub: string;
  readonly issuer: string;
  readonly username: string;
  readonly groups: readonly string[] | null;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly expiresAt: number;
}

/** Options beyond the pool itself. */
export interface UserPoolVerifierOptions {
  /** Accept only one kind of token. @default null (both, as AppSync does) */
  readonly tokenUse?: 'id' | 'access' | null;
  /** Verified tokens kept in memory. @default 10000 */
  readonly cacheSize?: number;
  /** Preloaded keys (skips the first fetch; unknown `kid`s are still fetched). */
  readonly jwks?: { readonly keys: readonly object[] };
  /** Where the local issuer's JWKS is fetched. @default `<issuerUrl>/.well-known/jwks.json` */
  readonly jwksUri?: string;
  readonly fetcher?: JwksFetcherOptions;
}

/** Checks user-pool tokens. */
export interface UserPoolVerifier {
  /** The `iss` accepted tokens carry (regional Cognito URL for real pools). */
  readonly issuer: string;
  /**
   * Verifies a raw JWT (no `Bearer ` prefix).
   * @throws {TokenRejectedError} when it is unreadable, expired or not genuine
   */
  verify(token: string): Promise<VerifiedUserPoolToken>;
}

const DEFAULT_CACHE_SIZE = 10_000;

/**
 * Creates the verifier for the configured user pool.
 * @throws {AuthConfigError} when a Cognito pool id is malformed
 * @returns the verifier
 */
export function createUserPoolVerifier(config: UserPoolConfig, options: UserPoolVerifierOptions = {}): UserPoolVerifier {
  const tokenUse = options.tokenUse ?? null;
  const jwksCache = new SimpleJwksCache({ fetcher: createJwksFetcher(options.fetcher) });
  const { issuer, verifyJwt } = buildLibraryVerifier(config, tokenUse, jwksCache, options);
  const cache = createTokenCache<VerifiedUserPoolToken>(options.cacheSize ?? DEFAULT_CACHE_SIZE);

  return {
    issuer,
    async verify(token) {
      const cached = cache.get(token, Date.now() / 1000);
      switch (cached.status) {
        case 'hit':
          return cached.value;
        case 'expired':
          throw new TokenRejectedError('expired', 'Token has expired.');
        case 'miss':
          break;
      }
      const verified = toVerifiedToken(await verifyOrReject(verifyJwt, token));
      cache.set(token, { value: verified, expiresAt: verified.expiresAt });
      return verified;
    },
  };
}

/**
 * AppSync's `ctx.identity` for a user-pool caller: `username` is `cognito:username` for ID tokens
 * and `username` for access tokens; `groups` is `cognito:groups` or null.
 * (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-identity-js)
 * @returns a fresh identity object (claims are shared and frozen)
 */
export function toCognitoIdentity(token: VerifiedUserPoolToken, sourceIp: string, defaultAuthStrategy: 'ALLOW' | 'DENY' = 'ALLOW'): CognitoIdentity {
  return {
    sub: token.sub,
    issuer: token.issuer,
    username: token.username,
    claims: token.claims as Record<string, unknown>,
    sourceIp: [sourceIp],
    defaultAuthStrategy,
    groups: token.groups === null ? null : [...token.groups],
  };
}

type VerifyJwt = (token: string) => Promise<JwtPayload>;

function buildLibraryVerifier(
  config: UserPoolConfig,
  tokenUse: 'id' | 'access' | null,
  jwksCache: SimpleJwksCache,
  options: UserPoolVerifierOptions,
): { issuer: string; verifyJwt: VerifyJwt } {
  switch (config.kind) {
    case 'local': {
      const issuer = config.issuerUrl.replace(/\/+$/, '');
      const jwksUri = options.jwksUri ?? jwksUrl(issuer);
      const verifier = JwtVerifier.create(
        {
          issuer,
          jwksUri,
          audience: null, // checked per token use below: `aud` for ID tokens, `client_id` for access tokens
          customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId: config.clientId }),
        },
        { jwksCache },
      );
      if (options.jwks) verifier.cacheJwks(options.jwks as unknown as Jwks);
      return { issuer, verifyJwt: (token) => verifier.verify(token) };
    }
    case 'cognito': {
      let verifier: ReturnType<typeof createCognitoVerifier>;
      try {
        verifier = createCognitoVerifier(config.userPoolId, config.clientId, tokenUse, jwksCache);
      } catch (error) {
        throw new AuthConfigError(`Invalid Cognito user pool id ${JSON.stringify(config.userPoolId)}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (options.jwks) verifier.cacheJwks(options.jwks as unknown as Jwks);
      return {
        issuer: `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`,
        verifyJwt: (token) => verifier.verify(token),
      };
    }
  }
}

function createCognitoVerifier(userPoolId: string, clientId: string, tokenUse: 'id' | 'access' | null, jwksCache: SimpleJwksCache) {
  return CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse }, { jwksCache });
}

async function verifyOrReject(verifyJwt: VerifyJwt, token: string): Promise<JwtPayload> {
  try {
    return await verifyJwt(token);
  } catch (error) {
    if (error instanceof JwtExpiredError) throw new TokenRejectedError('expired', 'Token has expired.', { cause: error });
    if (error instanceof JwtParseError) throw new TokenRejectedError('malformed', 'Unable to parse JWT token.', { cause: error });
    // Bad signature, unknown kid, other issuer, wrong client, wrong token_use, unfetchable JWKS.
    if (error instanceof JwtBaseError) throw new TokenRejectedError('invalid', error.message, { cause: error });
    throw error;
  }
}

function toVerifiedToken(payload: JwtPayload): VerifiedUserPoolToken {
  const tokenUse = payload.token_use;
  const username = tokenUse === 'id' ? payload['cognito:username'] : payload.username;
  const groups = payload['cognito:groups'];
  if ((tokenUse !== 'id' && tokenUse !== 'access') || typeof payload.sub !== 'string' || typeof payload.iss !== 'string') {
    throw new TokenRejectedError('invalid', 'The token lacks Cognito claims (token_use, sub, iss).');
  }
  if (typeof username !== 'string') {
    throw new TokenRejectedError('invalid', `The ${tokenUse} token lacks its ${tokenUse === 'id' ? 'cognito:username' : 'username'} claim.`);
  }
  if (groups !== undefined && !(Array.isArray(groups) && groups.every((group) => typeof group === 'string'))) {
    throw new TokenRejectedError('invalid', 'The cognito:groups claim is not a list of group names.');
  }
  if (typeof payload.exp !== 'number') throw new TokenRejectedError('invalid', 'The token has no exp claim.');
  return Object.freeze({
    tokenUse,
    sub: payload.sub,
    issuer: payload.iss,
    username,
    groups: groups === undefined ? null : Object.freeze([...groups]),
    claims: deepFreeze(payload) as Readonly<Record<string, unknown>>,
    expiresAt: payload.exp,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
