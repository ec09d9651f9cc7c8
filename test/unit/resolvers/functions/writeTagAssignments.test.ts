import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW_ISO, N, S, SS, callRequest, callResponse, earlyReturnOf, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, admin, alice, assignment, dynamoError, mediaItem } from '../fixtures';

/**
 * writeTagAssignments (addTags, removeTags) — one transaction per change: the assignment items,
 * each tag's mediaCount, and the media item's `tagIds` set that search filters on.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-transact-write-items.html
 */
describe('Function: writeTagAssignments', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/writeTagAssignments.ts');
  });

  const table = 'MediaTable-test';
  const exists = { expression: 'attribute_exists(pk)', returnValuesOnConditionCheckFailure: false };
  const media = mediaItem({ tagIds: ['t-old'] });
  const present = [assignment('media-1', 't-old')];
  const add = (tagIds: string[], identity = alice) =>
    callRequest(fn, { field: 'Mutation.addTags', identity, stash: { mediaId: 'media-1', media, assignments: present, tagIds, tagChange: 'ADD' } });
  const remove = (tagIds: string[]) =>
    callRequest(fn, { field: 'Mutation.removeTags', identity: alice, stash: { mediaId: 'media-1', media, assignments: present, tagIds, tagChange: 'REMOVE' } });

  it('adds only the new tags: the assignment, +1 on the tag count, and the id in the media tagIds set', () => {
    // Act
    const request = valueOf(add(['t-old', 't-dog']));

    // Assess
    expect(request).toStrictEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table,
          operation: 'PutItem',
          key: { pk: S('MEDIA#media-1'), sk: S('TAG#t-dog') },
          attributeValues: {
            entity: S('MediaTag'),
            mediaId: S('media-1'),
            tagId: S('t-dog'),
            owner: S(ALICE_SUB),
            source: S('USER'),
            confidence: N(1),
            createdAt: S(FIXED_NOW_ISO),
          },
          condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
        },
        {
          table,
          operation: 'UpdateItem',
          key: { pk: S('TAG#t-dog'), sk: S('META') },
          update: { expression: 'ADD mediaCount :delta SET updatedAt = :now', expressionValues: { ':delta': N(1), ':now': S(FIXED_NOW_ISO) } },
          condition: exists,
        },
        {
          table,
          operation: 'UpdateItem',
          key: { pk: S('MEDIA#media-1'), sk: S('META') },
          update: { expression: 'ADD tagIds :tagIds SET updatedAt = :now', expressionValues: { ':tagIds': SS(['t-dog']), ':now': S(FIXED_NOW_ISO) } },
          condition: exists,
        },
      ],
    });
  });

  it("records the media owner on the assignment even when an admin tags someone else's media", () => {
    // Act
    const request = valueOf(add(['t-dog'], admin)) as { transactItems: { attributeValues?: Record<string, unknown> }[] };

    // Assess
    expect(request.transactItems[0]?.attributeValues?.owner).toStrictEqual(S(ALICE_SUB));
  });

  it('removes only tags that are on the media: delete the assignment, -1 on the count, DELETE from tagIds', () => {
    // Act
    const request = valueOf(remove(['t-old', 't-never-there'])) as { transactItems: unknown[] };

    // Assess
    expect(request.transactItems).toStrictEqual([
      { table, operation: 'DeleteItem', key: { pk: S('MEDIA#media-1'), sk: S('TAG#t-old') }, condition: exists },
      {
        table,
        operation: 'UpdateItem',
        key: { pk: S('TAG#t-old'), sk: S('META') },
        update: { expression: 'ADD mediaCount :delta SET updatedAt = :now', expressionValues: { ':delta': N(-1), ':now': S(FIXED_NOW_ISO) } },
        condition: exists,
      },
      {
        table,
        operation: 'UpdateItem',
        key: { pk: S('MEDIA#media-1'), sk: S('META') },
        update: { expression: 'DELETE tagIds :tagIds SET updatedAt = :now', expressionValues: { ':tagIds': SS(['t-old']), ':now': S(FIXED_NOW_ISO) } },
        condition: exists,
      },
    ]);
  });

  it('writes nothing and returns the media as it is when no tag changes', () => {
    // Act
    const again = add(['t-old']);
    const absent = remove(['t-never-there']);

    // Assess
    expect(earlyReturnOf(again)).toStrictEqual({ value: media, skipTo: null });
    expect(earlyReturnOf(absent).value).toStrictEqual(media);
  });

  it('stashes what changed, from which the response computes the media item after the change', () => {
    // Act
    const added = add(['t-dog', 't-cat']);
    const addedValue = valueOf(callResponse(fn, { field: 'Mutation.addTags', identity: alice, stash: added.ctx.stash, result: { keys: [], cancellationReasons: null } }));
    const removed = remove(['t-old']);
    const removedValue = valueOf(callResponse(fn, { field: 'Mutation.removeTags', identity: alice, stash: removed.ctx.stash, result: { keys: [], cancellationReasons: null } }));

    // Assess
    expect(added.ctx.stash).toMatchObject({ changedTagIds: ['t-dog', 't-cat'], updatedAt: FIXED_NOW_ISO });
    expect(addedValue).toStrictEqual({ ...media, tagIds: ['t-old', 't-dog', 't-cat'], updatedAt: FIXED_NOW_ISO });
    expect(removedValue).toStrictEqual({ ...media, tagIds: [], updatedAt: FIXED_NOW_ISO });
  });

  it('reports a cancelled transaction as ConcurrentModification, so the caller knows to retry', () => {
    // Act
    const error = errorOf(
      callResponse(fn, {
        field: 'Mutation.addTags',
        identity: alice,
        stash: { mediaId: 'media-1', media, changedTagIds: ['t-dog'], tagChange: 'ADD' },
        result: { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed', message: 'The conditional request failed' }] },
        error: dynamoError('TransactionCanceledException', 'Transaction cancelled'),
      }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'ConcurrentModification', message: 'Tags of media media-1 changed concurrently or no longer exist; retry' });
  });

  it('fails with a ConfigurationError when TABLE_NAME is not set', () => {
    expect(
      errorOf(callRequest(fn, { field: 'Mutation.addTags', identity: alice, env: { TABLE_NAME: '' }, stash: { media, assignments: [], tagIds: ['t'], tagChange: 'ADD' } })).errorType,
    ).toBe('ConfigurationError');
  });
});
