/** What the dashboard reads from an ID token (never trusted for access: the API verifies it). Pure. */

export interface TokenClaims {
  username: string;
  groups: string[];
  /** Seconds since the epoch. */
  expiresAt: number;
  sub: string;
}

/** Decodes a JWT's payload; null when it is not one. */
export function readClaims(jwt: string): TokenClaims | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(decodeBase64Url(payload)) as Record<string, unknown>;
    const username = json['cognito:username'] ?? json.username ?? json.email ?? json.sub;
    return {
      username: typeof username === 'string' ? username : 'unknown',
      groups: Array.isArray(json['cognito:groups']) ? json['cognito:groups'].filter((g): g is string => typeof g === 'string') : [],
      expiresAt: typeof json.exp === 'number' ? json.exp : 0,
      sub: typeof json.sub === 'string' ? json.sub : '',
    };
  } catch {
    return null;
  }
}

/** Whether the token expires within `marginSeconds` of `now` (ms). */
export function isExpired(claims: TokenClaims, now: number = Date.now(), marginSeconds = 30): boolean {
  return claims.expiresAt * 1000 <= now + marginSeconds * 1000;
}

function decodeBase64Url(value: string): string {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
