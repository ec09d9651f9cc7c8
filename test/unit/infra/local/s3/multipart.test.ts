import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { S3Error } from '../../../../../infra/local/s3/errors';
import { multipartEtag, parseCompleteRequest } from '../../../../../infra/local/s3/multipart-operations';

describe('Function: multipartEtag', () => {
  it('is the MD5 of the parts’ binary MD5s followed by the part count', () => {
    // Prepare
    const parts = [Buffer.from('first part'), Buffer.from('second part')];
    const md5s = parts.map((part) => createHash('md5').update(part).digest());

    // Act
    const etag = multipartEtag(md5s.map((md5) => md5.toString('hex')));

    // Assess
    expect(etag).toBe(`${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-2`);
  });
});

describe('Function: parseCompleteRequest', () => {
  it('reads the parts as the SDK sends them (namespace, quoted ETags, checksum elements)', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><ETag>&quot;aa&quot;</ETag><PartNumber>1</PartNumber></Part><Part><ChecksumCRC32>x</ChecksumCRC32><ETag>"bb"</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>';
    expect(parseCompleteRequest(xml)).toEqual([
      { partNumber: 1, etag: 'aa' },
      { partNumber: 2, etag: 'bb' },
    ]);
  });

  it.each([
    ['not xml'],
    ['<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>'],
    ['<CompleteMultipartUpload></CompleteMultipartUpload>'],
    ['<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a</ETag></Part>'],
    ['<Other><Part><PartNumber>1</PartNumber><ETag>a</ETag></Part></Other>'],
    ['<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a & b</ETag></Part></CompleteMultipartUpload>'],
  ])('refuses %s with MalformedXML', (xml) => {
    expect(() => parseCompleteRequest(xml)).toThrow(expect.objectContaining({ code: 'MalformedXML' }) as S3Error);
  });
});
