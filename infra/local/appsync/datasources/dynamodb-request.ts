/**
 * Validates the object a resolver's request handler returned for a DynamoDB data source, once, at
 * the boundary: afterwards the data source works with typed {@link DynamoDbRequest} values only.
 * Field names, defaults and required fields follow AppSync's JavaScript resolver reference for
 * DynamoDB (js-resolver-reference-dynamodb: GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan,
 * condition expressions, projections).
 */
import { MappingTemplateError } from './dynamodb-errors';
import { parseBatchOrTransactRequest } from './dynamodb-request-batch';
import {
  booleanOr,
  child,
  expectObject,
  onlyKnownFields,
  optionalExpression,
  optionalInteger,
  optionalItem,
  optionalObject,
  optionalProjection,
  optionalString,
  readExpression,
  requireItem,
  requireString,
  stringList,
  type JsonObject,
} from './dynamodb-request-fields';
import type { DynamoDbRequest, ReadManyRequestFields, Select, WriteCondition } from './dynamodb-request-types';

const ROOT = '$';
/** `version` ('2017-02-28' / '2018-05-29') is accepted for compatibility and ignored, as in APPSYNC_JS. */
const COMMON_FIELDS = ['operation', 'version'];
/** Conflict detection / versioned data sources are not part of the local runtime. */
const VERSIONING_FIELDS = ['customPartitionKey', 'populateIndexFields', '_version'];
const SELECT_VALUES: readonly Select[] = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES'];

/**
 * Reads a request object.
 * @returns the validated request
 * @throws MappingTemplateError naming the first field that is missing, unknown or of the wrong type
 */
export function parseDynamoDbRequest(value: unknown): DynamoDbRequest {
  const request = expectObject(value, ROOT);
  const operation = requireString(request, 'operation', ROOT);
  rejectVersioning(request);
  switch (operation) {
    case 'GetItem':
      onlyKnownFields(request, [...COMMON_FIELDS, 'key', 'consistentRead', 'projection'], ROOT);
      return {
        operation,
        key: requireItem(request, 'key', ROOT),
        consistentRead: booleanOr(request, 'consistentRead', ROOT, false),
        projection: optionalProjection(request, ROOT),
      };
    case 'PutItem':
      onlyKnownFields(request, [...COMMON_FIELDS, 'key', 'attributeValues', 'condition'], ROOT);
      return {
        operation,
        key: requireItem(request, 'key', ROOT),
        attributeValues: optionalItem(request, 'attributeValues', ROOT) ?? {},
        condition: writeCondition(request),
      };
    case 'UpdateItem':
      onlyKnownFields(request, [...COMMON_FIELDS, 'key', 'update', 'condition'], ROOT);
      return {
        operation,
        key: requireItem(request, 'key', ROOT),
        update: readExpression(request.update, child(ROOT, 'update')),
        condition: writeCondition(request),
      };
    case 'DeleteItem':
      onlyKnownFields(request, [...COMMON_FIELDS, 'key', 'condition'], ROOT);
      return { operation, key: requireItem(request, 'key', ROOT), condition: writeCondition(request) };
    case 'Query':
      onlyKnownFields(request, [...COMMON_FIELDS, ...READ_MANY_FIELDS, 'query', 'scanIndexForward'], ROOT);
      return {
        operation,
        query: readExpression(request.query, child(ROOT, 'query')),
        scanIndexForward: booleanOr(request, 'scanIndexForward', ROOT, true),
        ...readManyFields(request),
      };
    case 'Scan':
      onlyKnownFields(request, [...COMMON_FIELDS, ...READ_MANY_FIELDS, 'segment', 'totalSegments'], ROOT);
      return {
        operation,
        segment: optionalInteger(request, 'segment', ROOT, 0),
        totalSegments: optionalInteger(request, 'totalSegments', ROOT, 1),
        ...readManyFields(request),
      };
    case 'BatchGetItem':
    case 'BatchPutItem':
    case 'BatchDeleteItem':
    case 'TransactGetItems':
    case 'TransactWriteItems':
      onlyKnownFields(request, [...COMMON_FIELDS, operation.startsWith('Batch') ? 'tables' : 'transactItems'], ROOT);
      return parseBatchOrTransactRequest(operation, request, ROOT);
    case 'Sync':
      throw new MappingTemplateError(
        "Operation 'Sync' is not supported by the local runtime (versioned data sources are out of scope).",
      );
    default:
      throw new MappingTemplateError(`Unsupported operation '${operation}' for a DynamoDB data source.`);
  }
}

const READ_MANY_FIELDS = ['index', 'nextToken', 'limit', 'consistentRead', 'select', 'filter', 'projection'];

function readManyFields(request: JsonObject): ReadManyRequestFields {
  const select = optionalString(request, 'select', ROOT);
  if (select !== undefined && !(SELECT_VALUES as readonly string[]).includes(select)) {
    throw new MappingTemplateError(
      `Expected one of ${SELECT_VALUES.join(', ')} for field '$[select]' but got "${select}".`,
    );
  }
  return {
    index: optionalString(request, 'index', ROOT),
    nextToken: optionalString(request, 'nextToken', ROOT) || undefined,
    limit: optionalInteger(request, 'limit', ROOT, 1),
    consistentRead: booleanOr(request, 'consistentRead', ROOT, false),
    select: select as Select | undefined,
    filter: optionalExpression(request, 'filter', ROOT),
    projection: optionalProjection(request, ROOT),
  };
}

/**
 * Reads a PutItem / UpdateItem / DeleteItem `condition` (js-aws-appsync-resolver-reference-
 * dynamodb-condition-expressions): `consistentRead` defaults to true, the strategy to `Reject`.
 */
function writeCondition(request: JsonObject): WriteCondition | undefined {
  const path = child(ROOT, 'condition');
  const condition = optionalObject(request, 'condition', ROOT);
  if (!condition) return undefined;
  const parts = readExpression(condition, path, ['equalsIgnore', 'consistentRead', 'conditionalCheckFailedHandler']);
  const handler = optionalObject(condition, 'conditionalCheckFailedHandler', path);
  if (handler) {
    const handlerPath = child(path, 'conditionalCheckFailedHandler');
    onlyKnownFields(handler, ['strategy', 'lambdaArn'], handlerPath);
    const strategy = requireString(handler, 'strategy', handlerPath);
    if (strategy === 'Custom') {
      throw new MappingTemplateError(
        "conditionalCheckFailedHandler strategy 'Custom' (a Lambda function) is not supported by the local runtime.",
      );
    }
    if (strategy !== 'Reject') {
      throw new MappingTemplateError(`Expected 'Reject' or 'Custom' for field '${child(handlerPath, 'strategy')}' but got "${strategy}".`);
    }
  }
  return {
    ...parts,
    equalsIgnore: stringList(condition, 'equalsIgnore', path),
    consistentRead: booleanOr(condition, 'consistentRead', path, true),
  };
}

function rejectVersioning(request: JsonObject): void {
  for (const field of VERSIONING_FIELDS) {
    if (request[field] !== undefined && request[field] !== null) {
      throw new MappingTemplateError(
        `Field '${child(ROOT, field)}' is not supported by the local runtime (conflict detection and versioned data sources are out of scope).`,
      );
    }
  }
}
