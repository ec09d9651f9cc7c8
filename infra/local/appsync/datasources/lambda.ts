/**
 * AppSync's LAMBDA data source: takes the object an APPSYNC_JS request handler returned —
 * `{ operation: 'Invoke' | 'BatchInvoke', payload, invocationType?: 'RequestResponse' | 'Event' }`
 * ("AWS AppSync JavaScript resolver function reference for Lambda", resolver-reference-lambda-js) —
 * invokes the function through the local runner and hands back `ctx.result` or `ctx.error`.
 *
 * - The function receives `payload` (null when omitted); its JSON result becomes `ctx.result`.
 * - A function error (thrown, timed out, crashed) becomes `ctx.error` with the function's
 *   `errorMessage` and `type: 'Lambda:Unhandled'`, as AppSync reports it (the "I fail. always"
 *   example in tutorial-lambda-resolvers, "Returning errors").
 * - `invocationType: 'Event'` queues the invocation and resolves at once with `ctx.result` null.
 * - `BatchInvoke`: AppSync sends the payloads of a batch as a list and expects a list back, one
 *   item per request. The local engine resolves fields one by one, so every batch has one item:
 *   the function gets `[payload]` and `ctx.result` is the first item of its answer.
 * - A request object AppSync cannot read fails with `type: 'MappingTemplate'`, like the DynamoDB source.
 */
import type { FunctionName } from '../../../functions';
import { isFunctionError } from '../../functions/lambda-errors';
import { FunctionInvocationError, type FunctionInvoker } from '../../functions/types';
import type { DataSource, DataSourceError, DataSourceOutcome } from '../types';

export interface LambdaDataSourceOptions {
  /** The data source's name in `infra/api.ts`. */
  readonly name: string;
  /** The function it invokes (a key of `infra/functions.ts`). */
  readonly functionName: FunctionName;
  readonly invoker: FunctionInvoker;
}

/** The request object, validated. */
export interface LambdaRequest {
  readonly operation: 'Invoke' | 'BatchInvoke';
  readonly invocationType: 'RequestResponse' | 'Event';
  readonly payload: unknown;
}

const REQUEST_FIELDS: ReadonlySet<string> = new Set(['operation', 'payload', 'invocationType']);

/** Status codes the Lambda Invoke API answers service errors with, for AppSync-style messages. */
const SERVICE_STATUS: Readonly<Record<string, number>> = {
  TooManyRequestsException: 429,
  ResourceNotFoundException: 404,
  InvalidRequestContentException: 400,
  ServiceException: 500,
};

/**
 * Creates the data source.
 * @returns a {@link DataSource} whose `invoke` reports function and request errors as `ctx.error` and never throws for them
 * @example
 * const uploads = createLambdaDataSource({ name: 'uploads', functionName: 'uploads', invoker: runner });
 */
export function createLambdaDataSource(options: LambdaDataSourceOptions): DataSource {
  return {
    name: options.name,
    async invoke(request): Promise<DataSourceOutcome> {
      const parsed = parseLambdaRequest(request);
      if ('type' in parsed) return { error: parsed };
      const event = parsed.operation === 'BatchInvoke' ? [parsed.payload] : parsed.payload;
      try {
        if (parsed.invocationType === 'Event') {
          options.invoker.invokeAsync(options.functionName, event);
          return { result: null };
        }
        const answer = await options.invoker.invoke(options.functionName, event);
        return parsed.operation === 'BatchInvoke' ? firstOfBatch(answer) : { result: answer ?? null };
      } catch (error) {
        if (!(error instanceof FunctionInvocationError)) throw error;
        return { error: lambdaDataSourceError(error) };
      }
    },
  };
}

/**
 * Validates a request handler's return value.
 * @returns the request, or the `MappingTemplate` error AppSync would report
 */
export function parseLambdaRequest(request: unknown): LambdaRequest | DataSourceError {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return mappingTemplate("Value for field '$[operation]' not found.");
  const fields = request as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!REQUEST_FIELDS.has(key)) return mappingTemplate(`Unsupported element '$[${key}]'.`);
  }
  const { operation, invocationType = 'RequestResponse', payload = null } = fields;
  if (operation === undefined) return mappingTemplate("Value for field '$[operation]' not found.");
  if (operation !== 'Invoke' && operation !== 'BatchInvoke') return mappingTemplate(`Value for field '$[operation]' must be one of [Invoke, BatchInvoke], found '${String(operation)}'.`);
  if (invocationType !== 'RequestResponse' && invocationType !== 'Event') {
    return mappingTemplate(`Value for field '$[invocationType]' must be one of [RequestResponse, Event], found '${String(invocationType)}'.`);
  }
  return { operation, invocationType, payload };
}

/**
 * Maps a failed invocation to `ctx.error`: function errors are `Lambda:Unhandled` with the
 * function's message; the Invoke API's own refusals (throttling, unknown function) keep their
 * exception name.
 * @returns `{ type, message }`
 */
export function lambdaDataSourceError(error: FunctionInvocationError): DataSourceError {
  if (isFunctionError(error.errorType)) return { type: 'Lambda:Unhandled', message: error.message };
  const requestId = (error.cause as { requestId?: string | null } | undefined)?.requestId ?? 'unknown';
  const status = SERVICE_STATUS[error.errorType] ?? 500;
  return { type: `Lambda:${error.errorType}`, message: `${error.message} (Service: Lambda, Status Code: ${status}, Request ID: ${requestId})` };
}

function firstOfBatch(answer: unknown): DataSourceOutcome {
  if (!Array.isArray(answer) || answer.length !== 1) {
    const found = Array.isArray(answer) ? `a list of ${answer.length}` : typeof answer;
    return { error: { type: 'Lambda:IllegalArgument', message: `A BatchInvoke function must return a list with one item per request (1), found ${found}.` } };
  }
  return { result: answer[0] ?? null };
}

function mappingTemplate(message: string): DataSourceError {
  return { type: 'MappingTemplate', message };
}
