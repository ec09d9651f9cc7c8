/**
 * Prints a user-pool token from the local issuer, for curl, GraphiQL and scripts:
 *
 *   npx tsx infra/local/auth/token-cli.ts <username> [--groups admin,editor] [--email x] [--ttl 3600] [--access]
 *   TOKEN=$(npm run -s token -- alice | tail -1)
 *
 * The token is the last line of stdout (an ID token, or the access token with `--access`); a
 * human-readable line goes to stderr. Reads `DATA_DIR` (default `.data` in the repo root) and
 * `HOST`/`PORT` (the issuer is `http://HOST:PORT/cognito/<poolId>`) like the runtime, so the
 * runtime accepts what this prints.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AuthConfigError, baseUrlFromEnv, dataDirFromEnv, userPoolConfigFromEnv } from './config';
import { openLocalIssuer } from './issuer';
import { InvalidParameterError } from './user-names';

/** Where the CLI writes. */
export interface CliOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

const USAGE = 'Usage: token-cli <username> [--groups admin,editor] [--email user@example.com] [--ttl 3600] [--access]';

/**
 * Runs the CLI.
 * @returns the process exit code: 0 printed a token, 2 bad arguments, 1 anything else
 */
export async function runTokenCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  let parsed: ReturnType<typeof parseCliArguments>;
  try {
    parsed = parseCliArguments(argv);
  } catch (error) {
    output.stderr(`token-cli: ${error instanceof Error ? error.message : String(error)}`);
    output.stderr(USAGE);
    return 2;
  }
  if (parsed.help) {
    output.stderr(USAGE);
    return 0;
  }
  try {
    const baseUrl = baseUrlFromEnv(env);
    const pool = userPoolConfigFromEnv(env, baseUrl);
    if (pool.kind !== 'local') {
      output.stderr(`token-cli: COGNITO_USER_POOL_ID is set (${pool.userPoolId}); sign in to that user pool to get its tokens. Unset it to use the local issuer.`);
      return 1;
    }
    const issuer = await openLocalIssuer({ dataDir: dataDirFromEnv(env), issuerUrl: pool.issuerUrl, userPoolId: pool.userPoolId, clientId: pool.clientId, region: pool.region });
    const tokens = await issuer.issueTokens({
      username: parsed.username,
      groups: parsed.groups,
      ...(parsed.email !== undefined ? { email: parsed.email } : {}),
      ...(parsed.ttlSeconds !== undefined ? { ttlSeconds: parsed.ttlSeconds } : {}),
    });
    const kind = parsed.access ? 'access' : 'ID';
    const groups = parsed.groups.length > 0 ? parsed.groups.join(', ') : 'no groups';
    output.stderr(`${kind} token for ${parsed.username} (sub ${tokens.sub}; ${groups}) from ${issuer.issuerUrl}, valid ${tokens.expiresIn} s:`);
    output.stdout(parsed.access ? tokens.accessToken : tokens.idToken);
    return 0;
  } catch (error) {
    if (error instanceof InvalidParameterError || error instanceof AuthConfigError) {
      output.stderr(`token-cli: ${error.message}`);
      output.stderr(USAGE);
      return 2;
    }
    output.stderr(`token-cli: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

interface CliArguments {
  help: boolean;
  username: string;
  groups: string[];
  email: string | undefined;
  ttlSeconds: number | undefined;
  access: boolean;
}

function parseCliArguments(argv: readonly string[]): CliArguments {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      groups: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string' },
      access: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true, username: '', groups: [], email: undefined, ttlSeconds: undefined, access: false };
  if (positionals.length !== 1 || positionals[0] === undefined) {
    throw new Error(positionals.length === 0 ? 'missing <username>' : `expected one <username>, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const groups = values.groups === undefined ? [] : values.groups.split(',').map((group) => group.trim()).filter((group) => group !== '');
  let ttlSeconds: number | undefined;
  if (values.ttl !== undefined) {
    ttlSeconds = Number(values.ttl);
    if (!/^\d+$/.test(values.ttl.trim()) || !Number.isSafeInteger(ttlSeconds)) throw new Error(`--ttl must be a whole number of seconds, got "${values.ttl}"`);
  }
  return { help: false, username: positionals[0], groups, email: values.email, ttlSeconds, access: values.access ?? false };
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  const code = await runTokenCli(process.argv.slice(2), process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}
