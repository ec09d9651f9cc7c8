import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MappingTemplateError } from '../../../../../../infra/local/appsync/datasources/dynamodb-errors';
import {
  canonicalItemText,
  canonicalText,
  isPlainObject,
  toPlainItem,
  toPlainValue,
  toSdkAttributeValue,
  toSdkItem,
} from '../../../../../../infra/local/appsync/datasources/dynamodb-typed-values';

describe('Function: toSdkAttributeValue', () => {
  it('turns AppSync JSON numbers inside N and NS into the number strings the SDK sends', () => {
    expect(toSdkAttributeValue({ N: 12345 }, '$[x]')).toEqual({ N: '12345' });
    expect(toSdkAttributeValue({ N: 4.56 }, '$[x]')).toEqual({ N: '4.56' });
    expect(toSdkAttributeValue({ N: '-7' }, '$[x]')).toEqual({ N: '-7' });
    expect(toSdkAttributeValue({ NS: [1, '23', 4.56] }, '$[x]')).toEqual({ NS: ['1', '23', '4.56'] });
  });

  it('decodes base64 in B and BS to bytes', () => {
    const value = toSdkAttributeValue({ B: 'aGVsbG8=' }, '$[x]');
    const set = toSdkAttributeValue({ BS: ['aGk=', 'eW8='] }, '$[x]');

    expect(Buffer.from(value.B as Uint8Array).toString()).toBe('hello');
    expect((set.BS as Uint8Array[]).map((bytes) => Buffer.from(bytes).toString())).toEqual(['hi', 'yo']);
  });

  it('accepts { NULL: null } as util.dynamodb.toNull() writes it', () => {
    expect(toSdkAttributeValue({ NULL: null }, '$[x]')).toEqual({ NULL: true });
    expect(toSdkAttributeValue({ NULL: true }, '$[x]')).toEqual({ NULL: true });
  });

  it('converts maps and lists recursively', () => {
    expect(toSdkAttributeValue({ M: { a: { L: [{ N: 1 }, { S: 's' }, { BOOL: false }] } } }, '$[x]')).toEqual({
      M: { a: { L: [{ N: '1' }, { S: 's' }, { BOOL: false }] } },
    });
  });

  it.each([
    [{ S: 1 }, "Expected a string at '$[key][id][S]' but got number 1."],
    [{ N: 'twelve' }, "Expected a number at '$[key][id][N]'"],
    [{ N: Number.NaN }, "Expected a number at '$[key][id][N]'"],
    [{ B: 'not base64!' }, "Expected a base64 string at '$[key][id][B]'"],
    [{ NULL: false }, "Expected true or null at '$[key][id][NULL]'"],
    [{ S: 'a', N: 1 }, "Expected exactly one of S, N, B, SS, NS, BS, M, L, NULL, BOOL at '$[key][id]'"],
    [{ X: 'a' }, 'but got keys [X]'],
    ['plain', "Expected a DynamoDB typed value (e.g. { \"S\": \"x\" }) at '$[key][id]' but got string \"plain\"."],
  ])('rejects %j naming where it is', (value, message) => {
    expect(() => toSdkAttributeValue(value, '$[key][id]')).toThrow(MappingTemplateError);
    expect(() => toSdkAttributeValue(value, '$[key][id]')).toThrow(message);
  });

  it('skips undefined attributes of a map (a JS resolver leaving a field out)', () => {
    expect(toSdkItem({ a: { S: 'x' }, b: undefined }, '$[attributeValues]')).toEqual({ a: { S: 'x' } });
  });
});

describe('Function: toPlainValue', () => {
  it('converts every DynamoDB type the way AppSync documents', () => {
    expect(
      toPlainItem({
        s: { S: 'x' },
        n: { N: '25' },
        f: { N: '1.5' },
        ss: { SS: ['a', 'b'] },
        ns: { NS: ['67.8', '12.2', '70'] },
        b: { B: Buffer.from('Hello, World!\n') },
        bs: { BS: [Buffer.from('hi'), Buffer.from('yo')] },
        bool: { BOOL: true },
        nil: { NULL: true },
        m: { M: { inner: { N: '1' } } },
        l: { L: [{ S: 'a' }, { N: '2' }] },
      }),
    ).toEqual({
      s: 'x',
      n: 25,
      f: 1.5,
      ss: ['a', 'b'],
      ns: [67.8, 12.2, 70],
      b: 'SGVsbG8sIFdvcmxkIQo=',
      bs: ['aGk=', 'eW8='],
      bool: true,
      nil: null,
      m: { inner: 1 },
      l: ['a', 2],
    });
  });

  it('passes through the base64 strings DynamoDB answers with for B and BS', () => {
    expect(toPlainItem({ b: { B: 'SGVsbG8sIFdvcmxkIQo=' }, bs: { BS: ['aGk=', 'eW8='] } })).toEqual({
      b: 'SGVsbG8sIFdvcmxkIQo=',
      bs: ['aGk=', 'eW8='],
    });
  });

  it('returns null for a value of no known type', () => {
    expect(toPlainValue({ $unknown: ['X', 1] } as never)).toBeNull();
  });
});

describe('Function: canonicalText', () => {
  it('treats numbers by value, sets in any order and maps in any key order as equal', () => {
    expect(canonicalText({ N: '1.50' })).toBe(canonicalText({ N: '1.5' }));
    expect(canonicalText({ SS: ['b', 'a'] })).toBe(canonicalText({ SS: ['a', 'b'] }));
    expect(canonicalText({ M: { a: { S: '1' }, b: { S: '2' } } })).toBe(canonicalText({ M: { b: { S: '2' }, a: { S: '1' } } }));
  });

  it('treats bytes from a request and the same bytes as base64 from DynamoDB as equal', () => {
    expect(canonicalText({ B: Buffer.from('hi') })).toBe(canonicalText({ B: 'aGk=' }));
    expect(canonicalText({ BS: [Buffer.from('yo'), Buffer.from('hi')] })).toBe(canonicalText({ BS: ['aGk=', 'eW8='] }));
    expect(canonicalText({ B: Buffer.from('hi') })).not.toBe(canonicalText({ B: 'eW8=' }));
  });

  it('tells different values and types apart', () => {
    expect(canonicalText({ S: '1' })).not.toBe(canonicalText({ N: '1' }));
    expect(canonicalText({ L: [{ S: 'a' }, { S: 'b' }] })).not.toBe(canonicalText({ L: [{ S: 'b' }, { S: 'a' }] }));
  });

  it('compares items on the chosen attributes only', () => {
    const item = { pk: { S: 'a' }, sk: { S: 'b' }, name: { S: 'x' } };
    const key = { sk: { S: 'b' }, pk: { S: 'a' } };

    expect(canonicalItemText(item, ['pk', 'sk'])).toBe(canonicalItemText(key, ['pk', 'sk']));
    expect(canonicalItemText(item)).not.toBe(canonicalItemText(key));
  });
});

describe('Function: isPlainObject', () => {
  it('accepts objects made in another realm, as resolver bundles run in their own VM context', () => {
    const foreign = runInNewContext('({ key: { pk: { S: "a" } }, list: [1] })') as { key: object; list: unknown };

    expect(isPlainObject(foreign)).toBe(true);
    expect(isPlainObject(foreign.key)).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
  });

  it('rejects arrays, bytes, dates, class instances and null', () => {
    class Thing {}

    for (const value of [[], new Uint8Array(1), new Date(), new Thing(), null, 'x', runInNewContext('[1]')]) {
      expect(isPlainObject(value)).toBe(false);
    }
  });
});
