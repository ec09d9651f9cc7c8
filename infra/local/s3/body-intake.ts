/**
 * Takes in a request body the way S3 does: streamed to a temporary file (never held in memory),
 * decoded from aws-chunked when the client streamed it, and checked before anything is stored —
 * declared length and size limit (EntityTooLarge), bytes received (IncompleteBody), the signed
 * SHA-256 (XAmzContentSHA256Mismatch), Content-MD5 (InvalidDigest/BadDigest) and any additional
 * checksum (BadDigest). A refused body leaves no file behind.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PayloadSigning } from './authentication';
import { AwsChunkedDecoder } from './aws-chunked';
import { algorithmOfHeader, checksumHeader, CHECKSUM_ALGORITHMS, createChecksum } from './checksums';
import type { Checksum, ChecksumAlgorithm } from './checksums';
import { S3Error } from './errors';

/** What the request says about its body. */
export interface BodyDeclaration {
  readonly payload: PayloadSigning;
  /** Lower-case request headers. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Largest object (or part) accepted, in bytes. */
  readonly maxBytes: number;
}

/** A body that passed every check, waiting in `tempPath` to be committed. */
export interface ReceivedBody {
  readonly tempPath: string;
  readonly size: number;
  /** MD5 of the bytes, hex (the ETag of a single-part object). */
  readonly md5Hex: string;
  /** The additional checksum the client sent (already verified). */
  readonly checksum: { readonly algorithm: ChecksumAlgorithm; readonly value: string } | null;
}

const STREAM_HIGH_WATER_MARK = 1024 * 1024;

/**
 * The length the body will have once decoded, checked against the limit before reading anything.
 * @throws {S3Error} MissingContentLength, EntityTooLarge, InvalidArgument
 * @returns the number of object bytes the client declared
 */
export function declaredObjectLength(declaration: BodyDeclaration): number {
  const streaming = isStreaming(declaration.payload);
  const raw = streaming ? declaration.headers['x-amz-decoded-content-length'] : declaration.headers['content-length'];
  if (raw === undefined) throw new S3Error('MissingContentLength');
  if (!/^\d+$/.test(raw)) {
    const name = streaming ? 'x-amz-decoded-content-length' : 'Content-Length';
    throw new S3Error('InvalidArgument', `${name} must be a non-negative integer`, { fields: { ArgumentName: name, ArgumentValue: raw } });
  }
  const length = Number(raw);
  if (length > declaration.maxBytes) {
    throw new S3Error('EntityTooLarge', undefined, { fields: { ProposedSize: String(length), MaxSizeAllowed: String(declaration.maxBytes) } });
  }
  return length;
}

/**
 * Streams the body into `tempPath` and verifies it.
 * @throws {S3Error} for any check that fails (the temporary file is removed)
 * @returns the stored body's size, MD5 and verified checksum
 */
export async function receiveBody(source: Readable, declaration: BodyDeclaration, tempPath: string): Promise<ReceivedBody> {
  const expectedLength = declaredObjectLength(declaration);
  const contentMd5 = parseContentMd5(declaration.headers['content-md5']);
  const expectedChecksum = checksumExpectation(declaration);
  const meter = new BodyMeter(expectedLength, expectedChecksum?.algorithm ?? null, declaration.payload.kind === 'sha256');
  const decoder = decoderFor(declaration.payload);
  try {
    const sink = createWriteStream(tempPath, { flags: 'wx', highWaterMark: STREAM_HIGH_WATER_MARK });
    await (decoder ? pipeline(source, decoder, meter, sink) : pipeline(source, meter, sink));
    if (meter.size !== expectedLength) throw new S3Error('IncompleteBody');
    const md5 = meter.md5.digest();
    if (declaration.payload.kind === 'sha256') {
      const computed = meter.sha256?.digest('hex') ?? '';
      if (computed !== declaration.payload.hash) {
        throw new S3Error('XAmzContentSHA256Mismatch', undefined, {
          fields: { ClientComputedContentSHA256: declaration.payload.hash, S3ComputedContentSHA256: computed },
        });
      }
    }
    if (contentMd5 && !contentMd5.equals(md5)) {
      throw new S3Error('BadDigest', undefined, { fields: { ExpectedDigest: contentMd5.toString('base64'), CalculatedDigest: md5.toString('base64') } });
    }
    const checksum = verifyChecksum(expectedChecksum, meter.checksum, decoder?.trailers);
    return { tempPath, size: meter.size, md5Hex: md5.toString('hex'), checksum };
  } catch (error) {
    await rm(tempPath, { force: true });
    if (error instanceof S3Error) throw error;
    // The client went away or sent a broken body: nothing was stored.
    throw new S3Error('IncompleteBody', undefined, { cause: error });
  }
}

/** The checksum a client declared, from a header or an announced trailer. */
interface ChecksumExpectation {
  readonly algorithm: ChecksumAlgorithm;
  /** Header value; `null` when it arrives as a trailer. */
  readonly value: string | null;
}

function checksumExpectation(declaration: BodyDeclaration): ChecksumExpectation | null {
  const trailer = declaration.headers['x-amz-trailer'];
  if (trailer !== undefined) {
    if (!isStreaming(declaration.payload)) {
      throw new S3Error('InvalidRequest', 'x-amz-trailer is only allowed with a streaming (aws-chunked) payload');
    }
    const algorithm = algorithmOfHeader(trailer.trim());
    if (!algorithm) throw new S3Error('InvalidRequest', `The value specified in the x-amz-trailer header is not supported: ${trailer}`);
    return { algorithm, value: null };
  }
  const present = CHECKSUM_ALGORITHMS.filter((algorithm) => declaration.headers[checksumHeader(algorithm)] !== undefined);
  if (present.length > 1) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const [algorithm] = present;
  return algorithm ? { algorithm, value: declaration.headers[checksumHeader(algorithm)] ?? '' } : null;
}

function verifyChecksum(
  expectation: ChecksumExpectation | null,
  computed: Checksum | null,
  trailers: ReadonlyMap<string, string> | undefined,
): ReceivedBody['checksum'] {
  if (!expectation || !computed) return null;
  const provided = expectation.value ?? trailers?.get(checksumHeader(expectation.algorithm));
  if (provided === undefined) throw new S3Error('InvalidRequest', `The trailing header ${checksumHeader(expectation.algorithm)} was announced but not sent`);
  const value = computed.digest();
  if (provided !== value) {
    throw new S3Error('BadDigest', `The ${expectation.algorithm} you specified did not match the calculated checksum.`);
  }
  return { algorithm: expectation.algorithm, value };
}

function parseContentMd5(value: string | undefined): Buffer | null {
  if (value === undefined) return null;
  const digest = Buffer.from(value, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== value.trim()) throw new S3Error('InvalidDigest');
  return digest;
}

function decoderFor(payload: PayloadSigning): AwsChunkedDecoder | null {
  switch (payload.kind) {
    case 'unsigned':
    case 'sha256':
      return null;
    case 'streaming-unsigned-trailer':
      return new AwsChunkedDecoder({ kind: 'unsigned' });
    case 'streaming-signed':
      return new AwsChunkedDecoder({ kind: 'signed', chain: payload.chain, trailer: payload.trailer });
  }
}

function isStreaming(payload: PayloadSigning): boolean {
  return payload.kind === 'streaming-signed' || payload.kind === 'streaming-unsigned-trailer';
}

/** Counts and hashes the bytes on their way to disk; stops a body that outgrows its declaration. */
class BodyMeter extends Transform {
  size = 0;
  readonly md5 = createHash('md5');
  readonly sha256: Hash | null;
  readonly checksum: Checksum | null;

  constructor(
    private readonly limit: number,
    algorithm: ChecksumAlgorithm | null,
    hashSha256: boolean,
  ) {
    super({ highWaterMark: STREAM_HIGH_WATER_MARK });
    this.sha256 = hashSha256 ? createHash('sha256') : null;
    this.checksum = algorithm ? createChecksum(algorithm) : null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) {
      callback(new S3Error('InvalidRequest', 'The request body is longer than its declared length'));
      return;
    }
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
    callback(null, chunk);
  }
}
