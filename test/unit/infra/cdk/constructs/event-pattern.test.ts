import { describe, expect, it } from 'vitest';
import { eventPatternOf, onDefaultBus } from '../../../../../infra/cdk/constructs/event-rules';

describe('Function: onDefaultBus', () => {
  it('puts rules matching only AWS services’ events on the default bus, where S3 sends them', () => {
    expect(onDefaultBus({ source: ['aws.s3'] })).toBe(true);
    expect(onDefaultBus({ source: ['aws.s3', 'mediagraph.ingest'] })).toBe(false);
    expect(onDefaultBus({ source: ['mediagraph.ingest'] })).toBe(false);
    expect(onDefaultBus({ 'detail-type': ['Object Created'] })).toBe(false);
  });
});

describe('Function: eventPatternOf', () => {
  it('keeps the pattern, renaming envelope fields to CDK’s names', () => {
    expect(eventPatternOf({ source: ['a'], 'detail-type': ['B'], detail: { key: [{ prefix: 'x/' }] } })).toEqual({
      source: ['a'],
      detailType: ['B'],
      detail: { key: [{ prefix: 'x/' }] },
    });
  });

  it('refuses a field that is not in EventBridge’s envelope', () => {
    expect(() => eventPatternOf({ sources: ['a'] })).toThrow(/not an EventBridge envelope field/);
  });
});
