import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, earlyReturnOf, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, assignment, dynamoError, tagItem } from '../fixtures';

/**
 * batchGetTags (Media.tags) — BatchGetItem of the assigned tags, which must name the table
 * (ctx.env.TABLE_NAME); AppSync returns `data[table]` with null for keys it did not find.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-batch-get-item.html
 */
describe('Function: batchGetTags', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/batchGetTags.ts');
  });

  const field = 'Media.tags';

  it('gets the tag item of every assignment from the configured table', () => {
    // Prepare
    const assignments = [assignment('media-1', 't-dog'), assignment('media-1', 't-beach')];

    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { assignments } }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'BatchGetItem',
      tables: {
        'MediaTable-test': {
          keys: [
            { pk: S('TAG#t-dog'), sk: S('META') },
            { pk: S('TAG#t-beach'), sk: S('META') },
          ],
        },
      },
    });
  });

  it('skips DynamoDB for untagged media (an empty BatchGetItem is invalid) and answers []', () => {
    expect(earlyReturnOf(callRequest(fn, { field, identity: alice, stash: { assignments: [] } }))).toStrictEqual({ value: [], skipTo: null });
  });

  it('fails with a ConfigurationError when TABLE_NAME is not set for the API', () => {
    expect(
      errorOf(callRequest(fn, { field, identity: alice, stash: { assignments: [assignment('m', 't')] }, env: { TABLE_NAME: '' } })),
    ).toMatchObject({ errorType: 'ConfigurationError', message: 'TABLE_NAME is not configured for this API' });
  });

  it('returns the tags found, dropping the nulls of deleted ones', () => {
    // Prepare
    const dog = tagItem('t-dog', 'Dog', null);

    // Act
    const value = valueOf(callResponse(fn, { field, identity: alice, result: { data: { 'MediaTable-test': [dog, null] }, unprocessedKeys: { 'MediaTable-test': [] } } }));

    // Assess
    expect(value).toStrictEqual([dog]);
  });

  it("raises a failed batch with DynamoDB's error type", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, result: null, error: dynamoError('InternalServerError', 'x') })).errorType).toBe(
      'DynamoDB:InternalServerError',
    );
  });
});
