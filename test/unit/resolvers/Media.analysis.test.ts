import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, mediaItem } from './fixtures';

/** Media.analysis — the `ANALYSIS#<kind>` items of the source media's partition. */
describe('Resolver: Media.analysis', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Media.analysis.ts');
  });

  it("queries the analysis items in the source media's partition", () => {
    // Act
    const request = valueOf(callRequest(resolver, { source: mediaItem({ id: 'media-7' }), identity: alice }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Query',
      query: {
        expression: 'pk = :pk AND begins_with(sk, :prefix)',
        expressionValues: { ':pk': S('MEDIA#media-7'), ':prefix': S('ANALYSIS#') },
      },
      limit: 100,
    });
  });

  it('returns the stored results as the list', () => {
    // Prepare
    const items = [
      { mediaId: 'media-7', owner: ALICE_SUB, kind: 'labels', status: 'SUCCEEDED', result: { labels: ['dog'] }, error: null, updatedAt: '2024-04-01T00:00:00.000Z' },
    ];

    // Act
    const value = valueOf(callResponse(resolver, { source: mediaItem({ id: 'media-7' }), identity: alice, result: { items } }));

    // Assess
    expect(value).toStrictEqual(items);
  });

  it('raises a data source failure with its DynamoDB type', () => {
    expect(
      errorOf(callResponse(resolver, { source: mediaItem(), identity: alice, result: null, error: dynamoError('InternalServerError', 'x') })).errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
