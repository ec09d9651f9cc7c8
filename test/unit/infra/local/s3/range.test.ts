import { describe, expect, it } from 'vitest';
import { selectRange } from '../../../../../infra/local/s3/range';

describe('Function: selectRange', () => {
  it.each([
    ['bytes=0-9', 100, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=50-500', 100, { kind: 'partial', start: 50, end: 99 }],
  ])('serves %s of a %i-byte object as a partial response', (header, size, expected) => {
    expect(selectRange(header, size)).toEqual(expected);
  });

  it.each([['bytes=100-'], ['bytes=200-300'], ['bytes=-0']])('answers %s of a 100-byte object as unsatisfiable', (header) => {
    expect(selectRange(header, 100)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([['bytes=0-1,5-6'], ['items=0-1'], ['bytes=9-1'], ['bytes=-']])('ignores %s and sends the whole object', (header) => {
    expect(selectRange(header, 100)).toEqual({ kind: 'full' });
  });
});
