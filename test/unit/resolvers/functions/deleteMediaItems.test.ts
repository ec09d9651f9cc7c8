import { beforeAll, describe, expect, it } from 'vitest';
import { N, S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, assignment, dynamoError, mediaItem } from '../fixtures';

/**
 * deleteMediaItems (Mutation.deleteMedia) — one TransactWriteItems deleting every item of the media
 * partition and decrementing each assigned tag's mediaCount, so the delete is all or nothing.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-transact-write-items.html
 */
describe('Function: deleteMediaItems', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/deleteMediaItems.ts');
  });

  const field = 'Mutation.deleteMedia';
  const table = 'MediaTable-test';

  it('deletes every item of the media and takes the item off each tag count, in one transaction', () => {
    // Prepare
    const mediaItems = [
      mediaItem(),
      assignment('media-1', 't-dog'),
      { pk: 'MEDIA#media-1', sk: 'ANALYSIS#labels', kind: 'labels' },
      { pk: 'MEDIA#media-1', sk: 'VERSION#1', version: 1 },
    ];

    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1', mediaItems } }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table, operation: 'DeleteItem', key: { pk: S('MEDIA#media-1'), sk: S('META') } },
        { table, operation: 'DeleteItem', key: { pk: S('MEDIA#media-1'), sk: S('TAG#t-dog') } },
        {
          table,
          operation: 'UpdateItem',
          key: { pk: S('TAG#t-dog'), sk: S('META') },
          update: { expression: 'ADD mediaCount :minusOne', expressionValues: { ':minusOne': N(-1) } },
          condition: { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false },
        },
        { table, operation: 'DeleteItem', key: { pk: S('MEDIA#media-1'), sk: S('ANALYSIS#labels') } },
        { table, operation: 'DeleteItem', key: { pk: S('MEDIA#media-1'), sk: S('VERSION#1') } },
      ],
    });
  });

  it('refuses with LimitExceeded when the writes would pass DynamoDB’s 100 actions per transaction', () => {
    // Prepare: META + 50 tags → 1 + 50 deletes + 50 count updates = 101 actions
    const mediaItems = [mediaItem(), ...Array.from({ length: 50 }, (_, i) => assignment('media-1', `t${i}`))];

    // Act
    const error = errorOf(callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1', mediaItems } }));

    // Assess
    expect(error).toMatchObject({ errorType: 'LimitExceeded', message: 'Deleting media media-1 needs 101 writes, over 100; remove its tags first' });
  });

  it('accepts exactly 100 actions', () => {
    // Prepare: 1 + 99 plain items
    const mediaItems = [mediaItem(), ...Array.from({ length: 99 }, (_, i) => ({ pk: 'MEDIA#media-1', sk: `VERSION#${i}` }))];

    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1', mediaItems } })) as { transactItems: unknown[] };

    // Assess
    expect(request.transactItems).toHaveLength(100);
  });

  it('returns the deleted media item authorizeMedia loaded', () => {
    // Prepare
    const media = mediaItem();

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: { media }, result: { keys: [], cancellationReasons: null } }))).toStrictEqual(media);
  });

  it('raises a cancelled transaction with its DynamoDB type, so nothing is reported deleted', () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: { media: mediaItem() }, result: null, error: dynamoError('TransactionCanceledException', 'cancelled') })),
    ).toMatchObject({ errorType: 'DynamoDB:TransactionCanceledException', message: 'cancelled' });
  });
});
