/**
 * `ctx.error` values the DynamoDB data source produces, shaped like AppSync's.
 *
 * AppSync calls DynamoDB with the AWS SDK for Java v2 and reports its exceptions as
 * `type: "DynamoDB:<exception class>"` with the SDK's message, e.g.
 * `"The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: …)"` and
 * `"DynamoDB:ConditionalCheckFailedException"` (seen in aws/aws-appsync-community#343). Errors the
 * Java SDK does not model — ValidationException above all — surface as its generic
 * `DynamoDbException`, e.g. `"DynamoDB:DynamoDbException"` for "One or more parameter values were
 * invalid …". A request object AppSync cannot read fails with `type: "MappingTemplate"`, e.g.
 * "Value for field '$[operation]' not found." (resolver troubleshooting guide) or
 * "Unsupported element '$[condition][returnValuesOnConditionCheckFailure]'."
 * (aws/aws-appsync-community#110).
 */
import { DynamoDbServiceError } from '../../dynamodb/wire-client';
import type { DataSourceError } from '../types';

/** A request object that cannot be turned into a DynamoDB call. */
export class MappingTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingTemplateError';
  }
}

/**
 * AppSync's answer to a forged, tampered or foreign `nextToken` (seen in aws-amplify/amplify-cli#3411
 * and aws-amplify/amplify-js#4880).
 */
export const INVALID_PAGINATION_TOKEN: DataSourceError = Object.freeze({
  type: 'DynamoDB:UserIllegalArgumentException',
  message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
});

/** Exceptions the Java SDK v2 models for DynamoDB, by their wire name (the `__type` after `#`). */
const MODELED_EXCEPTIONS: Readonly<Record<string, string>> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailedException',
  TransactionCanceledException: 'TransactionCanceledException',
  TransactionConflictException: 'TransactionConflictException',
  TransactionInProgressException: 'TransactionInProgressException',
  IdempotentParameterMismatchException: 'IdempotentParameterMismatchException',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceededException',
  RequestLimitExceeded: 'RequestLimitExceededException',
  ThrottlingException: 'ThrottlingException',
  ResourceNotFoundException: 'ResourceNotFoundException',
  ResourceInUseException: 'ResourceInUseException',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceededException',
  ReplicatedWriteConflictException: 'ReplicatedWriteConflictException',
  InternalServerError: 'InternalServerErrorException',
  LimitExceededException: 'LimitExceededException',
  DuplicateItemException: 'DuplicateItemException',
};

/**
 * The `ctx.error` for a request object that cannot be used.
 * @returns `{ type: 'MappingTemplate', message }`
 */
export function mappingTemplateError(error: MappingTemplateError): DataSourceError {
  return { type: 'MappingTemplate', message: error.message };
}

/**
 * Converts what a DynamoDB call threw (the wire client's DynamoDbServiceError, or an AWS SDK
 * exception carrying `$metadata`) into AppSync's `ctx.error` shape.
 * @returns `{ type: 'DynamoDB:<Exception>', message: '<message> (Service: DynamoDb, …)' }`
 */
export function toDataSourceError(error: unknown): DataSourceError {
  if (error instanceof MappingTemplateError) return mappingTemplateError(error);
  if (!(error instanceof Error)) return { type: 'DynamoDB:SdkClientException', message: String(error) };
  const metadata = serviceMetadata(error);
  if (!metadata) {
    // No HTTP answer at all (connection refused, timeout): the Java SDK's SdkClientException.
    return { type: 'DynamoDB:SdkClientException', message: `Unable to execute HTTP request: ${error.message}` };
  }
  const exception = MODELED_EXCEPTIONS[error.name] ?? 'DynamoDbException';
  const suffix = `(Service: DynamoDb, Status Code: ${metadata.httpStatusCode ?? 'unknown'}, Request ID: ${metadata.requestId ?? 'unknown'})`;
  return { type: `DynamoDB:${exception}`, message: `${error.message} ${suffix}` };
}

/** True for the error DynamoDB raises when a write's condition expression is false. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function serviceMetadata(error: Error): { httpStatusCode?: number; requestId?: string } | undefined {
  if (error instanceof DynamoDbServiceError) return { httpStatusCode: error.statusCode, requestId: error.requestId };
  const metadata = (error as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  return metadata?.httpStatusCode === undefined ? undefined : metadata;
}
