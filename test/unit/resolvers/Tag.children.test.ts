import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, earlyReturnOf, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, dynamoError, tagItem } from './fixtures';

/**
 * Tag.children — the byParent index (`PARENT#<id>`), unless tagTree already preloaded the children
 * on the source, in which case the data source is skipped with runtime.earlyReturn.
 * https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html
 */
describe('Resolver: Tag.children', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Tag.children.ts');
  });

  it("queries the byParent index for the source tag's children", () => {
    // Act
    const request = valueOf(callRequest(resolver, { source: tagItem('t-animal', 'Animal', null), identity: alice }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Query',
      index: 'byParent',
      query: { expression: 'gsi2pk = :pk', expressionValues: { ':pk': S('PARENT#t-animal') } },
      limit: 1000,
    });
  });

  it('answers from children preloaded by tagTree without calling DynamoDB', () => {
    // Prepare
    const dog = { ...tagItem('t-dog', 'Animal/Dog', 't-animal'), children: [] };
    const source = { ...tagItem('t-animal', 'Animal', null), children: [dog] };

    // Act
    const early = earlyReturnOf(callRequest(resolver, { source, identity: alice }));

    // Assess
    expect(early).toStrictEqual({ value: [dog], skipTo: null });
  });

  it('answers an empty preloaded list the same way (a leaf of the tree)', () => {
    expect(earlyReturnOf(callRequest(resolver, { source: { ...tagItem('t', 'Leaf', null), children: [] }, identity: alice })).value).toEqual([]);
  });

  it('returns the queried children', () => {
    // Prepare
    const items = [tagItem('t-cat', 'Animal/Cat', 't-animal'), tagItem('t-dog', 'Animal/Dog', 't-animal')];

    // Act
    const value = valueOf(callResponse(resolver, { source: tagItem('t-animal', 'Animal', null), identity: alice, result: { items } }));

    // Assess
    expect(value).toStrictEqual(items);
  });

  it('raises a data source failure with its DynamoDB type', () => {
    expect(
      errorOf(callResponse(resolver, { source: tagItem('t', 'T', null), identity: alice, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
