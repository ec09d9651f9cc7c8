import { describe, expect, it } from 'vitest';
import { createTokenCache } from '../../../../../infra/local/auth/token-cache';

describe('Function: createTokenCache', () => {
  it('returns a stored value until its expiry, then reports it expired once and forgets it', () => {
    // Prepare
    const cache = createTokenCache<string>(10);
    cache.set('t', { value: 'alice', expiresAt: 100 });

    // Act & Assess
    expect(cache.get('t', 99.5)).toEqual({ status: 'hit', value: 'alice' });
    expect(cache.get('t', 100)).toEqual({ status: 'hit', value: 'alice' });
    expect(cache.get('t', 100.5)).toEqual({ status: 'expired' });
    expect(cache.get('t', 100.5)).toEqual({ status: 'miss' });
  });

  it('evicts the least recently used token when full', () => {
    // Prepare
    const cache = createTokenCache<number>(2);
    cache.set('a', { value: 1, expiresAt: 1e12 });
    cache.set('b', { value: 2, expiresAt: 1e12 });
    cache.get('a', 0);

    // Act
    cache.set('c', { value: 3, expiresAt: 1e12 });

    // Assess
    expect(cache.size).toBe(2);
    expect(cache.get('b', 0).status).toBe('miss');
    expect(cache.get('a', 0).status).toBe('hit');
    expect(cache.get('c', 0).status).toBe('hit');
  });

  it('stores nothing when its size is zero', () => {
    // Prepare
    const cache = createTokenCache<number>(0);

    // Act
    cache.set('a', { value: 1, expiresAt: 1e12 });

    // Assess
    expect(cache.get('a', 0).status).toBe('miss');
  });
});
