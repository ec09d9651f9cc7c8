/**
 * Decodes `Content-Encoding: aws-chunked` bodies, which S3 clients send when they stream a body
 * of unknown hash: `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n` … a zero-size chunk, then
 * optional trailing headers and an empty line
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html).
 * `@aws-sdk/client-s3` sends `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (unsigned chunks, a trailing
 * `x-amz-checksum-crc32`) for stream bodies; other SDKs sign each chunk
 * (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`): every chunk signature chains on the previous
 * one, starting at the request's seed signature, so chunks cannot be altered, dropped or reordered.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { signatureFor } from '../auth/sigv4';
import type { SignatureChain } from './authentication';
import { S3Error } from './errors';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MAX_LINE_BYTES = 8 * 1024;

/** How the chunks are signed. */
export type ChunkSigning = { readonly kind: 'unsigned' } | { readonly kind: 'signed'; readonly chain: SignatureChain; readonly trailer: boolean };

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * A transform from the aws-chunked wire format to the object bytes. After it finishes,
 * `trailers` holds the trailing headers (names lower-cased).
 * Fails with S3Error: SignatureDoesNotMatch (a chunk or trailer signature is wrong),
 * IncompleteBody (the body ends early), InvalidRequest (malformed framing).
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  private state: State = 'size';
  private line: Buffer[] = [];
  private lineBytes = 0;
  private remaining = 0;
  private chunkHash: Hash | null = null;
  private chunkSignature: string | null = null;
  private previousSignature: string;

  constructor(private readonly signing: ChunkSigning) {
    super();
    this.previousSignature = signing.kind === 'signed' ? signing.chain.seedSignature : '';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.state === 'done' ? undefined : new S3Error('IncompleteBody', 'The request body ended before the final aws-chunked chunk'));
  }

  private consume(buffer: Buffer): void {
    let offset = 0;
    while (offset < buffer.length) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, buffer.length - offset);
        const data = buffer.subarray(offset, offset + take);
        this.chunkHash?.update(data);
        this.push(data);
        this.remaining -= take;
        offset += take;
        if (this.remaining === 0) {
          this.finishChunk();
          this.state = 'data-end';
        }
        continue;
      }
      if (this.state === 'done') {
        if (buffer.subarray(offset).toString('latin1').trim() !== '') throw malformed('data after the end of an aws-chunked body');
        return;
      }
      const newline = buffer.indexOf(0x0a, offset);
      const end = newline === -1 ? buffer.length : newline + 1;
      this.line.push(buffer.subarray(offset, end));
      this.lineBytes += end - offset;
      offset = end;
      if (this.lineBytes > MAX_LINE_BYTES) throw malformed('an aws-chunked header line is too long');
      if (newline === -1) continue;
      const line = Buffer.concat(this.line).toString('latin1');
      this.line = [];
      this.lineBytes = 0;
      if (!line.endsWith('\r\n')) throw malformed('aws-chunked lines must end with CRLF');
      this.handleLine(line.slice(0, -2));
    }
  }

  private handleLine(line: string): void {
    switch (this.state) {
      case 'size':
        this.startChunk(line);
        return;
      case 'data-end':
        if (line !== '') throw malformed('a chunk is longer than its declared size');
        this.state = 'size';
        return;
      case 'trailer':
        this.handleTrailer(line);
        return;
      case 'data':
      case 'done':
        throw malformed('unexpected line');
    }
  }

  private startChunk(line: string): void {
    const [sizeText = '', ...extensions] = line.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw malformed(`invalid chunk size "${sizeText}"`);
    const size = Number.parseInt(sizeText, 16);
    const signatureExtension = extensions.find((extension) => extension.startsWith('chunk-signature='));
    this.chunkSignature = signatureExtension ? signatureExtension.slice('chunk-signature='.length) : null;
    if (this.signing.kind === 'signed') {
      if (!this.chunkSignature) throw malformed('a signed aws-chunked body needs a chunk-signature on every chunk');
      this.chunkHash = createHash('sha256');
    }
    if (size === 0) {
      this.finishChunk();
      this.state = 'trailer';
      return;
    }
    this.remaining = size;
    this.state = 'data';
  }

  private finishChunk(): void {
    if (this.signing.kind !== 'signed') return;
    const dataHash = this.chunkHash?.digest('hex') ?? EMPTY_SHA256;
    const { chain } = this.signing;
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', chain.amzDate, chain.scope, this.previousSignature, EMPTY_SHA256, dataHash].join('\n');
    const expected = signatureFor(chain.signingKey, toSign);
    if (!sameSignature(expected, this.chunkSignature ?? '')) {
      throw new S3Error('SignatureDoesNotMatch', undefined, { fields: { StringToSign: toSign, SignatureProvided: this.chunkSignature ?? '' } });
    }
    this.previousSignature = expected;
    this.chunkHash = null;
  }

  private handleTrailer(line: string): void {
    if (line !== '') {
      const separator = line.indexOf(':');
      if (separator <= 0) throw malformed(`invalid trailing header "${line}"`);
      this.trailers.set(line.slice(0, separator).trim().toLowerCase(), line.slice(separator + 1).trim());
      return;
    }
    if (this.signing.kind === 'signed' && this.signing.trailer) this.verifyTrailerSignature(this.signing.chain);
    this.state = 'done';
  }

  private verifyTrailerSignature(chain: SignatureChain): void {
    const provided = this.trailers.get('x-amz-trailer-signature') ?? '';
    const canonicalTrailers = [...this.trailers]
      .filter(([name]) => name !== 'x-amz-trailer-signature')
      .map(([name, value]) => `${name}:${value}\n`)
      .join('');
    const toSign = [
      'AWS4-HMAC-SHA256-TRAILER',
      chain.amzDate,
      chain.scope,
      this.previousSignature,
      createHash('sha256').update(canonicalTrailers).digest('hex'),
    ].join('\n');
    if (!sameSignature(signatureFor(chain.signingKey, toSign), provided)) {
      throw new S3Error('SignatureDoesNotMatch', undefined, { fields: { StringToSign: toSign, SignatureProvided: provided } });
    }
  }
}

function malformed(reason: string): S3Error {
  return new S3Error('InvalidRequest', `Malformed aws-chunked body: ${reason}`);
}

function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}
