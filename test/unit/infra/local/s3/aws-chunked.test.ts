import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { deriveSigningKey } from '../../../../../infra/local/auth/sigv4';
import { AwsChunkedDecoder } from '../../../../../infra/local/s3/aws-chunked';
import type { ChunkSigning } from '../../../../../infra/local/s3/aws-chunked';
import { S3Error } from '../../../../../infra/local/s3/errors';

// AWS's chunked-upload example (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html):
// 66,560 bytes of 'a' in a 65,536-byte and a 1,024-byte chunk, signed in a chain from the seed signature.
const SIGNED: ChunkSigning = {
  kind: 'signed',
  trailer: false,
  chain: {
    signingKey: deriveSigningKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524', 'us-east-1', 's3'),
    amzDate: '20130524T000000Z',
    scope: '20130524/us-east-1/s3/aws4_request',
    seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  },
};
const CHUNK_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
];

function exampleBody(firstChunk = Buffer.alloc(65_536, 'a')): Buffer {
  return Buffer.concat([
    Buffer.from(`10000;chunk-signature=${CHUNK_SIGNATURES[0]}\r\n`),
    firstChunk,
    Buffer.from(`\r\n400;chunk-signature=${CHUNK_SIGNATURES[1]}\r\n`),
    Buffer.alloc(1024, 'a'),
    Buffer.from(`\r\n0;chunk-signature=${CHUNK_SIGNATURES[2]}\r\n\r\n`),
  ]);
}

/** Feeds `body` in pieces of `pieceSize` bytes, so framing split across reads is exercised. */
async function decode(body: Buffer, signing: ChunkSigning, pieceSize = 7_001): Promise<{ output: Buffer; trailers: Map<string, string> }> {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += pieceSize) pieces.push(body.subarray(offset, offset + pieceSize));
  const decoder = new AwsChunkedDecoder(signing);
  const output: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        output.push(chunk);
        callback();
      },
    }),
  );
  return { output: Buffer.concat(output), trailers: decoder.trailers };
}

async function decodeError(body: Buffer, signing: ChunkSigning): Promise<S3Error> {
  try {
    await decode(body, signing);
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error('expected an S3Error');
}

describe('Class: AwsChunkedDecoder', () => {
  it('decodes AWS’s signed example and verifies every chunk signature in the chain', async () => {
    // Act
    const { output } = await decode(exampleBody(), SIGNED);

    // Assess
    expect(output.length).toBe(66_560);
    expect(output.equals(Buffer.alloc(66_560, 'a'))).toBe(true);
  });

  it('refuses a signed body whose data was altered with SignatureDoesNotMatch', async () => {
    // Prepare
    const altered = Buffer.alloc(65_536, 'a');
    altered[100] = 0x62;

    // Act
    const error = await decodeError(exampleBody(altered), SIGNED);

    // Assess
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('refuses a signed body whose chunks are chained to another seed', async () => {
    const otherSeed: ChunkSigning = { ...SIGNED, chain: { ...SIGNED.chain, seedSignature: '0'.repeat(64) } } as ChunkSigning;
    expect(await decodeError(exampleBody(), otherSeed)).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('decodes the unsigned body with a trailing checksum that @aws-sdk/client-s3 sends for streams', async () => {
    // Prepare: captured from @aws-sdk/client-s3 3.1175 PutObject with a Readable body
    const body = Buffer.from('6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n');

    // Act
    const { output, trailers } = await decode(body, { kind: 'unsigned' }, 5);

    // Assess
    expect(output.toString()).toBe('hello stream');
    expect(trailers.get('x-amz-checksum-crc32')).toBe('gtnkmQ==');
  });

  it('refuses a body that ends before its final chunk with IncompleteBody', async () => {
    expect(await decodeError(Buffer.from('6\r\nhello '), { kind: 'unsigned' })).toMatchObject({ code: 'IncompleteBody' });
  });

  it('refuses a chunk longer than its declared size', async () => {
    expect(await decodeError(Buffer.from('2\r\nhello\r\n0\r\n\r\n'), { kind: 'unsigned' })).toMatchObject({ code: 'InvalidRequest' });
  });

  it('verifies a signed trailer (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER)', async () => {
    // Prepare: a one-chunk body signed the way the trailer documentation describes, then a tampered trailer
    const { signatureFor } = await import('../../../../../infra/local/auth/sigv4');
    const chain = SIGNED.kind === 'signed' ? SIGNED.chain : undefined;
    if (!chain) throw new Error('unreachable');
    const empty = createHash('sha256').update('').digest('hex');
    const sign = (previous: string, data: Buffer) =>
      signatureFor(chain.signingKey, ['AWS4-HMAC-SHA256-PAYLOAD', chain.amzDate, chain.scope, previous, empty, createHash('sha256').update(data).digest('hex')].join('\n'));
    const first = sign(chain.seedSignature, Buffer.from('hello'));
    const last = sign(first, Buffer.alloc(0));
    const trailerLine = 'x-amz-checksum-crc32:NhCmhg==\n';
    const trailerSignature = signatureFor(
      chain.signingKey,
      ['AWS4-HMAC-SHA256-TRAILER', chain.amzDate, chain.scope, last, createHash('sha256').update(trailerLine).digest('hex')].join('\n'),
    );
    const body = (checksum: string) =>
      Buffer.from(
        `5;chunk-signature=${first}\r\nhello\r\n0;chunk-signature=${last}\r\nx-amz-checksum-crc32:${checksum}\r\nx-amz-trailer-signature:${trailerSignature}\r\n\r\n`,
      );
    const signing: ChunkSigning = { kind: 'signed', trailer: true, chain };

    // Act
    const accepted = await decode(body('NhCmhg=='), signing);
    const refused = await decodeError(body('AAAAAA=='), signing);

    // Assess
    expect(accepted.output.toString()).toBe('hello');
    expect(refused).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });
});
