/**
 * Decides who is calling, as AppSync does for an API with AMAZON_COGNITO_USER_POOLS as the default
 * mode and AWS_IAM as an additional one: an `Authorization` header starting `AWS4-HMAC-SHA256` is a
 * SigV4-signed (IAM) request; any other value is taken as a raw user-pool JWT.
 *
 * AppSync's 401 answers, matched here (body `{"errors":[{"errorType":"UnauthorizedException",
 * "message":…}]}`):
 * - no header, or a token that is not genuine / not from the pool: "Valid authorization header not
 *   provided." (aws-amplify/amplify-js#4373; with an additional IAM mode a well-formed but forged
 *   JWT gets this same generic answer rather than a signature error);
 * - a value that is not a JWT at all — including `Bearer <token>`, which AppSync does not strip:
 *   "Unable to parse JWT token." (aws/aws-appsync-community#198: "solved by removing the string
 *   Bearer"; AWS re:Post "troubleshoot Unauthorized errors": the header must not include "Bearer");
 * - an expired token: "Token has expired." (the string AppSync is reported to return; not found
 *   verbatim in AWS documentation).
 * SigV4 refusals keep AWS's own error types and messages (see `iam.ts`).
 */
import { AuthenticationError } from '../appsync/types';
import type { AuthRequest, Authenticator, Principal } from '../appsync/types';
import { TokenRejectedError, toCognitoIdentity } from './cognito-verifier';
import type { UserPoolVerifier, VerifiedUserPoolToken } from './cognito-verifier';
import type { IamVerifier } from './iam';
import { SIGV4_ALGORITHM } from './sigv4';

/** The verifiers for the two modes. */
export interface AuthenticatorOptions {
  readonly cognito: UserPoolVerifier;
  /** Leave out to refuse every SigV4 request. */
  readonly iam?: IamVerifier;
  /** The user pool's default action (AppSync's `userPoolConfig.defaultAction`). @default 'ALLOW' */
  readonly defaultAuthStrategy?: 'ALLOW' | 'DENY';
}

export const MISSING_OR_INVALID_MESSAGE = 'Valid authorization header not provided.';
export const UNPARSEABLE_TOKEN_MESSAGE = 'Unable to parse JWT token.';
export const EXPIRED_TOKEN_MESSAGE = 'Token has expired.';

/**
 * Creates the authenticator the AppSync-compatible server calls for every HTTP request and every
 * real-time connection.
 * @returns an {@link Authenticator}; `authenticate` rejects with {@link AuthenticationError}
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const defaultAuthStrategy = options.defaultAuthStrategy ?? 'ALLOW';
  return {
    async authenticate(request: AuthRequest): Promise<Principal> {
      const authorization = request.headers.authorization;
      if (authorization === undefined || authorization.trim() === '') {
        throw new AuthenticationError(MISSING_OR_INVALID_MESSAGE);
      }
      if (authorization.startsWith(SIGV4_ALGORITHM)) {
        if (!options.iam) throw new AuthenticationError(MISSING_OR_INVALID_MESSAGE);
        return { mode: 'AWS_IAM', identity: options.iam.verify(request) };
      }
      const token = await verifyUserPoolToken(options.cognito, authorization);
      return { mode: 'AMAZON_COGNITO_USER_POOLS', identity: toCognitoIdentity(token, request.sourceIp, defaultAuthStrategy) };
    },
  };
}

async function verifyUserPoolToken(verifier: UserPoolVerifier, token: string): Promise<VerifiedUserPoolToken> {
  try {
    return await verifier.verify(token);
  } catch (error) {
    if (!(error instanceof TokenRejectedError)) throw error;
    switch (error.reason) {
      case 'malformed':
        throw new AuthenticationError(UNPARSEABLE_TOKEN_MESSAGE, { cause: error });
      case 'expired':
        throw new AuthenticationError(EXPIRED_TOKEN_MESSAGE, { cause: error });
      case 'invalid':
        throw new AuthenticationError(MISSING_OR_INVALID_MESSAGE, { cause: error });
    }
  }
}
