/**
 * What the dashboard needs to know to talk to an API: where GraphQL and the real-time endpoint are,
 * and how people sign in. The local runtime answers it at `/app/config.json`; a deployed build ships
 * a `config.json` with the same shape (or the stack's outputs as `cdk deploy --outputs-file` writes
 * them: the dashboard reads both, see `web/src/api/config.ts`).
 */
import type { UserPoolConfig } from '../auth/config';

/** The sign-in the dashboard offers. */
export type DashboardAuthConfig =
  | {
      /** The runtime's own issuer: a user name and groups in, tokens out of `tokenUrl`. */
      readonly kind: 'local';
      readonly tokenUrl: string;
      /** The roles a user may pick (the user pool's groups). */
      readonly groups: readonly string[];
    }
  | {
      /** A real Cognito user pool: the hosted UI's OAuth authorization-code flow with PKCE. */
      readonly kind: 'cognito';
      readonly region: string;
      readonly userPoolId: string;
      readonly clientId: string;
      /** e.g. `https://my-media.auth.eu-west-1.amazoncognito.com`; null when the pool has no domain. */
      readonly hostedUiDomain: string | null;
    };

export interface DashboardConfig {
  /** Absolute, or relative to the page's origin (`/graphql` locally). */
  readonly graphqlUrl: string;
  /** Null: derive it from `graphqlUrl` as AWS clients do. */
  readonly realtimeUrl: string | null;
  readonly region: string;
  readonly auth: DashboardAuthConfig;
}

/**
 * The configuration for a runtime trusting `userPool`. URLs are origin-relative so the page works
 * under whichever host name the browser used (127.0.0.1, localhost, a LAN name).
 * @param hostedUiDomain the Cognito domain's base URL (`COGNITO_HOSTED_UI_DOMAIN`), for a real pool
 */
export function dashboardConfig(userPool: UserPoolConfig, groups: readonly string[], hostedUiDomain: string | null): DashboardConfig {
  const auth: DashboardAuthConfig =
    userPool.kind === 'local'
      ? { kind: 'local', tokenUrl: '/auth/token', groups }
      : {
          kind: 'cognito',
          region: userPool.region,
          userPoolId: userPool.userPoolId,
          clientId: userPool.clientId,
          hostedUiDomain: normaliseDomain(hostedUiDomain),
        };
  return { graphqlUrl: '/graphql', realtimeUrl: null, region: userPool.region, auth };
}

/** `my-media.auth.eu-west-1.amazoncognito.com` or a full URL → `https://…` without a trailing slash. */
function normaliseDomain(domain: string | null): string | null {
  const trimmed = domain?.trim();
  if (!trimmed) return null;
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return withScheme.replace(/\/+$/, '');
}
