import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, mediaItem } from '../fixtures';

/**
 * searchOwnerMedia (Query.searchMedia) — one Query over the caller's library, newest first, with a
 * filter on the media's `tagIds` set: each allOf subtree is an OR group, the groups ANDed, and the
 * anyOf subtree one more OR group.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html (contains)
 */
describe('Function: searchOwnerMedia', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/searchOwnerMedia.ts');
  });

  const field = 'Query.searchMedia';
  const request = (stash: Record<string, unknown>, args: Record<string, unknown> = {}) =>
    valueOf(callRequest(fn, { field, identity: alice, args: { tags: {}, ...args }, stash: { owner: ALICE_SUB, ...stash } })) as Record<string, unknown>;

  it('ANDs one OR group per allOf term and ORs the anyOf subtree, over the library newest first', () => {
    // Act
    const query = request({ allOfSubtrees: [['animal', 'dog'], ['beach']], anyOfSubtree: ['y2023', 'y2024'] });

    // Assess
    expect(query).toStrictEqual({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: 'gsi1pk = :pk', expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#MEDIA`) } },
      filter: {
        expression:
          '(contains(#tagIds, :t0) OR contains(#tagIds, :t1)) AND (contains(#tagIds, :t2)) AND (contains(#tagIds, :t3) OR contains(#tagIds, :t4))',
        expressionNames: { '#tagIds': 'tagIds' },
        expressionValues: { ':t0': S('animal'), ':t1': S('dog'), ':t2': S('beach'), ':t3': S('y2023'), ':t4': S('y2024') },
      },
      scanIndexForward: false,
      limit: 20,
    });
  });

  it('filters with the anyOf group alone when there is no allOf term', () => {
    // Act
    const query = request({ allOfSubtrees: [], anyOfSubtree: ['cat', 'dog'] });

    // Assess
    expect(query.filter).toMatchObject({ expression: '(contains(#tagIds, :t0) OR contains(#tagIds, :t1))' });
  });

  it("passes the caller's limit (clamped) and nextToken through", () => {
    expect(request({ allOfSubtrees: [['a']], anyOfSubtree: [] }, { limit: 7, nextToken: 'page-2' })).toMatchObject({ limit: 7, nextToken: 'page-2' });
    expect(request({ allOfSubtrees: [['a']], anyOfSubtree: [] }, { limit: 10_000 })).toMatchObject({ limit: 100 });
  });

  it('returns the page, nextToken null on the last one', () => {
    // Prepare
    const items = [mediaItem()];

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, result: { items } }))).toStrictEqual({ items, nextToken: null });
    expect(valueOf(callResponse(fn, { field, identity: alice, result: { items: [], nextToken: 'more' } }))).toStrictEqual({ items: [], nextToken: 'more' });
  });

  it("raises a failed query with DynamoDB's error type", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, result: null, error: dynamoError('ValidationException', 'Filter Expression can only contain non-primary key attributes') }))).toMatchObject({
      errorType: 'DynamoDB:ValidationException',
    });
  });
});
