import { describe, expect, it } from 'vitest';
import {
  openPaginationToken,
  paginationScope,
  sealPaginationToken,
  secretBytes,
} from '../../../../../../infra/local/appsync/datasources/dynamodb-pagination-token';

const secret = secretBytes('0123456789abcdef-secret');
const key = { pk: { S: 'MEDIA#1' }, sk: { S: 'META' }, gsi1pk: { S: 'OWNER#a' }, gsi1sk: { S: '2026-01-01#1' } };
const scope = paginationScope({ operation: 'Query', tableName: 'T', index: 'byOwner' });

describe('Function: sealPaginationToken / openPaginationToken', () => {
  it('round-trips a LastEvaluatedKey, including binary and number keys', () => {
    const binary = { id: { B: Buffer.from([0, 1, 2, 255]) }, n: { N: '42' } };

    expect(openPaginationToken(sealPaginationToken(key, scope, secret), scope, secret)).toEqual(key);
    const reopened = openPaginationToken(sealPaginationToken(binary, scope, secret), scope, secret);
    expect(Buffer.from(reopened?.id?.B as Uint8Array)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(reopened?.n).toEqual({ N: '42' });
  });

  it('round-trips a LastEvaluatedKey whose binary came from DynamoDB as base64, back to bytes', () => {
    const fromDynamoDb = { id: { B: 'AAEC/w==' }, n: { N: '42' } };

    const reopened = openPaginationToken(sealPaginationToken(fromDynamoDb, scope, secret), scope, secret);

    expect(Buffer.from(reopened?.id?.B as Uint8Array)).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('is opaque: base64url text whose body does not reveal the key, different every time', () => {
    const token = sealPaginationToken(key, scope, secret);
    const [body] = token.split('.');

    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(body!, 'base64url').toString('latin1')).not.toContain('MEDIA#1');
    expect(sealPaginationToken(key, scope, secret)).not.toBe(token);
  });

  it('rejects a token whose encrypted body was changed', () => {
    const [body, signature] = sealPaginationToken(key, scope, secret).split('.');
    const bytes = Buffer.from(body!, 'base64url');
    bytes[bytes.length - 5]! ^= 0x01;

    expect(openPaginationToken(`${bytes.toString('base64url')}.${signature}`, scope, secret)).toBeUndefined();
  });

  it('rejects a changed signature, another secret, another scope and garbage', () => {
    const token = sealPaginationToken(key, scope, secret);
    const [body, signature] = token.split('.');
    const flipped = `${body}.${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`;

    expect(openPaginationToken(flipped, scope, secret)).toBeUndefined();
    expect(openPaginationToken(token, scope, secretBytes('another-secret-0123456789'))).toBeUndefined();
    expect(openPaginationToken(token, paginationScope({ operation: 'Query', tableName: 'T', index: 'byParent' }), secret)).toBeUndefined();
    for (const garbage of ['', 'abc', 'a.b.c', `${body}.`, '.'.repeat(3), 'x'.repeat(20_000)]) {
      expect(openPaginationToken(garbage, scope, secret)).toBeUndefined();
    }
  });

  it('binds the scope to its content, not to the order fields were written in', () => {
    expect(paginationScope({ a: 1, b: { c: 2, d: 3 } })).toBe(paginationScope({ b: { d: 3, c: 2 }, a: 1 }));
    expect(paginationScope({ a: 1 })).not.toBe(paginationScope({ a: 2 }));
  });

  it('refuses a secret shorter than 16 bytes', () => {
    expect(() => secretBytes('short')).toThrow('at least 16 bytes');
  });
});
