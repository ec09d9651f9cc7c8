import { describe, expect, it } from 'vitest';
import { bucket } from '../../../../../infra/storage';
import { corsResponseHeaders, evaluatePreflight } from '../../../../../infra/local/s3/cors';

describe('Function: evaluatePreflight (the media bucket’s rules)', () => {
  it('allows a browser PUT with a Content-Type from any origin and exposes ETag and x-amz-version-id', () => {
    // Act
    const result = evaluatePreflight([bucket.cors], { origin: 'http://localhost:5173', method: 'PUT', requestHeaders: 'Content-Type' });

    // Assess
    expect(result).toEqual({
      kind: 'allowed',
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, PUT, HEAD',
        'access-control-allow-headers': 'content-type',
        'access-control-expose-headers': 'ETag, x-amz-version-id',
        'access-control-max-age': '3000',
        vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      },
    });
  });

  it('refuses a method no rule allows', () => {
    expect(evaluatePreflight([bucket.cors], { origin: 'http://localhost:5173', method: 'DELETE', requestHeaders: undefined })).toEqual({ kind: 'forbidden' });
  });

  it('needs an Origin and a requested method', () => {
    expect(evaluatePreflight([bucket.cors], { origin: undefined, method: 'PUT', requestHeaders: undefined })).toEqual({ kind: 'missing-origin' });
  });

  it('reports a bucket without rules', () => {
    expect(evaluatePreflight([], { origin: 'http://a', method: 'PUT', requestHeaders: undefined })).toEqual({ kind: 'not-enabled' });
  });

  it('matches origin wildcards and echoes a specific origin with credentials', () => {
    // Prepare
    const rules = [{ allowedOrigins: ['https://*.example.com'], allowedMethods: ['GET'], allowedHeaders: ['x-amz-*'] }];

    // Act
    const allowed = evaluatePreflight(rules, { origin: 'https://app.example.com', method: 'GET', requestHeaders: 'x-amz-date' });
    const otherOrigin = evaluatePreflight(rules, { origin: 'https://evil.test', method: 'GET', requestHeaders: undefined });
    const otherHeader = evaluatePreflight(rules, { origin: 'https://app.example.com', method: 'GET', requestHeaders: 'authorization' });

    // Assess
    expect(allowed).toMatchObject({ kind: 'allowed', headers: { 'access-control-allow-origin': 'https://app.example.com', 'access-control-allow-credentials': 'true' } });
    expect(otherOrigin.kind).toBe('forbidden');
    expect(otherHeader.kind).toBe('forbidden');
  });
});

describe('Function: corsResponseHeaders', () => {
  it('adds the rule’s headers to an allowed cross-origin request and nothing otherwise', () => {
    expect(corsResponseHeaders([bucket.cors], 'http://localhost:5173', 'PUT')['access-control-expose-headers']).toBe('ETag, x-amz-version-id');
    expect(corsResponseHeaders([bucket.cors], 'http://localhost:5173', 'DELETE')).toEqual({});
    expect(corsResponseHeaders([bucket.cors], undefined, 'PUT')).toEqual({});
  });
});
