/**
 * Sign-in through the Cognito hosted UI: OAuth 2.0 authorization code with PKCE (the flow the
 * stack's public app client allows), then the code is exchanged at the domain's token endpoint.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
 */

export interface HostedUiSettings {
  /** e.g. https://my-media.auth.eu-west-1.amazoncognito.com */
  domain: string;
  clientId: string;
  /** The dashboard's own address, registered as a callback URL on the app client. */
  redirectUri: string;
}

export interface OAuthTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number;
}

const SCOPES = ['openid', 'email', 'profile'];

/** base64url of bytes, without padding (RFC 7636 appendix A). */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random code verifier and its S256 challenge. */
export async function createPkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)) };
}

/** The hosted UI's /oauth2/authorize URL for a code + PKCE request. */
export function authorizeUrl(settings: HostedUiSettings, challenge: string, state: string): string {
  const url = new URL('/oauth2/authorize', settings.domain);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('scope', SCOPES.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** The hosted UI's sign-out URL, which returns to the dashboard. */
export function logoutUrl(settings: HostedUiSettings): string {
  const url = new URL('/logout', settings.domain);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('logout_uri', settings.redirectUri);
  return url.toString();
}

/** Exchanges an authorization code for tokens. */
export async function exchangeCode(settings: HostedUiSettings, code: string, verifier: string, fetchImpl: typeof fetch = fetch): Promise<OAuthTokens> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: settings.clientId,
    code,
    redirect_uri: settings.redirectUri,
    code_verifier: verifier,
  });
  const response = await fetchImpl(new URL('/oauth2/token', settings.domain).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof json.id_token !== 'string' || typeof json.access_token !== 'string') {
    throw new Error(`Sign-in failed: ${typeof json.error === 'string' ? json.error : `HTTP ${response.status}`}`);
  }
  return {
    idToken: json.id_token,
    accessToken: json.access_token,
    refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : null,
    expiresIn: typeof json.expires_in === 'number' ? json.expires_in : 3600,
  };
}
