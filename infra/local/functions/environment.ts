/**
 * A function's environment variables, built like Lambda builds them: what the function is
 * configured with, then the runtime's reserved variables on top (a function cannot override them).
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 * Each worker gets its own copy through the Worker `env` option; `process.env` of the runner is
 * never changed, and only the few host variables a process needs (PATH, HOME…) leak in.
 */
import { randomBytes } from 'node:crypto';

/** Host variables every worker inherits, as Lambda sets PATH, LANG and friends for its runtimes. */
export const DEFAULT_INHERITED_VARIABLES: readonly string[] = ['PATH', 'HOME', 'LANG', 'TMPDIR'];

export interface FunctionIdentity {
  readonly functionName: string;
  readonly memoryMb: number;
  readonly region: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/**
 * Builds one worker's environment.
 * @returns host variables named in `inherit` < `base` < `overrides` < Lambda's reserved variables
 */
export function buildFunctionEnvironment(
  identity: FunctionIdentity,
  layers: { base?: Readonly<Record<string, string>>; overrides?: Readonly<Record<string, string>>; inherit: readonly string[]; host: Readonly<Record<string, string | undefined>> },
): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of layers.inherit) {
    const value = layers.host[name];
    if (value !== undefined) inherited[name] = value;
  }
  return {
    ...inherited,
    ...layers.base,
    ...layers.overrides,
    AWS_REGION: identity.region,
    AWS_DEFAULT_REGION: identity.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
    AWS_LAMBDA_FUNCTION_NAME: identity.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(identity.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: identity.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: identity.logStreamName,
  };
}

/** `/aws/lambda/<name>`, Lambda's default log group. */
export function logGroupNameFor(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** One stream per execution environment: `YYYY/MM/DD/[$LATEST]<32 hex digits>`. */
export function newLogStreamName(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>` (unqualified: runs $LATEST). */
export function functionArn(region: string, accountId: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}
