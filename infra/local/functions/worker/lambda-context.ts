/**
 * The `context` a handler receives, with the fields and method the Node.js runtime gives it.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 * Built inside the worker thread: `getRemainingTimeInMillis()` counts down to the deadline the
 * runner enforces, as the runtime interface client counts down to `Lambda-Runtime-Deadline-Ms`.
 */
import type { WorkerData } from '../worker-protocol';

export interface LambdaContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  /** A string, as in Lambda (it is read from AWS_LAMBDA_FUNCTION_MEMORY_SIZE). */
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Only meaningful for callback handlers; kept for handlers that set it. @default true */
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds left before the runner stops this invocation. */
  getRemainingTimeInMillis(): number;
}

/**
 * Builds one invocation's context.
 * @returns a fresh object per invocation (handlers may mutate `callbackWaitsForEmptyEventLoop`)
 */
export function createLambdaContext(data: WorkerData, requestId: string, deadlineMs: number, now: () => number = Date.now): LambdaContext {
  return {
    awsRequestId: requestId,
    functionName: data.functionName,
    functionVersion: data.functionVersion,
    invokedFunctionArn: data.invokedFunctionArn,
    memoryLimitInMB: data.memoryLimitInMB,
    logGroupName: data.logGroupName,
    logStreamName: data.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadlineMs - now(),
  };
}
