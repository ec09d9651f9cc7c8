import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, duplicateRelation, dynamoError, mediaItem } from '../fixtures';

/**
 * listDuplicates (Query.duplicatesOf) — the `DUP#` relations stored in the item's partition, into
 * ctx.stash.duplicates for batchGetDuplicateMedia and the response.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-query.html
 */
describe('Function: listDuplicates', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/listDuplicates.ts');
  });

  const field = 'Query.duplicatesOf';
  const stash = { mediaId: 'media-1', media: mediaItem() };

  it("queries the item's partition for the duplicate relations, at most 100", () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Query',
      query: { expression: 'pk = :pk AND begins_with(sk, :prefix)', expressionValues: { ':pk': S('MEDIA#media-1'), ':prefix': S('DUP#') } },
      limit: 100,
    });
  });

  it('stashes and returns the relations', () => {
    // Prepare
    const relations = [duplicateRelation('media-1', 'media-2'), duplicateRelation('media-1', 'media-3', 'NEAR', 6)];

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash, result: { items: relations, nextToken: null, scannedCount: 2 } });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(relations);
    expect(outcome.ctx.stash.duplicates).toEqual(relations);
  });

  it("raises a failed query with DynamoDB's type", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, stash, result: null, error: dynamoError('InternalServerError', 'boom') }))).toMatchObject({
      errorType: 'DynamoDB:InternalServerError',
    });
  });
});
