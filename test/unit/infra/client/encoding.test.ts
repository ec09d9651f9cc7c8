import { describe, expect, it } from 'vitest';
import { base64Encode, randomId } from '../../../../infra/client/encoding';

describe('Function: base64Encode', () => {
  it('encodes UTF-8 like Buffer, in standard and url-safe unpadded form', () => {
    // Prepare: characters that produce '+', '/' and padding in base64.
    const text = JSON.stringify({ Authorization: 'tök>>?>', host: 'h' });
    // Act & Assess
    expect(base64Encode(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    expect(base64Encode(text, true)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
    expect(base64Encode('{}')).toBe('e30=');
  });
});

describe('Function: randomId', () => {
  it('returns distinct v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, randomId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
