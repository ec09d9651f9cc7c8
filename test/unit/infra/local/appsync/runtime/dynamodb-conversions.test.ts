import { describe, expect, it } from 'vitest';
import { createDynamodbUtils } from '../../../../../../infra/local/appsync/runtime/dynamodb-conversions';

/**
 * Documented inputs and outputs of util.dynamodb:
 * https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html
 * (numbers stay JSON numbers, e.g. toNumber(12345) is { "N": 12345 }; toS3Object's exact JSON string
 * as AWS returns it was recorded by the localstack/appsync-utils suite.)
 */
const dynamodb = createDynamodbUtils();

describe('Function: util.dynamodb.toDynamoDB', () => {
  it('converts the documented string and object examples', () => {
    expect(dynamodb.toDynamoDB('foo')).toEqual({ S: 'foo' });
    expect(dynamodb.toDynamoDB({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual({
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    });
  });

  it('types booleans, null and nested values, dropping undefined members', () => {
    expect(dynamodb.toDynamoDB(true)).toEqual({ BOOL: true });
    expect(dynamodb.toDynamoDB(null)).toEqual({ NULL: null });
    expect(dynamodb.toDynamoDB({ a: undefined, b: [null, { c: 1.5 }] })).toEqual({
      M: { b: { L: [{ NULL: null }, { M: { c: { N: 1.5 } } }] } },
    });
    expect(dynamodb.toDynamoDB([])).toEqual({ L: [] });
    expect(dynamodb.toDynamoDB({})).toEqual({ M: {} });
  });
});

describe('Function: util.dynamodb scalar and set helpers', () => {
  it('matches the documented outputs', () => {
    expect(dynamodb.toString('foo')).toEqual({ S: 'foo' });
    expect(dynamodb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
    expect(dynamodb.toNumber(12345)).toEqual({ N: 12345 });
    expect(dynamodb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
    expect(dynamodb.toBinary('foo')).toEqual({ B: 'foo' });
    expect(dynamodb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
    expect(dynamodb.toBoolean(true)).toEqual({ BOOL: true });
    expect(dynamodb.toNull()).toEqual({ NULL: null });
  });

  it('answers null for null or undefined input', () => {
    expect(dynamodb.toString(null)).toBeNull();
    expect(dynamodb.toString(undefined)).toBeNull();
    expect(dynamodb.toNumber(null)).toBeNull();
    expect(dynamodb.toStringSet(null)).toBeNull();
    expect(dynamodb.toBoolean(undefined)).toBeNull();
    expect(dynamodb.toList(null)).toBeNull();
    expect(dynamodb.toMap(null)).toBeNull();
    expect(dynamodb.toMapValues(undefined)).toBeNull();
  });

  it('copies set input instead of sharing the caller’s array', () => {
    const tags = ['a'];
    const set = dynamodb.toStringSet(tags);
    tags.push('b');
    expect(set).toEqual({ SS: ['a'] });
  });

  it('refuses a set that is not a list', () => {
    expect(() => dynamodb.toStringSet('a')).toThrow(TypeError);
  });
});

describe('Function: util.dynamodb.toList / toMap / toMapValues', () => {
  it('matches the documented outputs', () => {
    expect(dynamodb.toList(['foo', 123, { bar: 'baz' }])).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
    const input = { foo: 'bar', baz: 1234, beep: ['boop'] };
    expect(dynamodb.toMap(input)).toEqual({ M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } } });
    expect(dynamodb.toMapValues(input)).toEqual({ foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } });
    expect(dynamodb.toMapValues(input)).toEqual(dynamodb.toMap(input)?.M);
  });

  it('refuses a map that is not an object', () => {
    expect(() => dynamodb.toMapValues(['a'])).toThrow(TypeError);
  });
});

describe('Function: util.dynamodb.toS3Object / fromS3ObjectJson', () => {
  it('stores the S3 object as AppSync’s JSON string, version only when given', () => {
    expect(dynamodb.toS3Object('foo', 'bar', 'baz')).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' });
    expect(dynamodb.toS3Object('foo', 'bar', 'baz', 'beep')).toEqual({
      S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}',
    });
  });

  it('reads the stored string back into key, bucket, region and version', () => {
    const stored = dynamodb.toS3Object('foo', 'bar', 'baz', 'beep');
    expect(dynamodb.fromS3ObjectJson(stored?.S as string)).toEqual({ key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' });
    expect(dynamodb.fromS3ObjectJson(stored as unknown as string)).toEqual({ key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' });
    expect(dynamodb.fromS3ObjectJson('{"other":1}')).toBeNull();
  });
});
