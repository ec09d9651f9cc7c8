/**
 * PutObject, GetObject, HeadObject, DeleteObject and CopyObject, answering as S3 does
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html and its siblings): ETags
 * quoted, `x-amz-version-id` on versioned buckets, delete markers on a plain DELETE, 404
 * NoSuchKey with `x-amz-delete-marker` for a deleted key, 405 for GET of a delete marker by id,
 * Range → 206, conditional GETs → 304/412. Successful writes emit S3's EventBridge events.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { receiveBody } from './body-intake';
import { checksumHeader } from './checksums';
import { decodePathComponent } from './canonical-request';
import { S3Error } from './errors';
import { objectCreatedEvent, objectDeletedEvent } from './events';
import { objectResponseHeaders, storedFieldsFrom } from './object-headers';
import type { ObjectVersion } from './object-records';
import { deliverEvent, eventOrigin } from './operation-context';
import type { OperationContext, S3Response } from './operation-context';
import { evaluateReadPreconditions, writePrecondition } from './preconditions';
import { selectRange } from './range';
import { textNode, xmlDocument } from './xml';

const READ_HIGH_WATER_MARK = 1024 * 1024;

/** PutObject: streams the body to disk, verifies it, stores a new version, emits Object Created. */
export async function putObject(context: OperationContext, bucket: string, key: string): Promise<S3Response> {
  const { objects } = context.server;
  const precondition = writePrecondition(context.headers);
  const fields = storedFieldsFrom(context.headers);
  const body = await receiveBody(
    context.request,
    { payload: context.caller.payload, headers: context.headers, maxBytes: context.server.maxObjectBytes },
    objects.newTempPath(),
  );
  let version: ObjectVersion;
  try {
    version = await objects.put(
      bucket,
      key,
      { tempPath: body.tempPath, size: body.size, etag: body.md5Hex, checksum: body.checksum, partCount: null, ...fields },
      precondition,
    );
  } catch (error) {
    await rm(body.tempPath, { force: true });
    throw error;
  }
  const versioned = objects.bucket(bucket)?.versioned ?? false;
  await deliverEvent(
    context,
    context.server.onObjectCreated,
    objectCreatedEvent(
      eventOrigin(context, bucket),
      { key, size: version.size, etag: version.etag, versionId: versioned ? version.versionId : null, sequencer: version.sequencer },
      'PutObject',
    ),
  );
  const headers: Record<string, string> = { etag: `"${version.etag}"`, 'x-amz-server-side-encryption': 'AES256' };
  if (versioned) headers['x-amz-version-id'] = version.versionId;
  if (body.checksum) headers[checksumHeader(body.checksum.algorithm)] = body.checksum.value;
  return { status: 200, headers };
}

/** GetObject and HeadObject (HEAD sends the same headers and no body). */
export async function getObject(context: OperationContext, bucket: string, key: string, head: boolean): Promise<S3Response> {
  const { objects } = context.server;
  const versionId = context.query.get('versionId');
  const versioned = objects.bucket(bucket)?.versioned ?? false;
  const opened = await objects.open(bucket, key, versionId);
  if (!opened) {
    throw versionId === undefined
      ? new S3Error('NoSuchKey', undefined, { fields: { Key: key } })
      : new S3Error('NoSuchVersion', undefined, { fields: { Key: key, VersionId: versionId } });
  }
  const { version, file } = opened;
  if (version.deleteMarker || !file) {
    const markerHeaders = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': version.versionId };
    if (versionId !== undefined) {
      throw new S3Error('MethodNotAllowed', undefined, {
        fields: { Method: context.request.method ?? 'GET', ResourceType: 'DeleteMarker' },
        headers: { ...markerHeaders, allow: 'DELETE', 'last-modified': new Date(version.lastModified).toUTCString() },
      });
    }
    throw new S3Error('NoSuchKey', undefined, { fields: { Key: key }, headers: markerHeaders });
  }
  let handedOver = false;
  try {
    if (evaluateReadPreconditions(context.headers, version) === 'not-modified') {
      const headers: Record<string, string> = { etag: `"${version.etag}"`, 'last-modified': new Date(version.lastModified).toUTCString() };
      if (versioned) headers['x-amz-version-id'] = version.versionId;
      return { status: 304, headers };
    }
    const range = selectRange(context.headers.range, version.size);
    if (range.kind === 'unsatisfiable') {
      throw new S3Error('InvalidRange', undefined, {
        fields: { RangeRequested: context.headers.range ?? '', ActualObjectSize: String(version.size) },
        headers: { 'content-range': `bytes */${version.size}` },
      });
    }
    const headers = objectResponseHeaders(version, {
      versioned,
      query: context.query,
      // S3 returns the stored checksum only when asked and only for the whole object.
      includeChecksum: context.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED' && range.kind === 'full',
    });
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : version.size - 1;
    headers['content-length'] = String(end - start + 1);
    if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${version.size}`;
    const status = range.kind === 'partial' ? 206 : 200;
    if (head || version.size === 0) return { status, headers };
    handedOver = true;
    return { status, headers, body: file.createReadStream({ start, end, highWaterMark: READ_HIGH_WATER_MARK, autoClose: true }) };
  } finally {
    if (!handedOver) await file.close();
  }
}

/** DeleteObject: a delete marker on versioned buckets, or removal of one version (or the unversioned object). */
export async function deleteObject(context: OperationContext, bucket: string, key: string): Promise<S3Response> {
  const { objects } = context.server;
  const versioned = objects.bucket(bucket)?.versioned ?? false;
  const versionId = context.query.get('versionId');
  const removed = versionId === undefined ? undefined : objects.find(bucket, key, versionId);
  const outcome = await objects.delete(bucket, key, versionId);
  const headers: Record<string, string> = {};
  switch (outcome.kind) {
    case 'marker-created':
      headers['x-amz-delete-marker'] = 'true';
      headers['x-amz-version-id'] = outcome.versionId ?? '';
      await deliverEvent(
        context,
        context.server.onObjectDeleted,
        objectDeletedEvent(
          eventOrigin(context, bucket),
          { key, versionId: outcome.versionId, sequencer: objects.find(bucket, key)?.sequencer ?? '' },
          'Delete Marker Created',
        ),
      );
      break;
    case 'version-removed':
      if (versioned || versionId !== undefined) headers['x-amz-version-id'] = outcome.versionId ?? 'null';
      if (outcome.deleteMarker) headers['x-amz-delete-marker'] = 'true';
      await deliverEvent(
        context,
        context.server.onObjectDeleted,
        objectDeletedEvent(
          eventOrigin(context, bucket),
          { key, versionId: versioned ? outcome.versionId : null, sequencer: removed?.sequencer ?? '' },
          'Permanently Deleted',
        ),
      );
      break;
    case 'nothing':
      break;
  }
  return { status: 204, headers };
}

/** CopyObject: copies a stored version (same or another configured bucket) to a new version. */
export async function copyObject(context: OperationContext, bucket: string, key: string): Promise<S3Response> {
  const { objects } = context.server;
  const source = parseCopySource(context.headers['x-amz-copy-source'] ?? '');
  const directive = (context.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new S3Error('InvalidArgument', 'Unknown metadata directive.', { fields: { ArgumentName: 'x-amz-metadata-directive', ArgumentValue: directive } });
  }
  const sourceBucket = objects.bucket(source.bucket);
  if (!sourceBucket) throw new S3Error('NoSuchBucket', undefined, { fields: { BucketName: source.bucket } });
  if (source.bucket === bucket && source.key === key && source.versionId === undefined && directive === 'COPY') {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const opened = await objects.open(source.bucket, source.key, source.versionId);
  if (!opened || !opened.file || opened.version.deleteMarker) {
    await opened?.file?.close();
    throw source.versionId === undefined
      ? new S3Error('NoSuchKey', undefined, { fields: { Key: source.key } })
      : new S3Error('NoSuchVersion', undefined, { fields: { Key: source.key, VersionId: source.versionId } });
  }
  const { version: sourceVersion, file } = opened;
  if (sourceVersion.size > context.server.maxObjectBytes) {
    await file.close();
    throw new S3Error('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${context.server.maxObjectBytes}`);
  }
  const tempPath = objects.newTempPath();
  const md5 = createHash('md5');
  try {
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(file.createReadStream({ highWaterMark: READ_HIGH_WATER_MARK, autoClose: true }), hashing, createWriteStream(tempPath, { flags: 'wx' }));
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  const fields =
    directive === 'REPLACE'
      ? storedFieldsFrom(context.headers)
      : { contentType: sourceVersion.contentType, headers: sourceVersion.headers, metadata: sourceVersion.metadata };
  let version: ObjectVersion;
  try {
    version = await objects.put(
      bucket,
      key,
      { tempPath, size: sourceVersion.size, etag: md5.digest('hex'), checksum: sourceVersion.checksum, partCount: null, ...fields },
      writePrecondition(context.headers),
    );
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  const versioned = objects.bucket(bucket)?.versioned ?? false;
  await deliverEvent(
    context,
    context.server.onObjectCreated,
    objectCreatedEvent(
      eventOrigin(context, bucket),
      { key, size: version.size, etag: version.etag, versionId: versioned ? version.versionId : null, sequencer: version.sequencer },
      'CopyObject',
    ),
  );
  const headers: Record<string, string> = { 'content-type': 'application/xml', 'x-amz-server-side-encryption': 'AES256' };
  if (versioned) headers['x-amz-version-id'] = version.versionId;
  if (sourceBucket.versioned) headers['x-amz-copy-source-version-id'] = sourceVersion.versionId;
  return {
    status: 200,
    headers,
    body: xmlDocument('CopyObjectResult', [textNode('LastModified', version.lastModified), textNode('ETag', `"${version.etag}"`)]),
  };
}

/** `x-amz-copy-source`: `[/]<bucket>/<url-encoded key>[?versionId=<id>]`. */
function parseCopySource(header: string): { bucket: string; key: string; versionId: string | undefined } {
  const [path = '', query = ''] = header.split('?', 2);
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', {
      fields: { ArgumentName: 'x-amz-copy-source', ArgumentValue: header },
    });
  }
  const versionMatch = /(?:^|&)versionId=([^&]*)/.exec(query);
  return {
    bucket: decodePathComponent(trimmed.slice(0, slash)),
    key: decodePathComponent(trimmed.slice(slash + 1)),
    versionId: versionMatch ? decodePathComponent(versionMatch[1] ?? '') : undefined,
  };
}
