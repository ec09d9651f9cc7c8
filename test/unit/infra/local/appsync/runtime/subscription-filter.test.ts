import { describe, expect, it } from 'vitest';
import { toSubscriptionFilter } from '../../../../../../infra/local/appsync/runtime/subscription-filter';

/**
 * Expected values are AppSync's output as recorded from AWS by the localstack/appsync-utils suite
 * (__tests__/transform-subscription.test.js). The operator/field example is the one AppSync's
 * enhanced-filtering docs use (percentageUp / title / downvotes / author / isPublished):
 * https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
 */

const filter = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });

describe('Function: util.transform.toSubscriptionFilter', () => {
  it('makes one group for one operator on one field', () => {
    expect(toSubscriptionFilter({ a: { eq: 1 } })).toEqual({ filterGroup: [{ filters: [filter('a', 'eq', 1)] }] });
  });

  it('combines fields and and-members into one group, in key order', () => {
    expect(toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } })).toEqual({
      filterGroup: [{ filters: [filter('a', 'eq', 1), filter('b', 'eq', 2)] }],
    });
    expect(toSubscriptionFilter({ z: { eq: 0 }, and: [{ a: { eq: 1 } }] })).toEqual({
      filterGroup: [{ filters: [filter('z', 'eq', 0), filter('a', 'eq', 1)] }],
    });
  });

  it('keeps a field path as written', () => {
    expect(toSubscriptionFilter({ 'loc.addr.country': { eq: 'USA' } })).toEqual({
      filterGroup: [{ filters: [filter('loc.addr.country', 'eq', 'USA')] }],
    });
  });

  it('makes every operator of a field and every or-member an alternative group', () => {
    expect(toSubscriptionFilter({ a: { eq: 1, ne: 2 } })).toEqual({
      filterGroup: [{ filters: [filter('a', 'eq', 1)] }, { filters: [filter('a', 'ne', 2)] }],
    });
    expect(toSubscriptionFilter({ and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] })).toEqual({
      filterGroup: [
        { filters: [filter('a', 'eq', 1), filter('b', 'eq', 2)] },
        { filters: [filter('a', 'eq', 1), filter('c', 'eq', 3)] },
      ],
    });
  });

  it('multiplies operators, and-groups and or-groups out in the order AppSync does', () => {
    // Act
    const result = toSubscriptionFilter({
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    });

    // Assess
    const shared = [filter('title', 'ne', 'Book1'), filter('downvotes', 'gt', 2000)];
    expect(result).toEqual({
      filterGroup: [
        { filters: [filter('percentageUp', 'lte', 50), ...shared, filter('author', 'eq', 'Admin')] },
        { filters: [filter('percentageUp', 'lte', 50), ...shared, filter('isPublished', 'eq', false)] },
        { filters: [filter('percentageUp', 'gte', 20), ...shared, filter('author', 'eq', 'Admin')] },
        { filters: [filter('percentageUp', 'gte', 20), ...shared, filter('isPublished', 'eq', false)] },
      ],
    });
  });

  it('carries operators and values through unchecked, including unknown operators and not as a field', () => {
    expect(toSubscriptionFilter({ a: { in: [1, 2] }, b: { notIn: ['x'] }, c: { between: [1, 9] }, d: { containsAny: ['x', 'y'] } })).toEqual({
      filterGroup: [
        {
          filters: [filter('a', 'in', [1, 2]), filter('b', 'notIn', ['x']), filter('c', 'between', [1, 9]), filter('d', 'containsAny', ['x', 'y'])],
        },
      ],
    });
    expect(toSubscriptionFilter({ a: { bogus: 1 } })).toEqual({ filterGroup: [{ filters: [filter('a', 'bogus', 1)] }] });
    expect(toSubscriptionFilter({ not: { a: { eq: 1 } } })).toEqual({
      filterGroup: [{ filters: [filter('not', 'a', { eq: 1 })] }],
    });
  });

  describe('excludeKeys (ignoredFields)', () => {
    it('drops an ignored field', () => {
      expect(toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } }, ['a'])).toEqual({
        filterGroup: [{ filters: [filter('b', 'eq', 2)] }],
      });
    });

    it('drops an ignored field nested in an and', () => {
      expect(toSubscriptionFilter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ['b'])).toEqual({
        filterGroup: [{ filters: [filter('a', 'eq', 1)] }],
      });
    });

    it('drops the client-supplied filter fields named in ignoredFields before adding rules (documented pattern)', () => {
      // The docs' pattern: pass ctx.args.filter through, ignore some keys, enforce rules.
      const result = toSubscriptionFilter(
        { severity: { ge: 3 }, owner: { eq: 'someone-else' } },
        ['owner'],
        { owner: { eq: 'me' } },
      );
      expect(result).toEqual({ filterGroup: [{ filters: [filter('severity', 'ge', 3), filter('owner', 'eq', 'me')] }] });
    });
  });

  describe('rules', () => {
    it('adds each rule as an alternative to every group', () => {
      expect(toSubscriptionFilter({ a: { eq: 1 } }, [], { r1: { gte: 250 }, r2: { eq: 'p' } })).toEqual({
        filterGroup: [
          { filters: [filter('a', 'eq', 1), filter('r1', 'gte', 250)] },
          { filters: [filter('a', 'eq', 1), filter('r2', 'eq', 'p')] },
        ],
      });
    });

    it('makes groups from rules alone', () => {
      expect(toSubscriptionFilter({}, [], { r1: { eq: 1 } })).toEqual({ filterGroup: [{ filters: [filter('r1', 'eq', 1)] }] });
    });
  });

  it.each([
    ['an empty filter', {}],
    ['a field with no operator', { a: {} }],
    ['an empty and', { and: [] }],
  ])('answers an empty filterGroup for %s', (_name, input) => {
    expect(toSubscriptionFilter(input)).toEqual({ filterGroup: [] });
  });

  it.each([
    ['null', null],
    ['no filter at all', undefined],
    ['an array', []],
    ['a JSON string', '{"a":{"eq":1}}'],
  ])('answers null for %s', (_name, input) => {
    expect(toSubscriptionFilter(input)).toBeNull();
  });

  it('copies values, so changing the input afterwards does not change the filter', () => {
    const ids = ['a'];
    const result = toSubscriptionFilter({ id: { in: ids } });
    ids.push('b');
    expect(result?.filterGroup[0]?.filters[0]?.value).toEqual(['a']);
  });
});
