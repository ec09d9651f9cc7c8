/**
 * `npm start`: the whole platform on this machine, no AWS. Reads PORT (4000), HOST (127.0.0.1),
 * DATA_DIR (.data) and, to trust a real Cognito user pool instead of the local issuer,
 * COGNITO_USER_POOL_ID + COGNITO_CLIENT_ID (+ AWS_REGION). Prints one line per endpoint.
 */
import { userPoolConfigFromEnv, baseUrlFromEnv, dataDirFromEnv } from './auth/config';
import { createLogger } from './log';
import { startLocalRuntime } from './runtime';

async function main(): Promise<void> {
  const env = process.env;
  const base = new URL(baseUrlFromEnv(env));
  const userPool = userPoolConfigFromEnv(env);
  const dataDir = dataDirFromEnv(env);
  const logger = createLogger();
  const startedAt = performance.now();
  const runtime = await startLocalRuntime({
    host: base.hostname.replace(/^\[|\]$/g, ''),
    port: Number(base.port),
    dataDir,
    userPool,
    logger,
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const lines = [
    `Mediagraph is running (${seconds} s). Data: ${dataDir}`,
    ...(runtime.dashboardUrl ? [`  Dashboard                      ${runtime.dashboardUrl}`] : []),
    `  GraphQL (AppSync-compatible)   POST ${runtime.graphqlUrl}`,
    `  Real-time subscriptions        ${runtime.realtimeUrl}`,
    `  GraphiQL                       ${runtime.graphiqlUrl}`,
    runtime.issuer
      ? `  Token issuer (Cognito-shaped)  ${runtime.issuer.issuerUrl}  — npm run token -- <user> [--groups admin]`
      : `  User pool                      ${userPool.userPoolId} (Amazon Cognito)`,
    `  DynamoDB API (DynamoDB Local)  ${runtime.dynamodbEndpoint}  table ${runtime.tableName}`,
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    runtime
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`Failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`Mediagraph could not start: ${message}\n`);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write('The port is taken: set PORT to another one, e.g. PORT=4100 npm start\n');
  }
  process.exit(1);
});
