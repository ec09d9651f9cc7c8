import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, dynamoError, mediaItem, versionItem } from './fixtures';

/**
 * Media.versions — the `VERSION#` items in the media item's partition, newest first (the version in the
 * sort key is zero-padded, so descending key order is descending version order).
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-query.html
 */
describe('Resolver: Media.versions', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Media.versions.ts');
  });

  const source = mediaItem({ id: 'media-7', versionCount: 3 });

  it("queries the parent item's partition for its versions, newest first, at most 100", () => {
    // Act
    const request = valueOf(callRequest(resolver, { source, identity: alice }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Query',
      query: { expression: 'pk = :pk AND begins_with(sk, :prefix)', expressionValues: { ':pk': S('MEDIA#media-7'), ':prefix': S('VERSION#') } },
      scanIndexForward: false,
      limit: 100,
    });
  });

  it('returns the version items', () => {
    // Prepare
    const versions = [versionItem('media-7', 3, { status: 'PENDING_UPLOAD' }), versionItem('media-7', 2), versionItem('media-7', 1)];

    // Act / Assess
    expect(valueOf(callResponse(resolver, { source, identity: alice, result: { items: versions, nextToken: null, scannedCount: 3 } }))).toStrictEqual(versions);
  });

  it("raises a failed query with DynamoDB's type", () => {
    expect(errorOf(callResponse(resolver, { source, identity: alice, result: null, error: dynamoError('InternalServerError', 'boom') }))).toMatchObject({
      errorType: 'DynamoDB:InternalServerError',
      message: 'boom',
    });
  });
});
