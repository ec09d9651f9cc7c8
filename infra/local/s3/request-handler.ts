/**
 * The transport-agnostic core of the local S3-API server: a `(req, res)` handler for any
 * `node:http` server. Per request: CORS preflight (unauthenticated, as S3), path-style target,
 * operation, SigV4 verification, bucket check, operation, response — or S3's XML error with its
 * status, `x-amz-request-id` and the bucket's CORS headers. `startS3Server` is the thin adapter that
 * listens on a port.
 */
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger } from '../log';
import type { Logger } from '../log';
import { authenticate } from './authentication';
import { getBucketLocation, getBucketVersioning, headBucket, listBuckets, listObjectsV2 } from './bucket-operations';
import { parseRawQuery } from './canonical-request';
import { corsResponseHeaders, evaluatePreflight } from './cors';
import type { CorsRule } from './cors';
import { createCredentialRegistry } from './credentials';
import type { S3Credential } from './credentials';
import { S3Error } from './errors';
import { newHostId, newRequestId } from './ids';
import { createKeyedMutex } from './keyed-mutex';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, listParts, uploadPart } from './multipart-operations';
import { openMultipartRepository } from './multipart-repository';
import { copyObject, deleteObject, getObject, putObject } from './object-operations';
import { openObjectRepository } from './object-repository';
import type { BucketSettings } from './object-repository';
import type { ObjectCreatedListener, ObjectDeletedListener, OperationContext, S3Response, ServerState } from './operation-context';
import { parseTarget, routeRequest } from './routing';
import type { S3Operation } from './routing';
import { send, sendError } from './http-response';

/** A bucket with settings other than the defaults. */
export interface BucketOptions {
  readonly name: string;
  /** @default the server's `versioned` option */
  readonly versioned?: boolean;
  /** @default the server's `cors` option */
  readonly cors?: CorsRule | readonly CorsRule[];
}

/** Settings of the S3-API request handler. */
export interface S3HandlerOptions {
  /** Where objects and uploads are kept (created if missing). */
  readonly dataDir: string;
  /** The buckets to serve, created at start. */
  readonly buckets: readonly (string | BucketOptions)[];
  /** The region requests must be signed for. */
  readonly region: string;
  /** Keys accepted from the start (more with `registerCredentials`). */
  readonly credentials?: readonly S3Credential[];
  /** CORS rules for every bucket (e.g. `bucket.cors` from infra/storage.ts). @default none: preflights refused */
  readonly cors?: CorsRule | readonly CorsRule[];
  /** @default true (the media bucket keeps versions) */
  readonly versioned?: boolean;
  /** Largest object or part accepted. @default 5 GiB (S3's single PUT limit) */
  readonly maxObjectBytes?: number;
  /** The bucket owner's account (events' `account`). @default '000000000000' */
  readonly accountId?: string;
  /** Called with S3's EventBridge event after each PutObject, CopyObject and CompleteMultipartUpload. */
  readonly onObjectCreated?: ObjectCreatedListener;
  /** Called with S3's EventBridge event after each DeleteObject that changed something. */
  readonly onObjectDeleted?: ObjectDeletedListener;
  /** @default a logger at LOG_LEVEL */
  readonly logger?: Logger;
  /** Milliseconds since the epoch, for signature expiry and clock-skew checks. @default Date.now */
  readonly clock?: () => number;
}

/** A mountable S3-API handler. */
export interface S3RequestHandler {
  /** Handles one request (pass to `http.createServer` or call from another server's handler). */
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** Accepts another access key (e.g. the worker credential generated at runtime start). */
  registerCredentials(credential: S3Credential): void;
  /** @returns whether the key was registered */
  revokeCredentials(accessKeyId: string): boolean;
}

/** S3's limit for a single PUT: 5 GiB. */
export const DEFAULT_MAX_OBJECT_BYTES = 5 * 1024 * 1024 * 1024;
const DEFAULT_ACCOUNT_ID = '000000000000';
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Opens the data directory and builds the handler.
 * @returns the handler and its credential registry
 */
export async function createS3RequestHandler(options: S3HandlerOptions): Promise<S3RequestHandler> {
  const createdAt = new Date().toISOString();
  const buckets = options.buckets.map((entry): BucketOptions => (typeof entry === 'string' ? { name: entry } : entry));
  for (const bucket of buckets) {
    if (!BUCKET_NAME.test(bucket.name)) throw new TypeError(`Invalid S3 bucket name "${bucket.name}"`);
  }
  const settings: BucketSettings[] = buckets.map((bucket) => ({ name: bucket.name, versioned: bucket.versioned ?? options.versioned ?? true, createdAt }));
  const corsByBucket = new Map(buckets.map((bucket) => [bucket.name, toRules(bucket.cors ?? options.cors)]));
  await mkdir(options.dataDir, { recursive: true });
  const objects = await openObjectRepository(options.dataDir, settings);
  const state: ServerState = {
    objects,
    uploads: await openMultipartRepository(options.dataDir, objects.tempDir),
    uploadLocks: createKeyedMutex(),
    region: options.region,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    maxObjectBytes: options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
    onObjectCreated: options.onObjectCreated,
    onObjectDeleted: options.onObjectDeleted,
    logger: options.logger ?? createLogger(),
  };
  const credentials = createCredentialRegistry(options.credentials ?? []);
  const clock = options.clock ?? Date.now;

  const serve = async (request: IncomingMessage, response: ServerResponse, requestId: string) => {
    const method = (request.method ?? 'GET').toUpperCase();
    const [rawPath = '/', rawQuery = ''] = splitUrl(request.url ?? '/');
    const headers = collectHeaders(request);
    const target = parseTarget(rawPath);
    const rules = target.bucket !== null ? (corsByBucket.get(target.bucket) ?? []) : [];
    if (method === 'OPTIONS') return preflight(rules, headers, target.key === null ? 'BUCKET' : 'OBJECT');
    for (const [name, value] of Object.entries(corsResponseHeaders(rules, headers.origin, method))) response.setHeader(name, value);
    const queryPairs = parseRawQuery(rawQuery);
    const query = new Map<string, string>();
    for (const [name, value] of queryPairs) if (!query.has(name)) query.set(name, value);
    const operation = routeRequest(method, target, query, headers);
    const caller = authenticate(
      { method, rawPath, query: queryPairs, headers },
      { credentials, region: state.region, accountId: state.accountId, now: clock() },
    );
    if ('bucket' in operation && !objects.bucket(operation.bucket)) {
      throw new S3Error('NoSuchBucket', undefined, { fields: { BucketName: operation.bucket } });
    }
    const context: OperationContext = { requestId, request, headers, query, caller, sourceIp: sourceIpOf(request), server: state };
    return dispatch(operation, context);
  };

  return {
    handle(request, response) {
      const requestId = newRequestId();
      response.setHeader('x-amz-request-id', requestId);
      response.setHeader('x-amz-id-2', newHostId());
      serve(request, response, requestId)
        .then((answer) => send(request, response, answer))
        .catch((error: unknown) => sendError(request, response, error, requestId, state.logger))
        .catch((error: unknown) => {
          state.logger.error('s3.response-failed', { requestId, error: error instanceof Error ? error.message : String(error) });
          response.destroy();
        });
    },
    registerCredentials: (credential) => credentials.register(credential),
    revokeCredentials: (accessKeyId) => credentials.revoke(accessKeyId),
  };
}

function dispatch(operation: S3Operation, context: OperationContext): S3Response | Promise<S3Response> {
  switch (operation.kind) {
    case 'ListBuckets':
      return listBuckets(context);
    case 'HeadBucket':
      return headBucket(context);
    case 'GetBucketLocation':
      return getBucketLocation(context);
    case 'GetBucketVersioning':
      return getBucketVersioning(context, operation.bucket);
    case 'ListObjectsV2':
      return listObjectsV2(context, operation.bucket);
    case 'PutObject':
      return putObject(context, operation.bucket, operation.key);
    case 'CopyObject':
      return copyObject(context, operation.bucket, operation.key);
    case 'GetObject':
      return getObject(context, operation.bucket, operation.key, false);
    case 'HeadObject':
      return getObject(context, operation.bucket, operation.key, true);
    case 'DeleteObject':
      return deleteObject(context, operation.bucket, operation.key);
    case 'CreateMultipartUpload':
      return createMultipartUpload(context, operation.bucket, operation.key);
    case 'UploadPart':
      return uploadPart(context, operation.bucket, operation.key, operation.uploadId, operation.partNumber);
    case 'CompleteMultipartUpload':
      return completeMultipartUpload(context, operation.bucket, operation.key, operation.uploadId);
    case 'AbortMultipartUpload':
      return abortMultipartUpload(context, operation.bucket, operation.key, operation.uploadId);
    case 'ListParts':
      return listParts(context, operation.bucket, operation.key, operation.uploadId);
  }
}

function preflight(rules: readonly CorsRule[], headers: Record<string, string | undefined>, resourceType: string): S3Response {
  const result = evaluatePreflight(rules, {
    origin: headers.origin,
    method: headers['access-control-request-method'],
    requestHeaders: headers['access-control-request-headers'],
  });
  switch (result.kind) {
    case 'allowed':
      return { status: 200, headers: result.headers };
    case 'missing-origin':
      throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
    case 'not-enabled':
      throw new S3Error('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', {
        fields: { Method: headers['access-control-request-method'] ?? '', ResourceType: resourceType },
      });
    case 'forbidden':
      throw new S3Error(
        'AccessForbidden',
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        { fields: { Method: headers['access-control-request-method'] ?? '', ResourceType: resourceType } },
      );
  }
}

function splitUrl(url: string): [string, string] {
  const mark = url.indexOf('?');
  return mark === -1 ? [url, ''] : [url.slice(0, mark), url.slice(mark + 1)];
}

function collectHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (values) headers[name] = values.join(',');
  }
  return headers;
}

function sourceIpOf(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function toRules(cors: CorsRule | readonly CorsRule[] | undefined): readonly CorsRule[] {
  if (!cors) return [];
  return Array.isArray(cors) ? cors : [cors as CorsRule];
}
