/**
 * The services behind the API in the embedded runtime: the S3-API object store, the event bus with
 * its EventBridge-API endpoint, and the function runner — wired from infra/storage.ts,
 * infra/events.ts and infra/functions.ts. Uploads announce themselves on the bus like S3 does on
 * AWS; rules deliver to functions (asynchronous invocations) or to AppSync mutations; functions
 * reach every service through the same SDK calls as on AWS, with the worker credential.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventBusName, rules } from '../events';
import { functionDeclarations, type FunctionName } from '../functions';
import { bucket } from '../storage';
import type { IamIdentity, Principal } from './appsync/types';
import type { WorkerCredentials } from './auth/iam';
import { createIamVerifier } from './auth/iam';
import { createLocalBus, type LocalBus } from './events/bus';
import { startEventBridgeEndpoint } from './events/http-endpoint';
import type { AppSyncExecutor } from './events/targets';
import { createFunctionRunner, type FunctionRunner } from './functions/runner';
import type { Logger } from './log';
import { startS3Server } from './s3/server';

export interface PlatformServicesOptions {
  host: string;
  /** Persist objects and dead letters here; null keeps them in temporary directories (tests). */
  dataDir: string | null;
  region: string;
  tableName: string;
  dynamodbEndpoint: string;
  appSyncUrl: string;
  workerCredentials: WorkerCredentials;
  /** Runs a GraphQL operation as the bus's AppSync target role (wired to the engine). */
  executeAppSync: AppSyncExecutor;
  logger: Logger;
  /** Lambda's async retry waits (1 min, 2 min) multiplied by this. @default 1/60 */
  retryDelayScale?: number;
}

export interface PlatformServices {
  readonly s3Endpoint: string;
  readonly eventBridgeEndpoint: string;
  readonly bucketName: string;
  readonly bus: LocalBus;
  readonly runner: FunctionRunner<FunctionName>;
  stop(): Promise<void>;
}

/** The identity AppSync sees for EventBridge's AppSync target (it signs with the rule's IAM role). */
export function eventBridgeTargetPrincipal(region: string): Principal {
  const identity: IamIdentity = {
    accountId: '000000000000',
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: ['127.0.0.1'],
    username: 'AROAEVENTBRIDGETARGET:events-appsync-target',
    userArn: `arn:aws:sts::000000000000:assumed-role/mediagraph-events-appsync/${region}`,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
  return { mode: 'AWS_IAM', identity };
}

export async function startPlatformServices(options: PlatformServicesOptions): Promise<PlatformServices> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch(() => {});
    }
  };
  try {
    const temporary = options.dataDir === null ? await mkdtemp(path.join(tmpdir(), 'mediagraph-services-')) : null;
    if (temporary) {
      stops.push(() => rm(temporary, { recursive: true, force: true }));
    }
    const dataDir = options.dataDir ?? temporary!;
    // The bus and the runner need each other (rules invoke functions; failed invocations dead-letter).
    const late: { runner?: FunctionRunner<FunctionName> } = {};
    const bus = await createLocalBus({
      rules,
      invoker: {
        invokeAsync: (name, event) => {
          if (!late.runner) {
            throw new Error('function runner not started');
          }
          late.runner.invokeAsync(name, event);
        },
      },
      executeAppSync: options.executeAppSync,
      deadLetterDir: path.join(dataDir, 'dead-letters'),
      region: options.region,
      eventBusName,
      logger: options.logger,
      // The bus's own retry waits follow the same speed-up as Lambda's (1 s base at the default 1/60).
      ...(options.retryDelayScale !== undefined ? { retry: { timeScale: options.retryDelayScale * 60 } } : {}),
    });
    stops.push(() => bus.close());

    const s3 = await startS3Server({
      host: options.host,
      dataDir: path.join(dataDir, 'objects'),
      buckets: [bucket.localName],
      region: options.region,
      credentials: [options.workerCredentials],
      cors: bucket.cors,
      versioned: bucket.versioned,
      logger: options.logger,
      onObjectCreated: (event) => {
        bus.publishServiceEvent({ source: event.source, detailType: event['detail-type'], detail: { ...event.detail }, resources: event.resources });
      },
    });
    stops.push(() => s3.stop());

    const eventsVerifier = createIamVerifier({ region: options.region, service: 'events' });
    eventsVerifier.register(options.workerCredentials, { roleName: 'mediagraph-worker', sessionName: 'local-functions' });
    const events = await startEventBridgeEndpoint({ bus, verifier: eventsVerifier, logger: options.logger, host: options.host });
    stops.push(() => events.close());

    const runner = createFunctionRunner({
      declarations: functionDeclarations,
      environment: {
        MEDIAGRAPH_RUNTIME: 'local',
        AWS_REGION: options.region,
        TABLE_NAME: options.tableName,
        MEDIA_BUCKET: bucket.localName,
        EVENT_BUS_NAME: eventBusName,
        APPSYNC_URL: options.appSyncUrl,
        S3_ENDPOINT: s3.endpoint,
        DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
        EVENTBRIDGE_ENDPOINT: events.url,
        AWS_ACCESS_KEY_ID: options.workerCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: options.workerCredentials.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        SCRATCH_DIR: path.join(dataDir, 'scratch'),
        ...(process.env.FFMPEG_BIN ? { FFMPEG_BIN: process.env.FFMPEG_BIN } : {}),
      },
      ...(options.retryDelayScale !== undefined ? { retryDelayScale: options.retryDelayScale } : {}),
      onFailure: async (failed) => {
        await bus.recordFailedInvocation(failed);
      },
      logger: options.logger,
    });
    late.runner = runner;
    // Let running invocations finish before workers are terminated: terminating a thread inside a native
    // call (onnxruntime, sharp) can abort the whole process.
    stops.push(() => runner.close({ timeoutMs: 60_000 }));

    return {
      s3Endpoint: s3.endpoint,
      eventBridgeEndpoint: events.url,
      bucketName: bucket.localName,
      bus,
      runner,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
