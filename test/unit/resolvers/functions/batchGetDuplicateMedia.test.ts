import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, earlyReturnOf, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, duplicateRelation, dynamoError, mediaItem } from '../fixtures';

/**
 * batchGetDuplicateMedia (Query.duplicatesOf) — one BatchGetItem for the items the relations name;
 * none to read returns early with no request. BatchGetItem answers null in place of a missing key.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-batch-get-item.html
 */
describe('Function: batchGetDuplicateMedia', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/batchGetDuplicateMedia.ts');
  });

  const table = 'MediaTable-test';
  const field = 'Query.duplicatesOf';
  const relations = [duplicateRelation('media-1', 'media-2'), duplicateRelation('media-1', 'media-3', 'NEAR', 6)];

  it('reads nothing when the item has no relations: returns early with an empty list', () => {
    expect(earlyReturnOf(callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1', duplicates: [] } }))).toStrictEqual({ value: [], skipTo: null });
    expect(earlyReturnOf(callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1' } })).value).toStrictEqual([]);
  });

  it('reads the other item of every relation from the named table in one BatchGetItem', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1', duplicates: relations } }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'BatchGetItem',
      tables: { [table]: { keys: [{ pk: S('MEDIA#media-2'), sk: S('META') }, { pk: S('MEDIA#media-3'), sk: S('META') }] } },
    });
  });

  it('returns the items found, dropping the nulls BatchGetItem gives for deleted ones', () => {
    // Prepare
    const other = mediaItem({ id: 'media-3' });

    // Act
    const value = valueOf(
      callResponse(fn, { field, identity: alice, stash: { duplicates: relations }, result: { data: { [table]: [null, other] }, unprocessedKeys: { [table]: [] } } }),
    );

    // Assess
    expect(value).toStrictEqual([other]);
  });

  it('returns nothing when the table answered nothing', () => {
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: { duplicates: relations }, result: { data: {}, unprocessedKeys: {} } }))).toStrictEqual([]);
  });

  it("raises a failed read with DynamoDB's type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: { duplicates: relations }, result: null, error: dynamoError('ProvisionedThroughputExceededException', 'slow') })),
    ).toMatchObject({ errorType: 'DynamoDB:ProvisionedThroughputExceededException', message: 'slow' });
  });

  it('fails with a ConfigurationError when TABLE_NAME is not set', () => {
    expect(errorOf(callRequest(fn, { field, identity: alice, env: { TABLE_NAME: '' }, stash: { duplicates: relations } })).errorType).toBe('ConfigurationError');
  });
});
