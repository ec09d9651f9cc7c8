/**
 * The error payloads a Lambda invocation answers with, built the way Lambda builds them so callers
 * (the bus's dead-letter store, the AppSync data source, logs) see the same `errorType` and
 * `errorMessage` locally as in the cloud.
 *
 * - A handler's own error: `{ errorType: error.name, errorMessage: error.message, trace }`; a thrown
 *   non-Error: `{ errorType: typeof value, errorMessage: String(value) }` — the Node.js runtime
 *   interface client's `formatError` (aws/aws-lambda-nodejs-runtime-interface-client, src/utils/error.ts).
 * - Failures of the sandbox itself carry the request id in the message, as the Invoke API returns them:
 *   `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task timed out after 3.00 seconds"}`,
 *   `Runtime.ExitError` "… Error: Runtime exited with error: exit status 1", and
 *   `Runtime.OutOfMemory` "… Error: Runtime exited with error: signal: killed".
 * - Throttling is the Invoke API's `TooManyRequestsException` ("Rate Exceeded.", HTTP 429).
 */

/** What a failed invocation returns (Lambda's error response payload). */
export interface LambdaErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/**
 * Formats whatever a handler threw or rejected with.
 * @returns Lambda's payload: the error's `name`, `message` and stack lines; `typeof`/`String()` for non-errors
 */
export function formatHandlerError(thrown: unknown): LambdaErrorPayload {
  if (thrown instanceof Error) {
    return { errorType: thrown.name, errorMessage: thrown.message, trace: thrown.stack?.split('\n') ?? [] };
  }
  return { errorType: typeof thrown, errorMessage: String(thrown), trace: [] };
}

/** The function ran longer than its timeout; its sandbox was stopped. */
export function timedOutError(requestId: string, timeoutSeconds: number): LambdaErrorPayload {
  return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds` };
}

/** The runtime exited (`process.exit`, a crash) before answering. */
export function exitError(requestId: string, exitCode: number): LambdaErrorPayload {
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status ${exitCode}` };
}

/** The function used more memory than it was given. */
export function outOfMemoryError(requestId: string): LambdaErrorPayload {
  return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` };
}

/** Every instance the function may have is busy and the wait line is full. */
export function throttledError(): LambdaErrorPayload {
  return { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' };
}

/** The runner stopped (shutdown) before the invocation could run or finish. */
export function serviceUnavailableError(): LambdaErrorPayload {
  return { errorType: 'ServiceException', errorMessage: 'The local function runner is shutting down' };
}

/** No function of that name is declared (the Invoke API's 404). */
export function functionNotFoundError(functionArn: string): LambdaErrorPayload {
  return { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionArn}` };
}

/** The event cannot be sent as a JSON payload (Lambda accepts JSON documents only). */
export function invalidRequestContentError(reason: string): LambdaErrorPayload {
  return { errorType: 'InvalidRequestContentException', errorMessage: `Could not parse request body into json: ${reason}` };
}

/**
 * The handler module could not be built or loaded (syntax error, missing import, throwing at import).
 * Lambda reports `Runtime.UserCodeSyntaxError` and `Runtime.ImportModuleError` with the cause's text.
 */
export function moduleLoadError(kind: 'syntax' | 'import', message: string): LambdaErrorPayload {
  switch (kind) {
    case 'syntax':
      return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: message };
    case 'import':
      return { errorType: 'Runtime.ImportModuleError', errorMessage: message };
  }
}

/** The module loaded but exports no `handler` function. */
export function handlerNotFoundError(modulePath: string): LambdaErrorPayload {
  return { errorType: 'Runtime.HandlerNotFound', errorMessage: `${modulePath}.handler is undefined or not exported` };
}

/** Error types that mean "the Lambda service refused or never ran it", not "the function failed". */
const SERVICE_ERROR_TYPES: ReadonlySet<string> = new Set([
  'TooManyRequestsException',
  'ServiceException',
  'InvalidRequestContentException',
  'ResourceNotFoundException',
]);

/**
 * Tells service errors (throttling, shutdown, a bad payload) from function errors; the Invoke API
 * answers the former with an HTTP error and the latter with `X-Amz-Function-Error: Unhandled`.
 * @returns true when the function itself failed
 */
export function isFunctionError(errorType: string): boolean {
  return !SERVICE_ERROR_TYPES.has(errorType);
}
