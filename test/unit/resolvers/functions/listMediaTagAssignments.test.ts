import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, assignment, dynamoError } from '../fixtures';

/** listMediaTagAssignments (Media.tags, addTags, removeTags) — the `TAG#` items of a media item into ctx.stash.assignments. */
describe('Function: listMediaTagAssignments', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/listMediaTagAssignments.ts');
  });

  it("queries the TAG# items of the stashed media's partition, consistently", () => {
    expect(valueOf(callRequest(fn, { field: 'Mutation.addTags', identity: alice, stash: { mediaId: 'media-1' } }))).toStrictEqual({
      operation: 'Query',
      query: { expression: 'pk = :pk AND begins_with(sk, :prefix)', expressionValues: { ':pk': S('MEDIA#media-1'), ':prefix': S('TAG#') } },
      consistentRead: true,
      limit: 100,
    });
  });

  it('stashes the assignments for the next step', () => {
    // Prepare
    const items = [assignment('media-1', 't-dog'), assignment('media-1', 't-cat', { source: 'AUTO', confidence: 0.7 })];

    // Act
    const outcome = callResponse(fn, { field: 'Media.tags', identity: alice, stash: { mediaId: 'media-1' }, result: { items } });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(items);
    expect(outcome.ctx.stash.assignments).toEqual(items);
  });

  it("raises a failed query with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field: 'Media.tags', identity: alice, stash: { mediaId: 'm' }, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
