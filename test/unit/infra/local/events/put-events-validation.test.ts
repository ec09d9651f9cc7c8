import { describe, expect, it } from 'vitest';
import { PutEventsValidationError, entrySize, validateEntry, validatePutEventsRequest } from '../../../../../infra/local/events/put-events-validation';

const anyBus = () => true;

describe('Function: entrySize', () => {
  it('counts as the PutEvents size page does: 14 bytes for Time, UTF-8 bytes of the strings', () => {
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
    expect(entrySize({ Time: new Date(), Source: 'abc', DetailType: 'é', Detail: '{}', Resources: ['r1', 'r22'] })).toBe(14 + 3 + 2 + 2 + 2 + 3);
    expect(entrySize({ Source: 'abc' })).toBe(3);
  });
});

describe('Function: validatePutEventsRequest', () => {
  it('allows 1 to 10 entries', () => {
    expect(() => validatePutEventsRequest([])).toThrow(PutEventsValidationError);
    expect(() => validatePutEventsRequest(new Array(11).fill({ Source: 's' }))).toThrow('Member must have length less than or equal to 10');
    expect(() => validatePutEventsRequest(new Array(10).fill({ Source: 's' }))).not.toThrow();
  });

  it('allows 256 KB of entries in total, not a byte more', () => {
    const exactly = 'x'.repeat(256 * 1024 - 2);
    expect(() => validatePutEventsRequest([{ Source: 'ab', Detail: exactly }])).not.toThrow();
    expect(() => validatePutEventsRequest([{ Source: 'abc', Detail: exactly }])).toThrow('Total size of the entries in the request is over the limit.');
  });
});

describe('Function: validateEntry', () => {
  it('turns a valid entry into content, reading Time as epoch seconds like the SDK sends it', () => {
    // Act
    const verdict = validateEntry({ Source: 'mediagraph.ingest', DetailType: 'Media Ingested', Detail: '{"a":1}', Resources: ['r'], Time: 1767225600 }, anyBus);

    // Assess
    expect(verdict).toEqual({
      ok: true,
      content: { source: 'mediagraph.ingest', detailType: 'Media Ingested', detail: { a: 1 }, resources: ['r'], time: new Date('2026-01-01T00:00:00Z') },
    });
  });

  it('refuses a detail that is JSON but not an object', () => {
    for (const Detail of ['"text"', '42', '[1]', 'null', 'not json']) {
      expect(validateEntry({ Source: 's', DetailType: 't', Detail }, anyBus)).toEqual({ ok: false, error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } });
    }
  });

  it('names the first missing parameter', () => {
    expect(validateEntry({}, anyBus)).toMatchObject({ error: { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' } });
    expect(validateEntry({ Source: 's', DetailType: 't' }, anyBus)).toMatchObject({ error: { ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' } });
  });
});
