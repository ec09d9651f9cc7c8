import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../infra/local/s3/errors';
import type { ObjectVersion } from '../../../../../infra/local/s3/object-records';
import { evaluateReadPreconditions, writePrecondition } from '../../../../../infra/local/s3/preconditions';

const version = { etag: 'abc', lastModified: '2024-05-01T10:00:00.000Z' } as ObjectVersion;

describe('Function: evaluateReadPreconditions', () => {
  it('answers not-modified for a matching If-None-Match and proceeds otherwise', () => {
    expect(evaluateReadPreconditions({ 'if-none-match': '"abc"' }, version)).toBe('not-modified');
    expect(evaluateReadPreconditions({ 'if-none-match': '"other"' }, version)).toBe('proceed');
  });

  it('fails If-Match with another ETag with PreconditionFailed (412)', () => {
    expect(() => evaluateReadPreconditions({ 'if-match': '"other"' }, version)).toThrow(expect.objectContaining({ status: 412 }) as S3Error);
  });

  it('uses the dates only when the ETag conditions are absent', () => {
    expect(evaluateReadPreconditions({ 'if-modified-since': 'Wed, 01 May 2024 10:00:00 GMT' }, version)).toBe('not-modified');
    expect(evaluateReadPreconditions({ 'if-modified-since': 'Wed, 01 May 2024 09:00:00 GMT' }, version)).toBe('proceed');
    expect(() => evaluateReadPreconditions({ 'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT' }, version)).toThrow(S3Error);
  });
});

describe('Function: writePrecondition', () => {
  it('refuses to overwrite an existing object under If-None-Match: *', () => {
    const check = writePrecondition({ 'if-none-match': '*' });
    expect(() => check?.(version)).toThrow(expect.objectContaining({ code: 'PreconditionFailed' }) as S3Error);
    expect(() => check?.(undefined)).not.toThrow();
  });

  it('has no check when the request has no condition', () => {
    expect(writePrecondition({})).toBeUndefined();
  });
});
