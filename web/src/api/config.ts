/**
 * Where the API is and how to sign in, read once at start from `config.json` next to the app: the
 * local runtime serves it (infra/local/web/dashboard-config.ts); a deployed build ships one — either
 * that shape, or the stack's outputs as `cdk deploy --outputs-file` writes them
 * (`{ "Mediagraph": { "GraphQLUrl": …, "UserPoolId": …, … } }`), which `parseConfig` accepts too.
 */

export type AuthConfig =
  | { kind: 'local'; tokenUrl: string; groups: string[] }
  | { kind: 'cognito'; region: string; userPoolId: string; clientId: string; hostedUiDomain: string | null };

export interface AppConfig {
  graphqlUrl: string;
  realtimeUrl: string | null;
  region: string;
  auth: AuthConfig;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`config.json: ${name} must be a non-empty string`);
  return value;
};

/**
 * Reads either shape, resolving relative URLs against `origin`.
 * @throws ConfigError naming the field that is missing or wrong
 */
export function parseConfig(raw: unknown, origin: string): AppConfig {
  if (!isObject(raw)) throw new ConfigError('config.json must hold a JSON object');
  const outputs = findStackOutputs(raw);
  if (outputs) return fromStackOutputs(outputs);
  const graphqlUrl = new URL(text(raw.graphqlUrl, 'graphqlUrl'), origin).toString();
  const realtimeUrl = typeof raw.realtimeUrl === 'string' && raw.realtimeUrl !== '' ? raw.realtimeUrl : null;
  const auth = raw.auth;
  if (!isObject(auth)) throw new ConfigError('config.json: auth must be an object');
  if (auth.kind === 'local') {
    return {
      graphqlUrl,
      realtimeUrl,
      region: typeof raw.region === 'string' ? raw.region : 'us-east-1',
      auth: {
        kind: 'local',
        tokenUrl: new URL(text(auth.tokenUrl, 'auth.tokenUrl'), origin).toString(),
        groups: Array.isArray(auth.groups) ? auth.groups.filter((g): g is string => typeof g === 'string') : [],
      },
    };
  }
  if (auth.kind === 'cognito') {
    return {
      graphqlUrl,
      realtimeUrl,
      region: text(auth.region, 'auth.region'),
      auth: {
        kind: 'cognito',
        region: text(auth.region, 'auth.region'),
        userPoolId: text(auth.userPoolId, 'auth.userPoolId'),
        clientId: text(auth.clientId, 'auth.clientId'),
        hostedUiDomain: typeof auth.hostedUiDomain === 'string' && auth.hostedUiDomain !== '' ? auth.hostedUiDomain.replace(/\/+$/, '') : null,
      },
    };
  }
  throw new ConfigError(`config.json: auth.kind must be "local" or "cognito", got ${JSON.stringify(auth.kind)}`);
}

/** The outputs object, at the top or under the stack's name. */
function findStackOutputs(raw: Json): Json | null {
  if (typeof raw.GraphQLUrl === 'string') return raw;
  for (const value of Object.values(raw)) if (isObject(value) && typeof value.GraphQLUrl === 'string') return value;
  return null;
}

/** The stack's outputs (infra/cdk/mediagraph-stack.ts) as the dashboard's configuration. */
export function fromStackOutputs(outputs: Json): AppConfig {
  const region = text(outputs.Region, 'Region');
  return {
    graphqlUrl: text(outputs.GraphQLUrl, 'GraphQLUrl'),
    realtimeUrl: typeof outputs.RealtimeUrl === 'string' && outputs.RealtimeUrl !== '' ? outputs.RealtimeUrl : null,
    region,
    auth: {
      kind: 'cognito',
      region,
      userPoolId: text(outputs.UserPoolId, 'UserPoolId'),
      clientId: text(outputs.UserPoolClientId, 'UserPoolClientId'),
      hostedUiDomain: typeof outputs.HostedUiDomain === 'string' && outputs.HostedUiDomain !== '' ? outputs.HostedUiDomain.replace(/\/+$/, '') : null,
    },
  };
}

/** Fetches and parses `config.json` beside the app. */
export async function loadConfig(baseUrl: string): Promise<AppConfig> {
  const response = await fetch(`${baseUrl}config.json`, { cache: 'no-cache' });
  if (!response.ok) throw new ConfigError(`Could not load config.json (HTTP ${response.status})`);
  return parseConfig(await response.json(), location.origin);
}
