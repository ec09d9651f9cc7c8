/**
 * Starts and stops AWS's DynamoDB Local (the jar shipped in `amplify-dynamodb-simulator`) as the
 * local runtime's DynamoDB: the real DynamoDB wire API on loopback, in memory for tests or
 * persisted under a data directory.
 *
 * DynamoDB Local has no option to choose the listening address (it binds 0.0.0.0), so it is
 * started through `LoopbackLauncher.java`, which binds it to `host` only. The JVM is killed on
 * `stop()`, on this process's exit, and exits by itself when this process dies.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDbClient } from './client';
import { locateDynamoDbLocal } from './emulator';
import {
  DynamoDbLocalError,
  DynamoDbLocalExitedError,
  DynamoDbLocalStartTimeoutError,
  JavaNotFoundError,
} from './errors';
import { killOnExit } from './exit-hook';
import { launcherJavaArguments } from './launcher';
import { followOutput, type OutputTail } from './output-tail';

export interface DynamoDbLocalOptions {
  /** Persist tables here (`-dbPath DIR -sharedDb`); omit to keep everything in memory. */
  dataDir?: string;
  /** Port to listen on; 0 or omitted picks a free port. */
  port?: number;
  /** Address to bind. @default '127.0.0.1' */
  host?: string;
  /** The Java executable. @default 'java' (from PATH) */
  javaPath?: string;
  /** How long to wait for DynamoDB Local to answer. @default 60000 */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  /** e.g. `http://127.0.0.1:41234`, for the SDK's `endpoint`. */
  readonly endpoint: string;
  /** Milliseconds from spawning the JVM until ListTables answered. */
  readonly startupMs: number;
  /** Stops the JVM (idempotent). In-memory data is gone afterwards. */
  stop(): Promise<void>;
}

type JavaChild = ChildProcessByStdio<Writable, Readable, Readable>;

const LISTENING_MARKER = 'MEDIAGRAPH_DYNAMODB_LOCAL_LISTENING ';
const POLL_INTERVAL_MS = 50;
const STOP_GRACE_MS = 5_000;

/**
 * Starts DynamoDB Local and waits until it answers ListTables through the SDK.
 * @returns its endpoint, startup time and a `stop()`
 * @throws JavaNotFoundError, DynamoDbLocalNotInstalledError, DynamoDbLocalExitedError (with its
 *   output), DynamoDbLocalStartTimeoutError
 * @example
 * const dynamodb = await startDynamoDbLocal({ dataDir: '.data/dynamodb' });
 * // ... new DynamoDBClient({ endpoint: dynamodb.endpoint, ... })
 * await dynamodb.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const javaPath = options.javaPath ?? 'java';
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new DynamoDbLocalError(`Invalid port ${port}: expected an integer from 0 to 65535.`);
  }

  const installation = locateDynamoDbLocal();
  const storage = options.dataDir ? await persistentStorage(options.dataDir) : ['-inMemory', '-sharedDb'];
  const javaArguments = await launcherJavaArguments(javaPath, installation);
  const startedAt = performance.now();
  const child: JavaChild = spawn(javaPath, [...javaArguments, host, String(port), ...storage, '-disableTelemetry'], {
    cwd: installation.directory,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const unregister = killOnExit(child);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= terminate(child).finally(unregister);
    return stopping;
  };

  try {
    const endpoint = await waitUntilReady(child, javaPath, host, timeoutMs);
    return { endpoint, startupMs: Math.round(performance.now() - startedAt), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function persistentStorage(dataDir: string): Promise<string[]> {
  const directory = resolvePath(dataDir);
  await mkdir(directory, { recursive: true });
  return ['-dbPath', directory, '-sharedDb'];
}

/**
 * Resolves with the endpoint once the launcher printed its bound port and ListTables answered;
 * rejects when Java cannot run, the JVM exits, or the time is up.
 */
function waitUntilReady(child: JavaChild, javaPath: string, host: string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    let polling = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      outcome();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(() => reject(new DynamoDbLocalExitedError(code, signal, tail.text())));
    const onLine = (line: string) => {
      if (polling || !line.startsWith(LISTENING_MARKER)) return;
      polling = true;
      const boundPort = Number(line.slice(LISTENING_MARKER.length).split(' ')[1]);
      const endpoint = `http://${urlHost(host)}:${boundPort}`;
      void pollListTables(endpoint, () => settled).then((answered) => {
        if (answered) finish(() => resolve(endpoint));
      });
    };
    const tail: OutputTail = followOutput(child.stdout, child.stderr, onLine);
    const timer = setTimeout(
      () => finish(() => reject(new DynamoDbLocalStartTimeoutError(timeoutMs, tail.text()))),
      timeoutMs,
    );
    child.once('error', (error: NodeJS.ErrnoException) =>
      finish(() => reject(error.code === 'ENOENT' ? new JavaNotFoundError(javaPath, { cause: error }) : error)),
    );
    child.on('exit', onExit);
    // Our end of stdin stays open for the JVM's lifetime; an EPIPE after it died is expected.
    child.stdin.on('error', () => undefined);
  });
}

/** Polls ListTables until it answers (true) or `gaveUp()` says the wait is over (false). */
async function pollListTables(endpoint: string, gaveUp: () => boolean): Promise<boolean> {
  const client = createLocalDynamoDbClient(endpoint, { maxAttempts: 1 });
  try {
    while (!gaveUp()) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    }
    return false;
  } finally {
    client.destroy();
  }
}

/** Closes the JVM's stdin (its watchdog exits), sends SIGTERM, and SIGKILL after a grace period. */
function terminate(child: JavaChild): Promise<void> {
  // No pid: the spawn itself failed (e.g. java missing) and no 'exit' event may ever come.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.stdin.end();
    child.kill('SIGTERM');
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
