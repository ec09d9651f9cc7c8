/**
 * Starts one execution environment of a function: bundles its module (once per runner), builds
 * its environment variables and Lambda identity (log group, a fresh log stream, ARN), and starts
 * the worker thread.
 */
import type { FunctionDeclaration } from '../../functions';
import type { Logger } from '../log';
import { ModuleBuildError, type ModuleBundler } from './bundle';
import { buildFunctionEnvironment, functionArn, logGroupNameFor, newLogStreamName } from './environment';
import { startFunctionInstance, type InstanceLogLine, type StartOutcome } from './function-instance';
import { moduleLoadError, type LambdaErrorPayload } from './lambda-errors';
import type { ResolvedRunnerSettings } from './runner-options';

/** Lambda gives a function's init phase 10 s (more when the function's own timeout is longer). */
const MIN_INIT_TIMEOUT_MS = 10_000;

export interface LaunchRequest {
  readonly name: string;
  readonly declaration: FunctionDeclaration;
  /** The invocation that caused this cold start (init errors are reported as its error). */
  readonly requestId: string;
  /** This function's own variables, over the shared ones. */
  readonly environment: Readonly<Record<string, string>> | undefined;
  readonly onLog: (line: InstanceLogLine) => void;
}

export interface LauncherOptions {
  readonly bundler: ModuleBundler;
  readonly settings: ResolvedRunnerSettings;
  /** Variables every function sees. */
  readonly environment: Readonly<Record<string, string>> | undefined;
  readonly logger: Logger;
}

/**
 * Creates the function the pools call to start environments.
 * @returns `launch(request)`, resolving with the ready instance or the init error (never rejecting for user-code problems)
 */
export function createInstanceLauncher(options: LauncherOptions): (request: LaunchRequest) => Promise<StartOutcome> {
  const { bundler, settings, logger } = options;
  return async ({ name, declaration, requestId, environment, onLog }) => {
    const modules = await bundledModules(bundler, declaration.handler);
    if ('error' in modules) return { error: modules.error, initDurationMs: 0 };
    const logGroupName = logGroupNameFor(name);
    const logStreamName = newLogStreamName();
    const env = buildFunctionEnvironment(
      { functionName: name, memoryMb: declaration.memoryMb, region: settings.region, logGroupName, logStreamName },
      { base: options.environment, overrides: environment, inherit: settings.inheritEnvironment, host: process.env },
    );
    const outcome = await startFunctionInstance(
      {
        workerRuntimeUrl: modules.workerRuntimeUrl,
        workerData: {
          moduleUrl: modules.moduleUrl,
          modulePath: declaration.handler,
          functionName: name,
          functionVersion: '$LATEST',
          invokedFunctionArn: functionArn(settings.region, settings.accountId, name),
          memoryLimitInMB: String(declaration.memoryMb),
          logGroupName,
          logStreamName,
        },
        env,
        memoryMb: declaration.memoryMb,
        timeoutSeconds: declaration.timeoutSeconds,
        sourceMaps: settings.sourceMaps,
        initTimeoutMs: Math.max(MIN_INIT_TIMEOUT_MS, declaration.timeoutSeconds * 1000),
        onLog,
      },
      requestId,
    );
    logger.debug('function.init', {
      functionName: name,
      requestId,
      logStreamName,
      initDurationMs: 'error' in outcome ? outcome.initDurationMs : outcome.instance.initDurationMs,
      errorType: 'error' in outcome ? outcome.error.errorType : null,
    });
    return outcome;
  };
}

/**
 * The bundled worker runtime and handler module.
 * @returns their file URLs, or the error Lambda reports for a module that does not build
 */
export async function bundledModules(
  bundler: ModuleBundler,
  modulePath: string,
): Promise<{ workerRuntimeUrl: string; moduleUrl: string } | { error: LambdaErrorPayload }> {
  // Both builds settle before answering: no bundle is still being written when a caller moves on.
  const [runtime, handler] = await Promise.allSettled([bundler.workerRuntimeUrl(), bundler.handlerUrl(modulePath)]);
  if (handler.status === 'rejected') return buildFailure(handler.reason);
  if (runtime.status === 'rejected') return buildFailure(runtime.reason);
  return { workerRuntimeUrl: runtime.value, moduleUrl: handler.value };
}

/** A module that does not build fails the invocation as Lambda would; anything else is a runner bug. */
function buildFailure(reason: unknown): { error: LambdaErrorPayload } {
  if (reason instanceof ModuleBuildError) return { error: moduleLoadError(reason.kind, reason.message) };
  throw reason;
}
