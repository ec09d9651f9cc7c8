import { describe, expect, it } from 'vitest';
import { autoId, autoKsuid, autoUlid } from '../../../../../../infra/local/appsync/runtime/identifiers';

// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (ID generation utils)

describe('Function: util.autoId', () => {
  it('returns distinct version 4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, () => autoId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Function: util.autoUlid', () => {
  it('returns 26 Crockford base32 characters whose first 10 encode the milliseconds', () => {
    // The ULID spec's example: ulid(1469918176385) is "01ARYZ6S41TSV4RRFFQ69G5FAV" (time part 01ARYZ6S41).
    // Its random part TSV4RRFFQ69G5FAV is the 80 bits d6764c61efb99302bd5b.
    const ulid = autoUlid(1469918176385, () => Buffer.from('d6764c61efb99302bd5b', 'hex'));
    expect(ulid).toBe('01ARYZ6S41TSV4RRFFQ69G5FAV');
    expect(autoUlid()).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/);
  });

  it('sorts by creation time', () => {
    const earlier = autoUlid(1_700_000_000_000);
    const later = autoUlid(1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
});

describe('Function: util.autoKsuid', () => {
  it('returns 27 base62 characters', () => {
    const ksuids = Array.from({ length: 50 }, () => autoKsuid());
    for (const ksuid of ksuids) expect(ksuid).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(new Set(ksuids).size).toBe(50);
  });

  it('encodes the KSUID reference example byte for byte', () => {
    // segmentio/ksuid's README: 0ujtsYcgvSTl8PAuAdqWYSMnLOv is timestamp 107608047 (since the KSUID
    // epoch 1400000000) with payload B5A1CD34B5F99D1154FB6853345C9735.
    const payload = Buffer.from('B5A1CD34B5F99D1154FB6853345C9735', 'hex');
    expect(autoKsuid((1_400_000_000 + 107608047) * 1000, () => payload)).toBe('0ujtsYcgvSTl8PAuAdqWYSMnLOv');
  });

  it('sorts by creation second', () => {
    const earlier = autoKsuid(1_700_000_000_000);
    const later = autoKsuid(1_700_000_100_000);
    expect(earlier < later).toBe(true);
  });
});
