import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW_ISO, S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, dynamoError, mediaItem } from '../fixtures';

/**
 * markUploaded (Mutation.completeMultipartUpload) — moves the item from PENDING_UPLOAD to UPLOADED,
 * only from PENDING_UPLOAD: the object-created event may already have started ingest. When the
 * condition fails AppSync hands the response the item as it is now in ctx.result, with the error.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-condition-expressions.html
 */
describe('Function: markUploaded', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/markUploaded.ts');
  });

  const field = 'Mutation.completeMultipartUpload';
  const pending = mediaItem({ status: 'PENDING_UPLOAD', progress: 0, stage: 'upload', versionCount: 2 });
  const stash = { mediaId: 'media-1', version: 2, media: pending };

  it('sets UPLOADED on the item, on condition it is still PENDING_UPLOAD', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash }));

    // Assess (the update's values only as far as its expression uses them: see the placeholder bug below)
    expect(request).toStrictEqual({
      operation: 'UpdateItem',
      key: { pk: S('MEDIA#media-1'), sk: S('META') },
      update: {
        expression: 'SET #status = :uploaded, stage = :stage, updatedAt = :now',
        expressionNames: { '#status': 'status' },
        expressionValues: expect.objectContaining({ ':uploaded': S('UPLOADED'), ':stage': S('uploaded'), ':now': S(FIXED_NOW_ISO) }),
      },
      condition: { expression: '#status = :pending', expressionNames: { '#status': 'status' }, expressionValues: { ':pending': S('PENDING_UPLOAD') } },
    });
  });

  // BUG (resolvers/functions/markUploaded.ts:14-16): `:pending` is declared in both update.expressionValues
  // (where the update expression does not even use it) and condition.expressionValues. AppSync merges the
  // two maps and, since late 2021, refuses a request that declares a placeholder twice rather than letting
  // one silently replace the other (aws/aws-appsync-community#162, maintainer: "We have added an exception
  // for this issue when it occurs so that duplicates are not allowed"). The local runtime merges silently
  // (infra/local/appsync/datasources/dynamodb-commands.ts placeholders()), so only the cloud would fail.
  it('declares each expression value once, across the update and its condition', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash })) as {
      update: { expressionValues: Record<string, unknown> };
      condition: { expressionValues: Record<string, unknown> };
    };

    // Assess
    const inUpdate = Object.keys(request.update.expressionValues);
    expect(Object.keys(request.condition.expressionValues).filter((name) => inUpdate.includes(name))).toEqual([]);
  });

  it('returns the updated item', () => {
    // Prepare
    const uploaded = { ...pending, status: 'UPLOADED', stage: 'uploaded', updatedAt: FIXED_NOW_ISO };

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash, result: uploaded }))).toStrictEqual(uploaded);
  });

  it('tolerates the failed condition when ingest already moved on, returning the item as it is now', () => {
    // Prepare
    const processing = { ...pending, status: 'PROCESSING', progress: 30, stage: 'metadata' };

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash, result: processing, error: dynamoError('ConditionalCheckFailedException', 'The conditional request failed') });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(processing);
  });

  it('falls back to the item read before when the failed condition came without the current item', () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash, result: null, error: dynamoError('ConditionalCheckFailedException', 'The conditional request failed') });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(pending);
  });

  it("raises any other failure with DynamoDB's type", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, stash, result: null, error: dynamoError('InternalServerError', 'boom') }))).toMatchObject({
      errorType: 'DynamoDB:InternalServerError',
      message: 'boom',
    });
  });
});
