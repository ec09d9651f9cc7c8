/**
 * Multipart uploads as S3 runs them
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html): parts 1–10,000 each
 * up to the object limit; on completion the listed parts must exist with the ETags given, in
 * ascending order (InvalidPart, InvalidPartOrder), and every part but the last must be at least
 * 5 MiB (EntityTooSmall). The object's ETag is the MD5 of the parts' binary MD5s followed by
 * `-<part count>`. Completion emits Object Created with reason CompleteMultipartUpload.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { receiveBody } from './body-intake';
import { checksumHeader } from './checksums';
import { S3Error } from './errors';
import { objectCreatedEvent } from './events';
import type { MultipartUpload, UploadedPart } from './multipart-repository';
import { storedFieldsFrom } from './object-headers';
import type { ObjectVersion } from './object-records';
import { deliverEvent, eventOrigin } from './operation-context';
import type { OperationContext, S3Response } from './operation-context';
import { writePrecondition } from './preconditions';
import { element, parseXml, textNode, xmlDocument } from './xml';
import type { XmlElement } from './xml';

/** S3's minimum size for every part but the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** A CompleteMultipartUpload body for 10,000 parts stays well under this. */
const MAX_COMPLETE_BODY_BYTES = 2 * 1024 * 1024;
const COPY_BUFFER_BYTES = 1024 * 1024;

/** CreateMultipartUpload: records what to store with the object and returns the upload id. */
export async function createMultipartUpload(context: OperationContext, bucket: string, key: string): Promise<S3Response> {
  const fields = storedFieldsFrom(context.headers);
  const upload = await context.server.uploads.create({ bucket, key, initiator: context.caller.accessKeyId, ...fields });
  return {
    status: 200,
    headers: { 'content-type': 'application/xml', 'x-amz-server-side-encryption': 'AES256' },
    body: xmlDocument('InitiateMultipartUploadResult', [textNode('Bucket', bucket), textNode('Key', key), textNode('UploadId', upload.uploadId)]),
  };
}

/** UploadPart: stores one part (replacing an earlier part with the same number). */
export async function uploadPart(context: OperationContext, bucket: string, key: string, uploadId: string, partNumber: number): Promise<S3Response> {
  const { uploads, objects } = context.server;
  requireUpload(context, bucket, key, uploadId);
  const body = await receiveBody(
    context.request,
    { payload: context.caller.payload, headers: context.headers, maxBytes: context.server.maxObjectBytes },
    objects.newTempPath(),
  );
  const part = await context.server.uploadLocks.run(uploadId, async () => {
    if (!uploads.get(uploadId)) {
      // Aborted or completed while this part was on its way.
      await rm(body.tempPath, { force: true });
      throw noSuchUpload(uploadId);
    }
    return uploads.putPart(uploadId, { tempPath: body.tempPath, partNumber, size: body.size, etag: body.md5Hex });
  });
  const headers: Record<string, string> = { etag: `"${part.etag}"`, 'x-amz-server-side-encryption': 'AES256' };
  if (body.checksum) headers[checksumHeader(body.checksum.algorithm)] = body.checksum.value;
  return { status: 200, headers };
}

/** CompleteMultipartUpload: checks the part list, joins the parts into the object, emits the event. */
export async function completeMultipartUpload(context: OperationContext, bucket: string, key: string, uploadId: string): Promise<S3Response> {
  const { uploads, objects } = context.server;
  requireUpload(context, bucket, key, uploadId);
  const requested = parseCompleteRequest(await readSmallBody(context));
  const precondition = writePrecondition(context.headers);
  const { version, upload } = await context.server.uploadLocks.run(uploadId, async () => {
    const current = uploads.get(uploadId);
    if (!current) throw noSuchUpload(uploadId);
    const parts = resolveParts(requested, uploads.parts(uploadId), uploadId);
    const size = parts.reduce((total, part) => total + part.size, 0);
    if (size > context.server.maxObjectBytes) {
      throw new S3Error('EntityTooLarge', undefined, { fields: { ProposedSize: String(size), MaxSizeAllowed: String(context.server.maxObjectBytes) } });
    }
    const tempPath = objects.newTempPath();
    let stored: ObjectVersion;
    try {
      await concatenate(parts.map((part) => uploads.partPath(uploadId, part)), tempPath);
      stored = await objects.put(
        bucket,
        key,
        {
          tempPath,
          size,
          etag: multipartEtag(parts.map((part) => part.etag)),
          contentType: current.contentType,
          headers: current.headers,
          metadata: current.metadata,
          checksum: null,
          partCount: parts.length,
        },
        precondition,
      );
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    await uploads.remove(uploadId);
    return { version: stored, upload: current };
  });
  const versioned = objects.bucket(bucket)?.versioned ?? false;
  await deliverEvent(
    context,
    context.server.onObjectCreated,
    objectCreatedEvent(
      eventOrigin(context, bucket),
      { key: upload.key, size: version.size, etag: version.etag, versionId: versioned ? version.versionId : null, sequencer: version.sequencer },
      'CompleteMultipartUpload',
    ),
  );
  const headers: Record<string, string> = { 'content-type': 'application/xml', 'x-amz-server-side-encryption': 'AES256' };
  if (versioned) headers['x-amz-version-id'] = version.versionId;
  const location = `http://${context.headers.host ?? 'localhost'}/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return {
    status: 200,
    headers,
    body: xmlDocument('CompleteMultipartUploadResult', [
      textNode('Location', location),
      textNode('Bucket', bucket),
      textNode('Key', key),
      textNode('ETag', `"${version.etag}"`),
    ]),
  };
}

/** AbortMultipartUpload: forgets the upload and its parts. */
export async function abortMultipartUpload(context: OperationContext, bucket: string, key: string, uploadId: string): Promise<S3Response> {
  requireUpload(context, bucket, key, uploadId);
  await context.server.uploadLocks.run(uploadId, async () => {
    if (!context.server.uploads.get(uploadId)) throw noSuchUpload(uploadId);
    await context.server.uploads.remove(uploadId);
  });
  return { status: 204, headers: {} };
}

/** ListParts: the parts uploaded so far, paged by part number. */
export async function listParts(context: OperationContext, bucket: string, key: string, uploadId: string): Promise<S3Response> {
  const upload = requireUpload(context, bucket, key, uploadId);
  const maxParts = boundedInteger(context.query.get('max-parts'), 'max-parts', 1000);
  const marker = boundedInteger(context.query.get('part-number-marker'), 'part-number-marker', 0);
  const after = context.server.uploads.parts(uploadId).filter((part) => part.partNumber > marker);
  const page = after.slice(0, maxParts);
  const isTruncated = after.length > page.length;
  const owner = element('Owner', [textNode('ID', upload.initiator), textNode('DisplayName', upload.initiator)]);
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: xmlDocument('ListPartsResult', [
      textNode('Bucket', bucket),
      textNode('Key', key),
      textNode('UploadId', uploadId),
      element('Initiator', [textNode('ID', upload.initiator), textNode('DisplayName', upload.initiator)]),
      owner,
      textNode('StorageClass', 'STANDARD'),
      textNode('PartNumberMarker', marker),
      textNode('NextPartNumberMarker', page[page.length - 1]?.partNumber ?? marker),
      textNode('MaxParts', maxParts),
      textNode('IsTruncated', isTruncated),
      ...page.map((part) =>
        element('Part', [
          textNode('PartNumber', part.partNumber),
          textNode('LastModified', part.lastModified),
          textNode('ETag', `"${part.etag}"`),
          textNode('Size', part.size),
        ]),
      ),
    ]),
  };
}

/**
 * The ETag S3 gives a multipart object.
 * @returns hex MD5 of the concatenated binary part MD5s, then `-<count>`
 */
export function multipartEtag(partEtags: readonly string[]): string {
  const hash = createHash('md5');
  for (const etag of partEtags) hash.update(Buffer.from(etag, 'hex'));
  return `${hash.digest('hex')}-${partEtags.length}`;
}

/**
 * Reads the `<CompleteMultipartUpload>` document.
 * @throws {S3Error} MalformedXML
 * @returns the listed parts, in the order given
 */
export function parseCompleteRequest(text: string): { partNumber: number; etag: string }[] {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new S3Error('MalformedXML', undefined, { cause: error });
  }
  if (root.name !== 'CompleteMultipartUpload') throw new S3Error('MalformedXML');
  const parts = root.children.filter((child) => child.name === 'Part');
  if (parts.length === 0) throw new S3Error('MalformedXML');
  return parts.map((part) => {
    const numberText = part.children.find((child) => child.name === 'PartNumber')?.text.trim();
    const etag = part.children.find((child) => child.name === 'ETag')?.text.trim();
    if (numberText === undefined || etag === undefined || !/^\d{1,5}$/.test(numberText)) throw new S3Error('MalformedXML');
    return { partNumber: Number(numberText), etag: etag.replace(/^"|"$/g, '') };
  });
}

function resolveParts(requested: readonly { partNumber: number; etag: string }[], uploaded: readonly UploadedPart[], uploadId: string): UploadedPart[] {
  const byNumber = new Map(uploaded.map((part) => [part.partNumber, part]));
  const resolved: UploadedPart[] = [];
  let previous = 0;
  for (const { partNumber, etag } of requested) {
    if (partNumber <= previous) throw new S3Error('InvalidPartOrder', undefined, { fields: { UploadId: uploadId } });
    previous = partNumber;
    const part = byNumber.get(partNumber);
    if (!part || part.etag !== etag) {
      throw new S3Error('InvalidPart', undefined, { fields: { UploadId: uploadId, PartNumber: String(partNumber), ETag: etag } });
    }
    resolved.push(part);
  }
  resolved.slice(0, -1).forEach((part) => {
    if (part.size < MIN_PART_BYTES) {
      throw new S3Error('EntityTooSmall', undefined, {
        fields: { ProposedSize: String(part.size), MinSizeAllowed: String(MIN_PART_BYTES), PartNumber: String(part.partNumber), ETag: part.etag },
      });
    }
  });
  return resolved;
}

function requireUpload(context: OperationContext, bucket: string, key: string, uploadId: string): MultipartUpload {
  const upload = context.server.uploads.get(uploadId);
  if (!upload || upload.bucket !== bucket || upload.key !== key) throw noSuchUpload(uploadId);
  return upload;
}

function noSuchUpload(uploadId: string): S3Error {
  return new S3Error('NoSuchUpload', undefined, { fields: { UploadId: uploadId } });
}

async function readSmallBody(context: OperationContext): Promise<string> {
  const body = await receiveBody(
    context.request,
    { payload: context.caller.payload, headers: context.headers, maxBytes: MAX_COMPLETE_BODY_BYTES },
    context.server.objects.newTempPath(),
  );
  try {
    return await readFile(body.tempPath, 'utf8');
  } finally {
    await rm(body.tempPath, { force: true });
  }
}

/** Joins the parts in order into `target` through one pipeline (one set of listeners on the output). */
async function concatenate(paths: readonly string[], target: string): Promise<void> {
  async function* parts() {
    for (const path of paths) {
      yield* createReadStream(path, { highWaterMark: COPY_BUFFER_BYTES });
    }
  }
  await pipeline(parts, createWriteStream(target, { flags: 'wx', highWaterMark: COPY_BUFFER_BYTES }));
}

function boundedInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`, { fields: { ArgumentName: name, ArgumentValue: value } });
  return name === 'max-parts' ? Math.min(Number(value), 1000) : Number(value);
}
