/**
 * The local S3-API server: the request handler on a loopback port, reached by
 * `@aws-sdk/client-s3` with `endpoint` + `forcePathStyle: true` and by browsers through presigned
 * URLs, exactly as on AWS. Without a `dataDir` it keeps its data in a temporary directory removed
 * on stop (tests); with one, objects survive restarts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Credential } from './credentials';
import { createS3RequestHandler } from './request-handler';
import type { S3HandlerOptions } from './request-handler';

/** Settings of `startS3Server`. */
export interface S3ServerOptions extends Omit<S3HandlerOptions, 'dataDir'> {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a temporary directory, removed by `stop()` */
  readonly dataDir?: string;
}

/** A running server. */
export interface RunningS3Server {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint` (with `forcePathStyle: true`). */
  readonly endpoint: string;
  readonly dataDir: string;
  /** Stops listening, drops open connections, removes a temporary data directory. */
  stop(): Promise<void>;
  registerCredentials(credential: S3Credential): void;
  revokeCredentials(accessKeyId: string): boolean;
}

/**
 * Starts the server.
 * @returns once it listens
 * @example
 * const s3 = await startS3Server({ buckets: ['media'], region: 'us-east-1', credentials: [workerKey], cors: bucket.cors });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', credentials: workerKey });
 */
export async function startS3Server(options: S3ServerOptions): Promise<RunningS3Server> {
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mediagraph-s3-')));
  try {
    const handler = await createS3RequestHandler({ ...options, dataDir });
    const server = createServer(handler.handle);
    // Uploads of gigabytes take longer than Node's default 5-minute request timeout.
    server.requestTimeout = 0;
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return {
      endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      dataDir,
      registerCredentials: handler.registerCredentials,
      revokeCredentials: handler.revokeCredentials,
      async stop() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (temporary) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (temporary) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
