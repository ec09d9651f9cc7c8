/**
 * How the local function runner is configured, with the defaults that make it behave like Lambda
 * on a laptop; validated once when the runner is created.
 */
import type { FunctionDeclaration } from '../../functions';
import type { Logger } from '../log';
import type { LogLevelName } from './worker-protocol';
import type { FailedInvocation } from './types';

/** A line a handler wrote (console or stdout/stderr), tagged with its invocation. */
export interface FunctionLogEntry {
  readonly time: string;
  readonly functionName: string;
  /** null: written while no invocation ran (module load, stray timers). */
  readonly requestId: string | null;
  readonly level: LogLevelName;
  readonly message: string;
}

export interface FunctionRunnerOptions<N extends string> {
  /** The functions, by name (normally `functionDeclarations` from `infra/functions.ts`). */
  readonly declarations: Readonly<Record<N, FunctionDeclaration>>;
  /** Variables every function sees (TABLE_NAME, MEDIA_BUCKET, endpoints, worker credentials…). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variables for one function only, over `environment`. */
  readonly functionEnvironment?: Readonly<Partial<Record<N, Readonly<Record<string, string>>>>>;
  /** Host variables passed through. @default ['PATH', 'HOME', 'LANG', 'TMPDIR'] */
  readonly inheritEnvironment?: readonly string[];
  /** @default environment.AWS_REGION ?? 'us-east-1' */
  readonly region?: string;
  /** For function ARNs. @default '000000000000' */
  readonly accountId?: string;
  /** Where declared handler paths are relative to. @default the repository root */
  readonly projectRoot?: string;
  /** Where bundled modules are written. @default `<projectRoot>/node_modules/.cache/mediagraph-functions` */
  readonly bundleDirectory?: string;
  /** Synchronous invocations that may wait per function before callers are throttled. @default 100 */
  readonly maxQueuedInvocations?: number;
  /** An environment idle this long is stopped. @default 60_000 */
  readonly idleTimeoutMs?: number;
  /** Multiplies Lambda's asynchronous retry waits (1 min, 2 min). @default 1/60 */
  readonly retryDelayScale?: number;
  /** Stack traces in error payloads point at the .ts sources (Node's --enable-source-maps in each worker). @default true */
  readonly sourceMaps?: boolean;
  /** Lambda's on-failure destination: events whose attempts are exhausted (wire it to a dead-letter store). */
  readonly onFailure?: (failed: FailedInvocation) => void | Promise<void>;
  /** Receives every line a handler writes (they also go to `logger.debug`). */
  readonly onLog?: (entry: FunctionLogEntry) => void;
  /** Structured logs: a report per invocation, failures, handler output at debug. @default silent */
  readonly logger?: Logger;
}

/** Options with defaults applied. */
export interface ResolvedRunnerSettings {
  readonly region: string;
  readonly accountId: string;
  readonly inheritEnvironment: readonly string[];
  readonly maxQueuedInvocations: number;
  readonly idleTimeoutMs: number;
  readonly retryDelayScale: number;
  readonly sourceMaps: boolean;
}

export const DEFAULT_MAX_QUEUED_INVOCATIONS = 100;
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRY_DELAY_SCALE = 1 / 60;
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * Applies defaults and rejects declarations Lambda would refuse (API misuse: fails fast at start-up).
 * @returns the resolved settings
 * @throws TypeError naming the function and the setting that is out of range
 */
export function resolveRunnerSettings<N extends string>(options: FunctionRunnerOptions<N>, inheritDefault: readonly string[]): ResolvedRunnerSettings {
  for (const [name, declaration] of Object.entries(options.declarations) as [string, FunctionDeclaration][]) {
    expect(Number.isInteger(declaration.concurrency) && declaration.concurrency >= 1, name, 'concurrency', 'an integer ≥ 1', declaration.concurrency);
    expect(declaration.timeoutSeconds > 0 && declaration.timeoutSeconds <= 900, name, 'timeoutSeconds', 'in (0, 900]', declaration.timeoutSeconds);
    expect(Number.isInteger(declaration.memoryMb) && declaration.memoryMb >= 1, name, 'memoryMb', 'an integer ≥ 1', declaration.memoryMb);
    expect(Number.isInteger(declaration.asyncRetries) && declaration.asyncRetries >= 0 && declaration.asyncRetries <= 2, name, 'asyncRetries', '0, 1 or 2', declaration.asyncRetries);
  }
  const settings: ResolvedRunnerSettings = {
    region: options.region ?? options.environment?.AWS_REGION ?? 'us-east-1',
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    inheritEnvironment: options.inheritEnvironment ?? inheritDefault,
    maxQueuedInvocations: options.maxQueuedInvocations ?? DEFAULT_MAX_QUEUED_INVOCATIONS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    retryDelayScale: options.retryDelayScale ?? DEFAULT_RETRY_DELAY_SCALE,
    sourceMaps: options.sourceMaps ?? true,
  };
  expect(Number.isInteger(settings.maxQueuedInvocations) && settings.maxQueuedInvocations >= 0, 'runner', 'maxQueuedInvocations', 'an integer ≥ 0', settings.maxQueuedInvocations);
  expect(settings.idleTimeoutMs > 0, 'runner', 'idleTimeoutMs', '> 0', settings.idleTimeoutMs);
  expect(settings.retryDelayScale >= 0, 'runner', 'retryDelayScale', '≥ 0', settings.retryDelayScale);
  return settings;
}

function expect(condition: boolean, owner: string, setting: string, expected: string, found: unknown): void {
  if (!condition) throw new TypeError(`${owner}: ${setting} must be ${expected}, found ${String(found)}`);
}
