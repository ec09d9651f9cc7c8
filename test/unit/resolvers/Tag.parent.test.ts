import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, earlyReturnOf, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, dynamoError, tagItem } from './fixtures';

/** Tag.parent — GetItem of the parent tag; a root tag answers null without a request. */
describe('Resolver: Tag.parent', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Tag.parent.ts');
  });

  it("gets the parent tag's META item", () => {
    // Act
    const request = valueOf(callRequest(resolver, { source: tagItem('t-dog', 'Animal/Dog', 't-animal'), identity: alice }));

    // Assess
    expect(request).toStrictEqual({ operation: 'GetItem', key: { pk: S('TAG#t-animal'), sk: S('META') } });
  });

  it('answers null for a root tag without calling DynamoDB', () => {
    expect(earlyReturnOf(callRequest(resolver, { source: tagItem('t-animal', 'Animal', null), identity: alice }))).toStrictEqual({
      value: null,
      skipTo: null,
    });
  });

  it('returns the parent item', () => {
    // Prepare
    const parent = tagItem('t-animal', 'Animal', null);

    // Act
    const value = valueOf(callResponse(resolver, { source: tagItem('t-dog', 'Animal/Dog', 't-animal'), identity: alice, result: parent }));

    // Assess
    expect(value).toStrictEqual(parent);
  });

  it('raises a data source failure with its DynamoDB type', () => {
    expect(
      errorOf(callResponse(resolver, { source: tagItem('t-dog', 'A/Dog', 'a'), identity: alice, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
