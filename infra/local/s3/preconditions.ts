/**
 * Conditional requests as S3 evaluates them
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, RFC 9110 §13.2.2):
 * reads honour If-Match / If-Unmodified-Since (412 PreconditionFailed) and If-None-Match /
 * If-Modified-Since (304 Not Modified); writes honour If-None-Match: * (do not overwrite) and
 * If-Match: <etag> (overwrite only that version) — S3's conditional writes
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html).
 */
import { S3Error } from './errors';
import type { ObjectVersion } from './object-records';

/**
 * Evaluates a GET/HEAD's preconditions against the version found.
 * @throws {S3Error} PreconditionFailed
 * @returns `not-modified` when the client's copy is current, else `proceed`
 */
export function evaluateReadPreconditions(headers: Readonly<Record<string, string | undefined>>, version: ObjectVersion): 'proceed' | 'not-modified' {
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  const modified = Math.floor(Date.parse(version.lastModified) / 1000);
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, version.etag)) throw new S3Error('PreconditionFailed', undefined, { fields: { Condition: 'If-Match' } });
  } else {
    const since = parseHttpDate(headers['if-unmodified-since']);
    if (since !== null && modified > since) throw new S3Error('PreconditionFailed', undefined, { fields: { Condition: 'If-Unmodified-Since' } });
  }
  if (ifNoneMatch !== undefined) return etagListMatches(ifNoneMatch, version.etag) ? 'not-modified' : 'proceed';
  const since = parseHttpDate(headers['if-modified-since']);
  return since !== null && modified <= since ? 'not-modified' : 'proceed';
}

/**
 * A PutObject/CompleteMultipartUpload precondition, checked against the current version under the key's lock.
 * @returns a check that throws PreconditionFailed, or undefined when the request has none
 */
export function writePrecondition(headers: Readonly<Record<string, string | undefined>>): ((current: ObjectVersion | undefined) => void) | undefined {
  const ifNoneMatch = headers['if-none-match'];
  const ifMatch = headers['if-match'];
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', {
      fields: { Header: 'If-None-Match', additionalMessage: 'We don’t accept the provided value of If-None-Match header for this API' },
    });
  }
  return (current) => {
    if (ifNoneMatch !== undefined && current) throw new S3Error('PreconditionFailed', undefined, { fields: { Condition: 'If-None-Match' } });
    if (ifMatch !== undefined) {
      if (!current) throw new S3Error('NoSuchKey');
      if (!etagListMatches(ifMatch, current.etag)) throw new S3Error('PreconditionFailed', undefined, { fields: { Condition: 'If-Match' } });
    }
  };
}

function etagListMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .some((candidate) => candidate === '*' || candidate === etag);
}

function parseHttpDate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : Math.floor(parsed / 1000);
}
