/**
 * The embedded runtime's composition root: one call brings up, on loopback, the DynamoDB API
 * (AWS's DynamoDB Local), the AppSync-compatible GraphQL endpoint executing the compiled resolver
 * bundles, the real-time endpoint, the local Cognito-shaped issuer and GraphiQL — all wired from
 * the declarations in `infra/api.ts` and `infra/table.ts`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dataSources, functions, resolverEnvironment, resolvers, auth as apiAuth } from '../api';
import { bundleResolvers } from '../resolver-bundles';
import { table } from '../table';
import { createDynamoDbDataSource } from './appsync/datasources/dynamodb';
import { createLambdaDataSource } from './appsync/datasources/lambda';
import { createNoneDataSource } from './appsync/datasources/none';
import { loadBundle, type LoadedHandlers } from './appsync/bundle-loader';
import { createGraphQLEngine, rootFieldArguments, type GraphQLEngine } from './appsync/graphql-engine';
import { handleGraphQLRequest } from './appsync/http-handler';
import { createRealtimeServer, type RealtimeServer } from './appsync/realtime/server';
import type { ExecutableResolver } from './appsync/resolver-executor';
import { createResolverRuntime } from './appsync/runtime';
import { loadSchema } from './appsync/schema';
import type { AuthMode, DataSource } from './appsync/types';
import { createAuthenticator } from './auth/authenticator';
import { LOCAL_CLIENT_ID, LOCAL_REGION, LOCAL_USER_POOL_ID, localIssuerUrl, type UserPoolConfig } from './auth/config';
import { createUserPoolVerifier } from './auth/cognito-verifier';
import { createIamVerifier, createWorkerCredentials, type WorkerCredentials } from './auth/iam';
import { answerIssuerRequest } from './auth/issuer-routes';
import { openLocalIssuer, type LocalIssuer } from './auth/issuer';
import { handleTokenRequest } from './auth/token-route';
import { createLocalDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION as DYNAMODB_REGION } from './dynamodb/client';
import { createDynamoDbWireClient, type DynamoDbWireClient } from './dynamodb/wire-client';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb/server';
import { ensureTable } from './dynamodb/table';
import { createGraphiQLRoutes, type GraphiQLRoutes } from './graphiql/routes';
import { dashboardConfig } from './web/dashboard-config';
import { createDashboardRoutes, DASHBOARD_BASE, type DashboardRoutes } from './web/routes';
import type { FunctionInvoker } from './functions/types';
import { silentLogger, type Logger } from './log';
import { eventBridgeTargetPrincipal, startPlatformServices, type PlatformServices } from './platform-services';

export interface LocalRuntimeOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 4000 */
  port?: number;
  /** Where keys, users and (unless in memory) the database live. */
  dataDir: string;
  /** Keep DynamoDB in memory (tests). @default false */
  inMemory?: boolean;
  /** Use an already running DynamoDB API instead of starting DynamoDB Local (tests share one). */
  dynamodbEndpoint?: string;
  /** @default 'mediagraph-MediaTable' */
  tableName?: string;
  /** Which user pool's tokens are accepted. @default the local issuer served by this runtime */
  userPool?: Omit<UserPoolConfig, 'issuerUrl'> & { kind: 'local' | 'cognito' };
  /** Extra resolver environment values (e.g. MAX_UPLOAD_BYTES). */
  environment?: Record<string, string>;
  /** Lambda's async retry waits multiplied by this (tests make them short). @default 1/60 */
  retryDelayScale?: number;
  /** Serve GraphiQL at /graphiql. @default true */
  graphiql?: boolean;
  /** Serve the built dashboard at /app/ (false: not at all). @default { distDir: 'web/dist' } */
  dashboard?: false | { distDir?: string; hostedUiDomain?: string };
  logger?: Logger;
}

export interface LocalRuntime {
  readonly baseUrl: string;
  readonly graphqlUrl: string;
  readonly realtimeUrl: string;
  readonly graphiqlUrl: string;
  /** The web dashboard, or null when not served. */
  readonly dashboardUrl: string | null;
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  readonly region: string;
  /** The local issuer, when the runtime trusts its own tokens (null with a real user pool). */
  readonly issuer: LocalIssuer | null;
  /** The credential the platform's own functions sign their IAM requests with. */
  readonly workerCredentials: WorkerCredentials;
  readonly engine: GraphQLEngine;
  readonly realtime: RealtimeServer;
  readonly dynamodb: DynamoDBClient;
  /** Object store, bus and function runner. */
  readonly services: PlatformServices;
  close(): Promise<void>;
}

/** Starts everything; resolves once every endpoint answers. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const tableName = options.tableName ?? `mediagraph-${table.logicalName}`;
  await mkdir(options.dataDir, { recursive: true });

  const started: { stop(): Promise<void> }[] = [];
  try {
    const database = await openDatabase(options, logger);
    started.push(database);
    const dynamodb = createLocalDynamoDbClient(database.endpoint);
    await ensureTable(dynamodb, table, tableName);

    // Listen first: the issuer's URL (the tokens' `iss`) names the port actually bound.
    const app: { handle?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {};
    const server = createServer((req, res) => {
      const handle = app.handle;
      if (!handle) {
        res.writeHead(503).end();
        return;
      }
      handle(req, res).catch((error: unknown) => {
        logger.error('http.unhandled', { error: String(error), url: req.url?.split('?')[0] });
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
        }
        res.end(JSON.stringify({ errors: [{ errorType: 'InternalFailure', message: 'Internal failure' }] }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4000, host, () => resolve());
    });
    started.push({ stop: () => closeServer(server) });
    const { port } = server.address() as AddressInfo;
    const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    const region = options.userPool?.region ?? LOCAL_REGION;
    const workerCredentials = createWorkerCredentials();
    // The bus's AppSync target runs operations on the engine, created below.
    const late: { engine?: GraphQLEngine } = {};
    const services = await startPlatformServices({
      host,
      dataDir: options.inMemory ? null : options.dataDir,
      region,
      tableName,
      dynamodbEndpoint: database.endpoint,
      appSyncUrl: `${baseUrl}/graphql`,
      workerCredentials,
      logger,
      ...(options.retryDelayScale !== undefined ? { retryDelayScale: options.retryDelayScale } : {}),
      executeAppSync: async ({ operation, variables }) => {
        if (!late.engine) {
          throw new Error('API not started');
        }
        return late.engine.execute({ query: operation, variables, principal: eventBridgeTargetPrincipal(region), headers: {}, requestId: randomUUID() });
      },
    });
    started.push(services);

    const runtime = createResolverRuntime();
    const tokenSecret = await loadSecret(options.dataDir, options.inMemory ?? false);
    // Resolvers reach DynamoDB as AppSync does, with lean wire calls; the SDK client is for set-up and tests.
    const wire = createDynamoDbWireClient({ endpoint: database.endpoint, region: DYNAMODB_REGION, credentials: LOCAL_CREDENTIALS });
    started.push({ stop: async () => wire.destroy() });
    const dataSourceMap = buildDataSources(wire, tableName, tokenSecret, services.runner);
    const executable = await loadResolvers(runtime, dataSourceMap);
    const env = { ...resolverEnvironmentValues(tableName), ...options.environment };
    const engine = createGraphQLEngine({
      schema: loadSchema(),
      resolvers: executable,
      runtime,
      env,
      defaultMode: apiAuth.defaultMode as AuthMode,
    });
    late.engine = engine;

    const issuer =
      options.userPool?.kind === 'cognito'
        ? null
        : await openLocalIssuer({
            dataDir: options.dataDir,
            issuerUrl: localIssuerUrl(baseUrl, options.userPool?.userPoolId ?? LOCAL_USER_POOL_ID),
            userPoolId: options.userPool?.userPoolId ?? LOCAL_USER_POOL_ID,
            clientId: options.userPool?.clientId ?? LOCAL_CLIENT_ID,
            region,
          });
    const userPool: UserPoolConfig = issuer
      ? { kind: 'local', userPoolId: issuer.userPoolId, clientId: issuer.clientId, region, issuerUrl: issuer.issuerUrl }
      : { kind: 'cognito', userPoolId: options.userPool!.userPoolId, clientId: options.userPool!.clientId, region };
    const iam = createIamVerifier({ region });
    iam.register(workerCredentials, { roleName: 'mediagraph-worker', sessionName: 'local-functions' });
    const authenticator = createAuthenticator({
      cognito: createUserPoolVerifier(userPool, issuer ? { jwks: issuer.jwks() } : {}),
      iam,
    });

    const realtime = createRealtimeServer({
      schema: engine.schema,
      authenticator,
      onSubscribe: (request) =>
        engine.subscribe({
          ...request,
          arguments: request.arguments ?? rootFieldArguments(engine.schema, request.document, request.fieldName, request.variables),
          requestId: randomBytes(8).toString('hex'),
        }),
    });
    engine.setPublisher(realtime);
    started.push({ stop: () => realtime.close() });
    server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname === '/graphql/realtime') {
        realtime.handleUpgrade(req, socket, head);
      } else {
        socket.destroy();
      }
    });

    const graphiql: GraphiQLRoutes | null = options.graphiql === false ? null : await createGraphiQLRoutes();
    const dashboard: DashboardRoutes | null =
      options.dashboard === false
        ? null
        : createDashboardRoutes({
            config: dashboardConfig(userPool, apiAuth.groups, options.dashboard?.hostedUiDomain ?? process.env.COGNITO_HOSTED_UI_DOMAIN ?? null),
            ...(options.dashboard?.distDir ? { distDir: options.dashboard.distDir } : {}),
          });
    app.handle = async (req, res) => {
      const url = new URL(req.url ?? '/', baseUrl);
      if (url.pathname === '/graphql') {
        await handleGraphQLRequest(req, res, { engine, authenticator, logger });
        return;
      }
      if (issuer) {
        const answer = answerIssuerRequest(issuer, req.method ?? 'GET', url.pathname);
        if (answer) {
          res.writeHead(answer.statusCode, answer.headers).end(answer.body);
          return;
        }
        if (url.pathname === '/auth/token') {
          await handleTokenRequest(req, res, issuer);
          return;
        }
      }
      if (url.pathname === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...realtime.stats() }));
        return;
      }
      if (dashboard && (await dashboard.handle(req, res, url))) {
        return;
      }
      if (graphiql && (await graphiql.handle(req, res, url))) {
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not found' }));
    };

    return {
      baseUrl,
      graphqlUrl: `${baseUrl}/graphql`,
      realtimeUrl: `${baseUrl.replace(/^http/, 'ws')}/graphql/realtime`,
      graphiqlUrl: `${baseUrl}/graphiql`,
      dashboardUrl: dashboard ? `${baseUrl}${DASHBOARD_BASE}` : null,
      dynamodbEndpoint: database.endpoint,
      tableName,
      region,
      issuer,
      workerCredentials,
      engine,
      realtime,
      dynamodb,
      services,
      close: async () => {
        dynamodb.destroy();
        await stopAll(started);
      },
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

/** DynamoDB Local, started by the runtime, or an endpoint given by the caller (left running). */
async function openDatabase(options: LocalRuntimeOptions, logger: Logger): Promise<{ endpoint: string; stop(): Promise<void> }> {
  if (options.dynamodbEndpoint) {
    return { endpoint: options.dynamodbEndpoint, stop: async () => {} };
  }
  const local: DynamoDbLocal = await startDynamoDbLocal(
    options.inMemory ? {} : { dataDir: path.join(options.dataDir, 'dynamodb') },
  );
  logger.info('dynamodb.started', { endpoint: local.endpoint });
  return { endpoint: local.endpoint, stop: () => local.stop() };
}

function buildDataSources(
  dynamodb: DynamoDbWireClient,
  tableName: string,
  tokenSecret: Buffer,
  invoker: FunctionInvoker,
): Map<string, DataSource> {
  const map = new Map<string, DataSource>();
  for (const [name, declaration] of Object.entries(dataSources)) {
    switch (declaration.kind) {
      case 'DYNAMODB':
        map.set(name, createDynamoDbDataSource({ name, client: dynamodb, tableName, tokenSecret }));
        break;
      case 'NONE':
        map.set(name, createNoneDataSource(name));
        break;
      case 'LAMBDA':
        map.set(name, createLambdaDataSource({ name, functionName: declaration.functionName, invoker }));
        break;
    }
  }
  return map;
}

/** Compiles every declared bundle and loads it into its own context. */
async function loadResolvers(
  runtime: ReturnType<typeof createResolverRuntime>,
  dataSourceMap: Map<string, DataSource>,
): Promise<Map<string, ExecutableResolver>> {
  const bundles = await bundleResolvers();
  const loaded = new Map<string, LoadedHandlers>();
  for (const bundle of bundles.values()) {
    loaded.set(bundle.source, loadBundle(bundle.source, bundle.code, runtime));
  }
  const handlersOf = (file: string) => {
    const handlers = loaded.get(file);
    if (!handlers) {
      throw new Error(`No bundle for ${file}`);
    }
    return handlers;
  };
  const dataSourceOf = (name: string) => {
    const dataSource = dataSourceMap.get(name);
    if (!dataSource) {
      throw new Error(`Data source ${name} is declared but not available locally`);
    }
    return dataSource;
  };
  const executable = new Map<string, ExecutableResolver>();
  for (const resolver of resolvers) {
    const key = `${resolver.typeName}.${resolver.fieldName}`;
    if (resolver.kind === 'UNIT') {
      executable.set(key, { kind: 'UNIT', handlers: handlersOf(resolver.file), dataSource: dataSourceOf(resolver.dataSource) });
    } else {
      executable.set(key, {
        kind: 'PIPELINE',
        handlers: handlersOf(resolver.file),
        functions: resolver.functions.map((name) => ({
          name,
          handlers: handlersOf(functions[name].file),
          dataSource: dataSourceOf(functions[name].dataSource),
        })),
      });
    }
  }
  return executable;
}

/** `ctx.env` values from the declaration, resolved for this runtime. */
function resolverEnvironmentValues(tableName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, source] of Object.entries(resolverEnvironment)) {
    env[name] = source.from === 'table' ? tableName : source.value;
  }
  return env;
}

/** The secret sealing pagination tokens: persisted so tokens survive restarts (fresh when in memory). */
async function loadSecret(dataDir: string, inMemory: boolean): Promise<Buffer> {
  if (inMemory) {
    return randomBytes(32);
  }
  const file = path.join(dataDir, 'secrets', 'pagination-token.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const secret = randomBytes(32);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
  return secret;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function stopAll(started: { stop(): Promise<void> }[]): Promise<void> {
  for (const item of started.reverse()) {
    await item.stop().catch(() => {});
  }
}
