import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../infra/local/s3/errors';
import { listPage, parseMaxKeys } from '../../../../../infra/local/s3/listing';
import type { ListRequest } from '../../../../../infra/local/s3/listing';
import type { ObjectVersion } from '../../../../../infra/local/s3/object-records';

const version = { versionId: 'null', deleteMarker: false, size: 1, etag: 'e', lastModified: '2024-01-01T00:00:00.000Z' } as ObjectVersion;
const entries = ['a/1', 'a/2', 'a/b/3', 'b/1', 'c'].map((key) => ({ key, version }));
const base: ListRequest = { prefix: '', delimiter: undefined, maxKeys: 1000, startAfter: undefined, continuationToken: undefined };

describe('Function: listPage', () => {
  it('lists every key under the prefix', () => {
    const page = listPage(entries, { ...base, prefix: 'a/' });
    expect(page.contents.map((entry) => entry.key)).toEqual(['a/1', 'a/2', 'a/b/3']);
    expect(page.isTruncated).toBe(false);
  });

  it('rolls keys up into common prefixes at the delimiter', () => {
    const page = listPage(entries, { ...base, delimiter: '/' });
    expect(page.contents.map((entry) => entry.key)).toEqual(['c']);
    expect(page.commonPrefixes).toEqual(['a/', 'b/']);
  });

  it('pages with continuation tokens without repeating or skipping entries, a common prefix counting once', () => {
    // Act
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = listPage(entries, { ...base, delimiter: '/', prefix: '', maxKeys: 1, continuationToken: token });
      seen.push(...page.contents.map((entry) => entry.key), ...page.commonPrefixes);
      token = page.nextContinuationToken;
      pages += 1;
    } while (token !== undefined);

    // Assess
    expect(seen).toEqual(['a/', 'b/', 'c']);
    expect(pages).toBe(3);
  });

  it('starts after StartAfter', () => {
    expect(listPage(entries, { ...base, startAfter: 'a/b/3' }).contents.map((entry) => entry.key)).toEqual(['b/1', 'c']);
  });

  it('refuses a continuation token it did not issue with InvalidArgument', () => {
    expect(() => listPage(entries, { ...base, continuationToken: '!!!' })).toThrow(S3Error);
  });
});

describe('Function: parseMaxKeys', () => {
  it('defaults to and caps at 1,000', () => {
    expect(parseMaxKeys(undefined)).toBe(1000);
    expect(parseMaxKeys('5000')).toBe(1000);
    expect(parseMaxKeys('2')).toBe(2);
  });

  it('refuses a value that is not a number', () => {
    expect(() => parseMaxKeys('ten')).toThrow(S3Error);
  });
});
