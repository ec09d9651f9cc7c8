/**
 * The signed-in user's tokens, kept in localStorage so a reload stays signed in, and the two ways
 * to get them: the local issuer (`POST /auth/token` with a user name and role) or the Cognito
 * hosted UI (authorization code + PKCE, see hosted-ui.ts).
 */
import type { AppConfig } from './config';
import { authorizeUrl, createPkcePair, exchangeCode, logoutUrl, type HostedUiSettings } from './hosted-ui';
import { isExpired, readClaims, type TokenClaims } from './token';

export interface Session {
  idToken: string;
  claims: TokenClaims;
  via: 'local' | 'cognito';
}

const STORAGE_KEY = 'mediagraph.dashboard.session';
const PKCE_KEY = 'mediagraph.dashboard.pkce';

/** The stored session, unless missing, unreadable or expired. */
export function restoreSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as { idToken?: unknown; via?: unknown };
    if (typeof stored.idToken !== 'string') return null;
    const claims = readClaims(stored.idToken);
    if (!claims || isExpired(claims)) {
      localStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return { idToken: stored.idToken, claims, via: stored.via === 'cognito' ? 'cognito' : 'local' };
  } catch {
    return null;
  }
}

function keep(idToken: string, via: Session['via']): Session {
  const claims = readClaims(idToken);
  if (!claims) throw new Error('The sign-in returned a token the dashboard cannot read.');
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ idToken, via }));
  return { idToken, claims, via };
}

/** Signs in with the local issuer. */
export async function signInLocal(config: AppConfig, username: string, groups: string[]): Promise<Session> {
  if (config.auth.kind !== 'local') throw new Error('This API does not use the local issuer.');
  const response = await fetch(config.auth.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups }),
  });
  const body = (await response.json().catch(() => ({}))) as { idToken?: string; message?: string };
  if (!response.ok || !body.idToken) throw new Error(body.message ?? `Sign-in failed (HTTP ${response.status})`);
  return keep(body.idToken, 'local');
}

export function hostedUiSettings(config: AppConfig): HostedUiSettings | null {
  if (config.auth.kind !== 'cognito' || !config.auth.hostedUiDomain) return null;
  return { domain: config.auth.hostedUiDomain, clientId: config.auth.clientId, redirectUri: `${location.origin}${import.meta.env.BASE_URL}` };
}

/** Leaves for the hosted UI; it comes back to the dashboard with `?code=…&state=…`. */
export async function beginHostedUi(config: AppConfig): Promise<void> {
  const settings = hostedUiSettings(config);
  if (!settings) throw new Error('No Cognito hosted UI is configured.');
  const { verifier, challenge } = await createPkcePair();
  const state = crypto.randomUUID();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  location.assign(authorizeUrl(settings, challenge, state));
}

/**
 * Finishes a hosted-UI sign-in when the page was opened as its callback.
 * @returns the session, or null when the URL carries no authorization code
 */
export async function completeHostedUi(config: AppConfig): Promise<Session | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error_description') ?? params.get('error');
  if (!code && !error) return null;
  history.replaceState(null, '', location.pathname);
  if (error) throw new Error(`Sign-in was not completed: ${error}`);
  const settings = hostedUiSettings(config);
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? '{}') as { verifier?: string; state?: string };
  sessionStorage.removeItem(PKCE_KEY);
  if (!settings || !pending.verifier || pending.state !== params.get('state')) throw new Error('Sign-in was not started from this page; please try again.');
  const tokens = await exchangeCode(settings, code!, pending.verifier);
  return keep(tokens.idToken, 'cognito');
}

/** Forgets the tokens (and signs out of the hosted UI when that is how the user came). */
export function signOut(config: AppConfig, session: Session | null): void {
  localStorage.removeItem(STORAGE_KEY);
  const settings = session?.via === 'cognito' ? hostedUiSettings(config) : null;
  if (settings) location.assign(logoutUrl(settings));
}
