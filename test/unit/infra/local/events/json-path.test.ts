import { describe, expect, it } from 'vitest';
import { JsonPathError, parseJsonPath, readJsonPath } from '../../../../../infra/local/events/json-path';

const event = { detail: { mediaId: 'm1', 'a b': 2, list: [{ x: 1 }] }, resources: ['arn:1'] };

describe('Function: readJsonPath', () => {
  it('reads $, dotted names, quoted names and indexes', () => {
    expect(readJsonPath(event, parseJsonPath('$'))).toBe(event);
    expect(readJsonPath(event, parseJsonPath('$.detail'))).toBe(event.detail);
    expect(readJsonPath(event, parseJsonPath('$.detail.mediaId'))).toBe('m1');
    expect(readJsonPath(event, parseJsonPath("$.detail['a b']"))).toBe(2);
    expect(readJsonPath(event, parseJsonPath('$.detail.list[0].x'))).toBe(1);
    expect(readJsonPath(event, parseJsonPath('$.resources[0]'))).toBe('arn:1');
  });

  it('gives undefined where the event has nothing', () => {
    expect(readJsonPath(event, parseJsonPath('$.detail.missing.deeper'))).toBeUndefined();
    expect(readJsonPath(event, parseJsonPath('$.resources[5]'))).toBeUndefined();
  });

  it('refuses paths outside the subset when the rules load', () => {
    expect(() => parseJsonPath('detail.x')).toThrow(JsonPathError);
    expect(() => parseJsonPath('$..x')).toThrow('Invalid JSONPath "$..x"');
    expect(() => parseJsonPath('$.detail[*]')).toThrow(JsonPathError);
  });
});
