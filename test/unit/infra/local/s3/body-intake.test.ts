import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayloadSigning } from '../../../../../infra/local/s3/authentication';
import { receiveBody } from '../../../../../infra/local/s3/body-intake';
import { S3Error } from '../../../../../infra/local/s3/errors';

let directory: string;
let counter = 0;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mediagraph-s3-intake-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const md5Base64 = (data: string) => createHash('md5').update(data).digest('base64');

function receive(body: string | Buffer, payload: PayloadSigning, headers: Record<string, string>, maxBytes = 1024) {
  counter += 1;
  return receiveBody(Readable.from([Buffer.from(body)]), { payload, headers, maxBytes }, join(directory, `body-${counter}`));
}

async function refusal(promise: Promise<unknown>): Promise<S3Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error('expected an S3Error');
}

describe('Function: receiveBody', () => {
  it('stores a body whose SHA-256 matches the signed one and reports its MD5', async () => {
    // Act
    const received = await receive('hello', { kind: 'sha256', hash: sha256('hello') }, { 'content-length': '5' });

    // Assess
    expect(received.size).toBe(5);
    expect(received.md5Hex).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(await readFile(received.tempPath, 'utf8')).toBe('hello');
  });

  it('refuses a body that differs from the signed SHA-256 and leaves no file', async () => {
    // Act
    const error = await refusal(receive('hellx', { kind: 'sha256', hash: sha256('hello') }, { 'content-length': '5' }));

    // Assess
    expect(error).toMatchObject({ code: 'XAmzContentSHA256Mismatch', status: 400 });
    expect((await readdir(directory)).filter((name) => name === `body-${counter}`)).toEqual([]);
  });

  it('refuses a Content-MD5 that does not match with BadDigest', async () => {
    const error = await refusal(receive('hello', { kind: 'unsigned' }, { 'content-length': '5', 'content-md5': md5Base64('other') }));
    expect(error).toMatchObject({ code: 'BadDigest', status: 400 });
  });

  it('refuses a malformed Content-MD5 with InvalidDigest', async () => {
    const error = await refusal(receive('hello', { kind: 'unsigned' }, { 'content-length': '5', 'content-md5': 'not-md5' }));
    expect(error).toMatchObject({ code: 'InvalidDigest' });
  });

  it('refuses a declared length over the limit with EntityTooLarge before reading', async () => {
    const error = await refusal(receive('hello', { kind: 'unsigned' }, { 'content-length': '2048' }));
    expect(error).toMatchObject({ code: 'EntityTooLarge', fields: { ProposedSize: '2048', MaxSizeAllowed: '1024' } });
  });

  it('refuses a body shorter than its Content-Length with IncompleteBody', async () => {
    const error = await refusal(receive('hel', { kind: 'unsigned' }, { 'content-length': '5' }));
    expect(error).toMatchObject({ code: 'IncompleteBody' });
  });

  it('refuses a body without a length with MissingContentLength (411)', async () => {
    const error = await refusal(receive('hello', { kind: 'unsigned' }, {}));
    expect(error).toMatchObject({ code: 'MissingContentLength', status: 411 });
  });

  it('verifies an x-amz-checksum-crc32 header', async () => {
    const accepted = await receive('hello stream', { kind: 'unsigned' }, { 'content-length': '12', 'x-amz-checksum-crc32': 'gtnkmQ==' });
    const refused = await refusal(receive('hello stream', { kind: 'unsigned' }, { 'content-length': '12', 'x-amz-checksum-crc32': 'AAAAAA==' }));
    expect(accepted.checksum).toEqual({ algorithm: 'CRC32', value: 'gtnkmQ==' });
    expect(refused).toMatchObject({ code: 'BadDigest', message: 'The CRC32 you specified did not match the calculated checksum.' });
  });

  it('decodes an aws-chunked body and verifies its trailing checksum', async () => {
    // Prepare
    const headers = { 'x-amz-decoded-content-length': '12', 'x-amz-trailer': 'x-amz-checksum-crc32', 'content-encoding': 'aws-chunked' };
    const chunked = (checksum: string) => `6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:${checksum}\r\n\r\n`;

    // Act
    const accepted = await receive(chunked('gtnkmQ=='), { kind: 'streaming-unsigned-trailer' }, headers);
    const refused = await refusal(receive(chunked('AAAAAA=='), { kind: 'streaming-unsigned-trailer' }, headers));

    // Assess
    expect(await readFile(accepted.tempPath, 'utf8')).toBe('hello stream');
    expect(refused).toMatchObject({ code: 'BadDigest' });
  });

  it('refuses an aws-chunked body that decodes to more than x-amz-decoded-content-length', async () => {
    const headers = { 'x-amz-decoded-content-length': '5' };
    const error = await refusal(receive('6\r\nhello \r\n0\r\n\r\n', { kind: 'streaming-unsigned-trailer' }, headers));
    expect(error.code).toBe('InvalidRequest');
  });
});
