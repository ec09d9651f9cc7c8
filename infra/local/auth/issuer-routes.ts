/**
 * The local issuer's public documents, answered for whatever HTTP server the runtime runs: the JWKS
 * at `<issuer>/.well-known/jwks.json` (what `aws-jwt-verify` fetches) and a discovery document at
 * `<issuer>/.well-known/openid-configuration`, at the paths Cognito uses for them
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
 * Transport-agnostic: the server adapter writes the returned status, headers and body.
 */
import type { LocalIssuer } from './issuer';

/** An HTTP answer to write as is. */
export interface IssuerResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Answers a request for one of the issuer's documents.
 * @param pathname the request path without query, e.g. `/cognito/local_mediagraph/.well-known/jwks.json`
 * @returns the response, or `undefined` when the path is not the issuer's (let the next route try)
 */
export function answerIssuerRequest(issuer: LocalIssuer, method: string, pathname: string): IssuerResponse | undefined {
  const base = new URL(issuer.issuerUrl).pathname.replace(/\/+$/, '');
  if (!pathname.startsWith(`${base}/`)) return undefined;
  const document = documentFor(issuer, pathname.slice(base.length));
  if (document === undefined) return undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    return { statusCode: 405, headers: { allow: 'GET, HEAD', 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Method Not Allowed' }) };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
    body: method === 'HEAD' ? '' : JSON.stringify(document),
  };
}

function documentFor(issuer: LocalIssuer, subPath: string): unknown {
  switch (subPath) {
    case '/.well-known/jwks.json':
      return issuer.jwks();
    case '/.well-known/openid-configuration':
      // The subset of Cognito's discovery document that describes tokens; the local issuer has no
      // hosted sign-in pages, so no authorization or token endpoints are advertised.
      return {
        issuer: issuer.issuerUrl,
        jwks_uri: issuer.jwksUri,
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'email', 'aws.cognito.signin.user.admin'],
        claims_supported: ['sub', 'iss', 'aud', 'email', 'email_verified', 'cognito:username', 'cognito:groups'],
      };
    default:
      return undefined;
  }
}
